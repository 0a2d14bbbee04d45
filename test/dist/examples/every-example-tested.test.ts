/**
 * Every file in examples/ is exercised by at least one test: named by its path, passed to the
 * `example()` helper (examples/missions/), or read with its whole folder (readdir).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { REPO } from '../../helpers/cli.ts';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The test files (under test/, helpers excluded) that reference the example `rel` (e.g. examples/ssm/x.json). */
function referencedBy(rel: string, tests: Array<{ path: string; text: string }>): string[] {
  const folder = `${dirname(rel)}/`;
  const byHelper = rel.startsWith('examples/missions/') ? new RegExp(`example\\(\\s*['"\`]${escape(basename(rel))}['"\`]`) : null;
  const byFolder = new RegExp(`readdir\\([^)]*${escape(folder)}`);
  return tests.filter((t) => t.text.includes(rel) || byHelper?.test(t.text) || byFolder.test(t.text)).map((t) => t.path);
}

test('every file in examples/ is referenced by a test', async () => {
  const tests = await Promise.all(
    (await filesUnder(join(REPO, 'test')))
      .filter((p) => p.endsWith('.test.ts') && !p.endsWith('every-example-tested.test.ts'))
      .map(async (p) => ({ path: relative(REPO, p), text: await readFile(p, 'utf8') })),
  );
  const examples = (await filesUnder(join(REPO, 'examples'))).map((p) => relative(REPO, p)).sort();
  assert.ok(examples.length >= 9, examples.join(', '));
  const untested = examples.filter((rel) => referencedBy(rel, tests).length === 0);
  assert.deepEqual(untested, [], 'examples no test exercises');
  assert.deepEqual(referencedBy('examples/nowhere/x.yaml', tests), [], 'the check can fail');
});
