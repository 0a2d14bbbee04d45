/** Words of command lines printed for pasting into a POSIX shell. */

/** `word` as one shell word: as is when it holds only safe characters, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
