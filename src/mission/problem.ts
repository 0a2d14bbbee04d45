/**
 * One problem found in a mission, located by its path in the document. Schema errors and rule
 * violations both become Problems; parse-mission turns them into `file:line: path: message`.
 */

export type PathSegment = string | number;

export interface Problem {
  /** Where the problem is, in mission vocabulary (`dataflows[0].deliverTo`). */
  path: PathSegment[];
  /** What is wrong, with the value and the fix; no location prefix. */
  message: string;
  /** Node whose line to report, when it differs from `path` (the key of an unknown key). */
  linePath?: PathSegment[];
}

const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `['dataflows', 0, 'deliverTo']` → `dataflows[0].deliverTo`; `[]` → `(root)`. */
export function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (BARE_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

const MAX_PREVIEW = 80;

/**
 * A short JSON rendering of a value for `(got ...)`: bounded in depth and length so hostile or
 * huge input cannot blow up a message (or the stack).
 */
export function formatValue(value: unknown): string {
  const text = preview(value, 3);
  return text.length > MAX_PREVIEW ? `${text.slice(0, MAX_PREVIEW - 1)}…` : text;
}

function preview(value: unknown, depth: number): string {
  if (value === undefined) return 'nothing';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? String(value);
  if (depth === 0) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) {
    return `[${value
      .slice(0, 10)
      .map((v) => preview(v, depth - 1))
      .join(',')}${value.length > 10 ? ',…' : ''}]`;
  }
  const entries = Object.entries(value).slice(0, 10);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${preview(v, depth - 1)}`).join(',')}}`;
}

/** The value at `path` in plain data, or undefined. */
export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg as string];
  }
  return cur;
}

/** `(got <json>)`, or '' when there is no value at all. */
export function formatGot(value: unknown): string {
  return value === undefined ? '' : ` (got ${formatValue(value)})`;
}
