/**
 * `--json` output as text safe for a terminal too: JSON.stringify escapes C0 control characters
 * but leaves DEL, the C1 controls, the line separators and the bidi controls raw inside strings;
 * those become \uXXXX escapes here. The document is the same JSON value (those characters can
 * only stand inside strings), so `jq` and every reader see what JSON.stringify would have said.
 */

const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const unicodeEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `value` as JSON (indented by `indent` spaces when given) with no raw control character. */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(RAW_IN_JSON, unicodeEscape);
}
