/**
 * ajv errors → Problems in the mission's own words (style.md item 8): `missing required key`,
 * `unknown key`, `must be one of`, `expected string but got 3`, one explanation per pattern,
 * and one clear message for `auto`-or-value fields instead of the anyOf noise.
 */
import type { ErrorObject } from 'ajv';
import { formatGot, formatValue, valueAt, type PathSegment, type Problem } from './problem.ts';
import { ANYOF_HELP, FIELD_HINTS, PATTERN_HELP, REQUIRED_HINTS, WRONG_KEY } from './schema-messages.ts';

type SchemaDoc = { definitions: Record<string, object> };

/** Turn ajv's errors (allErrors + verbose) into one Problem per real mistake. */
export function formatSchemaErrors(errors: readonly ErrorObject[], data: unknown, schema: SchemaDoc): Problem[] {
  const names = new Map<unknown, string>(Object.entries(schema.definitions).map(([k, v]) => [v, k]));
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const e of dropNoise(errors)) {
    const p = formatError(e, data, names);
    const key = `${JSON.stringify(p.path)} ${p.message}`;
    if (!seen.has(key)) out.push(p);
    seen.add(key);
  }
  return out;
}

const within = (path: string, base: string) => path === base || path.startsWith(`${base}/`);

/** Drop `if`/`propertyNames` wrappers, resolve anyOf groups, and the twin of a wrong-direction key. */
function dropNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const drop = new Set<ErrorObject>(errors.filter((e) => e.keyword === 'if' || e.keyword === 'propertyNames'));
  for (const a of errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
    const subs = errors.filter((e) => e !== a && e.schemaPath.startsWith(`${a.schemaPath}/`) && within(e.instancePath, a.instancePath));
    const deeper = subs.filter((e) => e.instancePath !== a.instancePath);
    // A branch matched the value's shape and failed inside it: report only that inner failure.
    for (const e of deeper.length > 0 ? [a, ...subs.filter((s) => !deeper.includes(s))] : subs) drop.add(e);
  }
  for (const f of errors.filter((e) => e.keyword === 'false schema')) {
    const parent = f.instancePath.slice(0, f.instancePath.lastIndexOf('/'));
    const twin = WRONG_KEY[lastSegment(f.instancePath)]?.twin;
    for (const e of errors) {
      if (e.keyword === 'required' && e.instancePath === parent && e.params.missingProperty === twin) drop.add(e);
    }
  }
  return errors.filter((e) => !drop.has(e));
}

const lastSegment = (pointer: string) => decodeSegment(pointer.slice(pointer.lastIndexOf('/') + 1));
const decodeSegment = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** JSON pointer → path segments; array indexes become numbers. */
export function parsePointer(pointer: string, data: unknown): PathSegment[] {
  if (pointer === '') return [];
  const out: PathSegment[] = [];
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = decodeSegment(raw);
    out.push(Array.isArray(cur) ? Number(seg) : seg);
    cur = valueAt(cur, [seg]);
  }
  return out;
}

const fieldOf = (path: PathSegment[]) => [...path].reverse().find((s): s is string => typeof s === 'string') ?? '';

function withFix(what: string, value: unknown, fix?: string): string {
  return `${what}${formatGot(value)}${fix ? `; ${fix}` : ''}`;
}

function formatError(e: ErrorObject, data: unknown, names: Map<unknown, string>): Problem {
  const path = parsePointer(e.instancePath, data);
  const field = fieldOf(path);
  const hint = (keyword: string) => FIELD_HINTS[`${field}:${keyword}`];
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const key = String(e.params.missingProperty);
      return { path, message: `missing required key "${key}"${REQUIRED_HINTS[key] ?? ''}` };
    }
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const expected = Object.keys(parent.properties ?? {}).filter((k) => !k.startsWith('$'));
      return { path, linePath: [...path, key], message: `unknown key "${key}" (expected one of: ${expected.join(', ')})` };
    }
    case 'enum':
      return { path, message: withFix(`must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}`, e.data) };
    case 'type':
      return { path, message: formatTypeError(String(e.params.type), e.data) };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
      return { path, message: withFix(formatBounds(parent), e.data, hint(e.keyword)) };
    case 'minItems':
    case 'maxItems':
      return { path, message: formatItemCount(e, field, hint(e.keyword)) };
    case 'maxProperties':
      return { path, message: `must have at most ${e.params.limit} entries (got ${Object.keys(e.data as object).length})` };
    case 'pattern':
      return formatPattern(e, path, names.get(e.parentSchema) ?? field);
    case 'anyOf':
    case 'oneOf':
      return { path, message: withFix(ANYOF_HELP[names.get(e.parentSchema) ?? ''] ?? 'is not any of the allowed forms', e.data) };
    case 'false schema':
      return { path, message: withFix(WRONG_KEY[field]?.what ?? 'is not allowed here', e.data, WRONG_KEY[field]?.fix) };
    default:
      return { path, message: withFix(e.message ?? `fails ${e.keyword}`, e.data) };
  }
}

function formatItemCount(e: ErrorObject, field: string, hint?: string): string {
  const [n, limit] = [(e.data as unknown[]).length, Number(e.params.limit)];
  const noun = `${field === 'dataflows' ? 'dataflow' : 'item'}${limit === 1 ? '' : 's'}`;
  const what = `must list ${e.keyword === 'minItems' ? 'at least' : 'at most'} ${limit} ${noun}`;
  return `${what} (got ${n})${hint ? `; ${hint}` : ''}`;
}

const TYPE_NAMES: Record<string, string> = { object: 'a mapping (key: value)', array: 'a list', null: 'nothing' };

function formatTypeError(expected: string, value: unknown): string {
  const names = expected
    .split(',')
    .map((t) => TYPE_NAMES[t] ?? t)
    .join(' or ');
  const quote = expected === 'string' && (typeof value === 'number' || typeof value === 'boolean');
  return `expected ${names} but got ${formatValue(value)}${quote ? '; put the value in quotes' : ''}`;
}

function formatBounds(s: Record<string, unknown>): string {
  const { minimum: min, maximum: max, exclusiveMinimum: gt } = s as { minimum?: number; maximum?: number; exclusiveMinimum?: number };
  if (min !== undefined && max !== undefined) return `must be between ${min} and ${max}`;
  if (gt !== undefined) return `must be greater than ${gt}`;
  return min !== undefined ? `must be at least ${min}` : `must be at most ${max}`;
}

function formatPattern(e: ErrorObject, path: PathSegment[], helpKey: string): Problem {
  const help = PATTERN_HELP[helpKey] ?? `must match ${String(e.params.pattern)}`;
  // A bad tag key: ajv reports it at the map; point at the key itself.
  if (e.propertyName !== undefined) return { path: [...path, e.propertyName], message: withFix(help, e.propertyName) };
  return { path, message: withFix(help, e.data) };
}
