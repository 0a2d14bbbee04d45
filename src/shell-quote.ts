/**
 * Words of command lines printed for pasting into a POSIX shell: every such line is built by
 * commandLine() from words, each quoted by shellQuote(), so a value from outside can never turn
 * into a substitution, a second command or a redirection (git's `sq_quote_buf`, one quoting
 * function for every command line it prints).
 */

/** `word` in single quotes, whatever it holds (a quote inside as `'\\''`). */
export function singleQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `word` as one shell word: as is when it holds only safe characters, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : singleQuote(word);
}

/** A word printed as it is, for the operator to replace (`<mission>`): the tool's own text, never a value from outside. */
export interface Placeholder {
  readonly placeholder: string;
}

export type Word = string | Placeholder;

export const placeholder = (text: string): Placeholder => ({ placeholder: text });

/** One command line: the words, each a single shell word (placeholders as they are), separated by spaces. */
export function commandLine(words: readonly Word[]): string {
  return words.map((w) => (typeof w === 'string' ? shellQuote(w) : w.placeholder)).join(' ');
}
