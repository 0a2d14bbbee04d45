/**
 * A POSIX-shell word splitter for the command lines the tool prints: the words a shell would
 * pass, and every place where a shell would do more than pass words (an unquoted or
 * double-quoted `$` or backquote, an unquoted `;`, `&`, `|`, `<`, `>`, `(`, `)`, an unclosed
 * quote). A command line safe to paste has words only. `sh -n` then confirms the grammar.
 */
import { execFileSync } from 'node:child_process';

export interface ShellParse {
  words: string[];
  /** What a shell would do besides passing words, with the offset where it starts. */
  unsafe: string[];
}

const OPERATORS = new Set([';', '&', '|', '<', '>', '(', ')', '\n']);

export function shellWords(line: string): ShellParse {
  const words: string[] = [];
  const unsafe: string[] = [];
  let word: string | undefined;
  let quote: "'" | '"' | undefined;
  let start = 0;
  const add = (text: string) => (word = (word ?? '') + text);
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else add(c);
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '$' || c === '`') unsafe.push(`${c} inside double quotes at ${i}`);
      else if (c === '\\' && i + 1 < line.length && '$`"\\\n'.includes(line[i + 1])) add(line[++i]);
      else add(c);
      continue;
    }
    if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
      start = i;
      add('');
    } else if (c === '\\') add(line[++i] ?? '');
    else if (c === '$' || c === '`') unsafe.push(`unquoted ${c} at ${i}`);
    else if (OPERATORS.has(c)) unsafe.push(`unquoted ${JSON.stringify(c)} at ${i}`);
    else add(c);
  }
  if (quote) unsafe.push(`unclosed ${quote} from ${start}`);
  if (word !== undefined) words.push(word);
  return { words, unsafe };
}

/** Whether `sh -n` (parse only, run nothing) accepts `line`. */
export function shellAccepts(line: string): boolean {
  try {
    execFileSync('sh', ['-n', '-c', line], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** C0 controls but the line break, DEL, C1 controls, line/paragraph separators, bidi controls: never raw on a terminal. */
// eslint-disable-next-line no-control-regex -- finding raw control characters is this helper's purpose
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
