/**
 * A small HCL (Terraform) serializer for plain data: strings, numbers, booleans, lists and
 * objects, plus raw expressions for references. Output follows `terraform fmt`: two-space
 * indent, `=` aligned across consecutive one-line attributes, trailing commas in lists.
 */
import { InternalError } from '../errors.ts';

/** A Terraform expression written as is (a reference such as `awscc_x.y.arn`), never quoted. */
export class HclExpression {
  constructor(readonly text: string) {}
}

export type HclValue = string | number | boolean | HclExpression | HclValue[] | { [key: string]: HclValue };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * A quoted HCL string. Besides JSON-like escapes, `${` and `%{` start template interpolation
 * and directives in HCL, so they are doubled (`$${`, `%%{`) to stay literal text.
 */
export function formatHclString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const code = c.charCodeAt(0);
    if (c === '\\') out += '\\\\';
    else if (c === '"') out += '\\"';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if ((c === '$' || c === '%') && s[i + 1] === '{') out += c + c;
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `"${out}"`;
}

function formatKey(key: string, inObject: boolean): string {
  if (IDENTIFIER.test(key)) return key;
  // Block attributes must be identifiers; object keys may be quoted strings.
  if (inObject) return formatHclString(key);
  throw new InternalError(`HCL attribute name ${JSON.stringify(key)} is not an identifier`);
}

function formatValue(value: HclValue, indent: string): string {
  if (value instanceof HclExpression) return value.text;
  if (typeof value === 'string') return formatHclString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InternalError(`HCL cannot hold the number ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${formatValue(v, inner)},\n`).join('')}${indent}]`;
  }
  const body = formatAttributes(value, inner, true);
  return body ? `{\n${body}${indent}}` : '{}';
}

/** `key = value` lines; `=` aligned within each run of one-line values, as terraform fmt does. */
function formatAttributes(attrs: Record<string, HclValue>, indent: string, inObject: boolean): string {
  const lines = Object.entries(attrs).map(([k, v]) => ({ key: formatKey(k, inObject), text: formatValue(v, indent) }));
  let out = '';
  let run: typeof lines = [];
  const flush = () => {
    const width = Math.max(...run.map((l) => l.key.length));
    for (const l of run) out += `${indent}${l.key.padEnd(width)} = ${l.text}\n`;
    run = [];
  };
  for (const line of lines) {
    if (line.text.includes('\n')) {
      if (run.length) flush();
      out += `${indent}${line.key} = ${line.text}\n`;
    } else run.push(line);
  }
  if (run.length) flush();
  return out;
}

/** `type "label" … { attributes }` */
export function formatHclBlock(type: string, labels: string[], attrs: Record<string, HclValue>): string {
  const head = [formatKey(type, false), ...labels.map(formatHclString)].join(' ');
  return `${head} {\n${formatAttributes(attrs, '  ', false)}}\n`;
}
