/**
 * Text from outside is data at the last step too: every value that came from AWS, IMDS, /sys,
 * /proc, a program or a file goes through display() before it reaches a terminal, so an ESC, a
 * CR or a bidi override in a contact name or a config field cannot move the cursor, rewrite a
 * line or reorder what the operator reads. Control characters become visible escapes (\x1b, \r,
 * \u202e); everything else is kept as is.
 *
 * The formatters escape each line they write, once, just before joining the lines (so a line
 * break inside a value is shown as \n, never starts a line of its own); error messages are
 * escaped where they are printed (cli/print-error.ts).
 */

/** C0 controls, DEL, C1 controls, the line/paragraph separators and the bidi controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is this module's purpose
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * A control character, or a backslash that would read as the start of an escape (followed by a
 * backslash, x, u, n, r, t or a control character): that backslash is doubled, so `\x1b` typed
 * in a value stays distinguishable from an escaped ESC. Other backslashes (`'\''` in a quoted
 * shell word, `\"` in a JSON-quoted value) are left alone, so a printed command line pastes as is.
 */
const ESCAPED = new RegExp(`\\\\(?=[\\\\xunrt]|${CONTROL.source})|${CONTROL.source}`, 'g');

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `value` with every control character shown as an escape (and a backslash doubled where it would read as one). */
export function display(value: string): string {
  return value.replace(ESCAPED, escapeOne);
}

/** Whether display() would change `value`. */
export function needsEscape(value: string): boolean {
  return display(value) !== value;
}

/** The lines of a report, each escaped, joined: what a formatter returns for the terminal. */
export function displayLines(lines: readonly string[]): string {
  return lines.map(display).join('\n');
}
