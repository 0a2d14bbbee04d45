/**
 * The documentation points only at things that exist: every relative link in the README,
 * docs/ and the sandbox's spec reaches a file (and its anchor a heading of that page), every
 * repository path the pages name in code exists, and every `npm run` script they name is one
 * of package.json's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { REPO } from '../../helpers/cli.ts';
import { anchors, codeSpans, docPages, links, repoPath, splitFences } from '../../helpers/markdown.ts';

const pages = docPages();
const textOf = (path: string) => readFileSync(join(REPO, path), 'utf8');

test('the pages are the README, the docs tree and the sandbox spec', () => {
  const paths = pages.map((p) => p.path);
  for (const p of [
    'README.md',
    'docs/README.md',
    'docs/reference/cli.md',
    'docs/reference/mission.md',
    'docs/reference/iam.md',
    'docs/reference/iac.md',
    'docs/operator/boot.md',
    'docs/operator/fleet-rollout.md',
    'docs/operator/runbooks.md',
    'docs/operator/contacts.md',
    'docs/operator/doctor.md',
    'docs/design/trust-boundary.md',
    'docs/design/decisions.md',
    'docs/design/performance.md',
    'sandbox/README.md',
  ]) {
    assert.ok(paths.includes(p), `${p} is missing`);
  }
});

test('the README is one screen: at most 250 lines', () => {
  assert.ok(textOf('README.md').split('\n').length <= 250);
});

test('every relative link reaches a file, and its anchor a heading of that page', () => {
  const broken: string[] = [];
  let checked = 0;
  for (const page of pages) {
    for (const l of links(page.text)) {
      if (/^[a-z]+:/.test(l.target)) continue; // https:, mailto: — not ours to check
      checked++;
      const [file, anchor] = l.target.split('#');
      const target = file === '' ? page.path : repoPath(page.path, file);
      const where = `${page.path}:${l.line} [${l.text}](${l.target})`;
      if (!existsSync(join(REPO, target))) {
        broken.push(`${where}: no file ${target}`);
        continue;
      }
      if (anchor !== undefined && !(target.endsWith('.md') && anchors(textOf(target)).has(anchor))) {
        broken.push(`${where}: ${target} has no heading with the anchor #${anchor}`);
      }
    }
  }
  assert.ok(checked > 50, `only ${checked} links found: is the link parser still reading the pages?`);
  assert.deepEqual(broken, []);
});

/** A path in code that names something in the repository (`src/aws/parse-group.ts`, `test/system/hostile/facts-*.ts`). */
const REPO_PATH = /^(?:src|test|scripts|examples|schemas|templates|sandbox|bin|docs|\.ci)\/[^\s]*$/;

function pathExists(path: string): boolean {
  if (!path.includes('*')) return existsSync(join(REPO, path));
  const dir = dirname(path);
  const pattern = new RegExp(
    `^${basename(path)
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return existsSync(join(REPO, dir)) && readdirSync(join(REPO, dir)).some((n) => pattern.test(n));
}

test('every repository path the pages name in code exists', () => {
  const missing = pages.flatMap((page) =>
    codeSpans(page.text)
      .filter((c) => REPO_PATH.test(c.code) && !pathExists(c.code))
      .map((c) => `${page.path}:${c.line}: ${c.code}`),
  );
  assert.deepEqual(missing, []);
});

test('every `npm run` script the pages name is a script of package.json', () => {
  const scripts = Object.keys(JSON.parse(textOf('package.json')).scripts);
  const named = pages.flatMap((page) => {
    const { blocks, prose } = splitFences(page.text);
    const lines = [...blocks.flatMap((b) => b.lines), ...prose.map((p) => p.text)];
    return lines.flatMap((l) => [...l.matchAll(/npm run (?:-s )?([a-z][\w:-]*)/g)].map((m) => ({ page: page.path, script: m[1] })));
  });
  assert.ok(named.length > 5);
  assert.deepEqual(
    named.filter((n) => !scripts.includes(n.script)),
    [],
  );
});
