/**
 * Text from outside is data at the last step too: every value that came from AWS, IMDS, /sys,
 * /proc, a program or a file goes through display() before it reaches a terminal, so an ESC, a
 * CR or a bidi override in a contact name or a config field cannot move the cursor, rewrite a
 * line or reorder what the operator reads. Control characters become visible escapes (\x1b, \r,
 * \u202e); everything else is kept as is.
 */

/** C0 controls, DEL, C1 controls, the line/paragraph separators and the bidi controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is this module's purpose
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `value` with every control character shown as an escape; a backslash is doubled so escapes stay unambiguous. */
export function display(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(CONTROL, escapeOne);
}

/** Whether display() would change `value`. */
export function needsEscape(value: string): boolean {
  CONTROL.lastIndex = 0;
  return value.includes('\\') || CONTROL.test(value);
}
