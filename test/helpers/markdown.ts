/**
 * Just enough Markdown for the docs tests: the pages (README.md, docs/**, sandbox/README.md),
 * their fenced blocks, headings with GitHub's anchors, links, and the laptop sessions (blocks
 * whose lines start with `$ `). Written here rather than taken from a Markdown library: the
 * pages use a small, regular subset, and these few rules are the ones the tests rely on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO } from './cli.ts';

/** One Markdown page of the repository. */
export interface Page {
  path: string;
  text: string;
}

/** Every documentation page: the README, every page under docs/, and the sandbox's spec. */
export function docPages(): Page[] {
  const under = (dir: string): string[] =>
    readdirSync(join(REPO, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? under(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
    );
  return ['README.md', ...under('docs').sort(), 'sandbox/README.md'].map((path) => ({
    path,
    text: readFileSync(join(REPO, path), 'utf8'),
  }));
}

/** A fenced block: its first line number (1-based, the fence itself) and its lines. */
export interface Block {
  line: number;
  lines: string[];
}

/** The page split into fenced blocks and the prose lines outside them (with line numbers). */
export function splitFences(text: string): { blocks: Block[]; prose: Array<{ line: number; text: string }> } {
  const blocks: Block[] = [];
  const prose: Array<{ line: number; text: string }> = [];
  let open: Block | undefined;
  text.split('\n').forEach((l, i) => {
    if (/^```/.test(l)) {
      if (open) {
        blocks.push(open);
        open = undefined;
      } else open = { line: i + 1, lines: [] };
    } else if (open) open.lines.push(l);
    else prose.push({ line: i + 1, text: l });
  });
  if (open) throw new Error(`unclosed code fence at line ${open.line}`);
  return { blocks, prose };
}

/** Headings outside fences, as written (`## Files` → `Files`). */
export function headings(text: string): string[] {
  return splitFences(text).prose.flatMap((p) => /^#{1,6} (.+)$/.exec(p.text)?.[1] ?? []);
}

/** GitHub's anchor for a heading: rendered text, lower case, punctuation dropped, spaces → `-`. */
export function slug(heading: string): string {
  const rendered = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '');
  return rendered
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a page offers: its headings' slugs, repeated ones numbered `-1`, `-2` as GitHub does. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const h of headings(text)) {
    const s = slug(h);
    const n = seen.get(s) ?? 0;
    out.add(n === 0 ? s : `${s}-${n}`);
    seen.set(s, n + 1);
  }
  return out;
}

/** A link `[text](target)` in prose (not in code spans or fenced blocks). */
export interface Link {
  line: number;
  text: string;
  target: string;
}

export function links(text: string): Link[] {
  // Code spans become a placeholder first: brackets inside them are not links.
  return splitFences(text).prose.flatMap((p) =>
    [...p.text.replace(/`[^`]*`/g, 'code').matchAll(/\[([^\]]*)\]\(([^)\s]+)\)/g)].map((m) => ({ line: p.line, text: m[1], target: m[2] })),
  );
}

/** Code spans in prose (`like this`), with their line numbers. */
export function codeSpans(text: string): Array<{ line: number; code: string }> {
  return splitFences(text).prose.flatMap((p) => [...p.text.matchAll(/`([^`]+)`/g)].map((m) => ({ line: p.line, code: m[1] })));
}

/**
 * A laptop session: a fenced block with lines starting `$ `. Those are the commands, pasted into
 * one shell in order (a trailing `\` continues a command on the next line); the block's other
 * lines are the output they print, `…` standing for text that varies.
 */
export interface Session {
  page: string;
  line: number;
  commands: string[];
  output: string[];
}

export function sessions(page: Page): Session[] {
  return splitFences(page.text)
    .blocks.filter((b) => b.lines.some((l) => l.startsWith('$ ')))
    .map((b) => {
      const commands: string[] = [];
      const output: string[] = [];
      let continued = false;
      for (const l of b.lines) {
        if (continued) commands[commands.length - 1] += `\n${l}`;
        else if (l.startsWith('$ ')) commands.push(l.slice(2));
        else if (l.trim() !== '') output.push(l);
        continued = (continued || l.startsWith('$ ')) && l.endsWith('\\');
      }
      return { page: page.path, line: b.line, commands, output };
    });
}

/** A shown output line as a pattern: `…` is any text, a run of blanks any whitespace. */
export function outputPattern(shown: string, replace: (escaped: string) => string = (s) => s): RegExp {
  const parts = shown
    .trimEnd()
    .split('…')
    .map((part) => replace(part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ +/g, '\\s+')));
  return new RegExp(`^${parts.join('.*')}$`);
}

/** The shown lines (except lone `…`) appear in the actual output, in order; returns the first one missing. */
export function firstMissingLine(shown: string[], actual: string[], replace?: (escaped: string) => string): string | undefined {
  let at = 0;
  for (const s of shown) {
    if (s.trim() === '…') continue;
    const re = outputPattern(s, replace);
    while (at < actual.length && !re.test(actual[at].trimEnd())) at++;
    if (at === actual.length) return s;
    at++;
  }
  return undefined;
}

/** `path` as the pages name it from `page`, relative to the repository root. */
export function repoPath(page: string, target: string): string {
  return relative(REPO, join(REPO, page, '..', target));
}
