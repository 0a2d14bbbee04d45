/**
 * Bytes → text → YAML document → plain data, refusing hostile input with clear details
 * instead of exceptions: oversized files, non-UTF-8 bytes, syntax errors, duplicate keys,
 * alias bombs, absurd nesting. JSON missions go through the same path (JSON is YAML).
 */
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { parseSourceLines, type SourceLines } from './source-lines.ts';
import { jsonSyntaxProblem } from './json-syntax.ts';
import { formatPath } from './problem.ts';

/** Mission files larger than this are refused before parsing. */
export const MAX_MISSION_BYTES = 1024 * 1024;
/** Alias expansions allowed when building the data (a billion-laughs file needs millions). */
export const MAX_ALIAS_COUNT = 100;
/** Deeper nesting than this is junk, not a mission; refused before the parser recurses into it. */
export const MAX_NESTING = 64;
/** At most this many detail lines; the rest are summarised in one line. */
export const MAX_DETAILS = 20;

export interface ParsedSource {
  data: unknown;
  lines: SourceLines;
}

/** Thrown with the detail lines; parse-mission wraps them into a MissionInvalidError. */
export class SourceProblems extends Error {
  /** `count` is the number of problems when `details` is capped. */
  constructor(
    readonly details: string[],
    readonly count = details.length,
  ) {
    super(details.join('\n'));
  }
}

export function decodeMissionText(text: string | Uint8Array, file: string): string {
  const bytes = typeof text === 'string' ? Buffer.byteLength(text, 'utf8') : text.byteLength;
  if (bytes > MAX_MISSION_BYTES) {
    throw new SourceProblems([
      `${file}: (root): the file is ${bytes} bytes; a mission file may be at most ${MAX_MISSION_BYTES} bytes (1 MiB)`,
    ]);
  }
  if (typeof text === 'string') return text.replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(text);
  } catch {
    const line = new TextDecoder('utf-8').decode(text).split('\uFFFD')[0].split('\n').length;
    throw new SourceProblems([`${file}:${line}: (root): the file is not valid UTF-8 text; save it as UTF-8`]);
  }
}

export function parseMissionSource(source: string, file: string): ParsedSource {
  const deep = findDeepNesting(source);
  if (deep) {
    throw new SourceProblems([`${file}:${deep.line}: (root): nested more than ${MAX_NESTING} levels deep; this is not a mission file`]);
  }
  // JSON first for a .json file; the YAML parse below still maps paths to lines (JSON is YAML).
  const jsonProblem = /\.json$/i.test(file) ? jsonSyntaxProblem(source, file) : undefined;
  if (jsonProblem) throw new SourceProblems([jsonProblem]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, merge: false, resolveKnownTags: false });
  const lines = parseSourceLines(doc, lineCounter);
  if (doc.errors.length > 0) {
    throw new SourceProblems(formatYamlErrors(doc.errors, lines, lineCounter, source, file), doc.errors.length);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const why =
      e instanceof ReferenceError
        ? `the file expands more than ${MAX_ALIAS_COUNT} YAML aliases (*name); write the values out instead`
        : `the file cannot be read as data (${(e as Error).message})`;
    throw new SourceProblems([`${file}:1: (root): ${why}`]);
  }
  if (data === null || data === undefined) {
    throw new SourceProblems([`${file}:1: (root): the file is empty; a mission needs at least "name" and "dataflows"`]);
  }
  return { data, lines };
}

function formatYamlErrors(errors: YAMLError[], lines: SourceLines, lc: LineCounter, source: string, file: string): string[] {
  const out = errors.slice(0, MAX_DETAILS).map((e) => {
    const { line, col } = lc.linePos(e.pos[0]);
    const where = `${file}:${line}:${col}`;
    if (e.code === 'DUPLICATE_KEY') {
      const path = lines.pathAt(e.pos[0]);
      const key = path.pop() ?? source.slice(e.pos[0], e.pos[1]);
      return `${where}: ${formatPath(path)}: duplicate key "${key}"; each key may appear only once in a mapping`;
    }
    if (e.code === 'MULTIPLE_DOCS') return `${where}: syntax error: the file holds several YAML documents (---); a mission is one document`;
    const what = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return `${where}: syntax error: ${what}`;
  });
  if (errors.length > MAX_DETAILS) out.push(`${file}: … and ${errors.length - MAX_DETAILS} more syntax errors`);
  return out;
}

/**
 * The first line where flow brackets or block indentation nest beyond MAX_NESTING. A cheap
 * scan (quotes and comments skipped) so that megabytes of `[[[[` never reach the parser.
 */
export function findDeepNesting(source: string): { line: number } | undefined {
  let depth = 0;
  let line = 1;
  let quote = '';
  let lineStart = true;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const prev = i === 0 ? '\n' : source[i - 1];
    if (c === '\n') [line, lineStart] = [line + 1, true];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (lineStart && c !== '\n') {
      const indent = /^[ \t]*(?:[-?][ \t]+)*/.exec(source.slice(i, i + 4 * MAX_NESTING + 2))![0].length;
      if (indent > 4 * MAX_NESTING) return { line };
      lineStart = false;
    }
    if (c === '#' && /\s/.test(prev)) {
      const end = source.indexOf('\n', i);
      i = (end < 0 ? source.length : end) - 1;
    } else if ((c === '"' || c === "'") && /[\s[{,:]/.test(prev)) quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    if (depth > MAX_NESTING) return { line };
  }
  return undefined;
}
