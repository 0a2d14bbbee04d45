/**
 * Issue 13: the README's commands work when pasted, and every `README "Section"` pointer in
 * the examples and sources names a section that exists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, spawnCollect } from '../../helpers/cli.ts';

const readme = await readFile(join(REPO, 'README.md'), 'utf8');

test('"Rehearse on a laptop": the line that starts the sandbox and loads its variables works as pasted', async () => {
  const line = readme.split('\n').find((l) => l.startsWith('$ bin/gs-agent-config sandbox --port 4566 >'));
  assert.ok(line, 'the README has the one-line start');
  const dir = await mkdtemp(join(tmpdir(), 'gsac-readme-'));
  try {
    // Any free port and a private file instead of 4566 and /tmp/gs-sandbox.env; the rest as written.
    const pasted = line.slice(2).replaceAll('--port 4566', '--port 0').replaceAll('/tmp/gs-sandbox.env', join(dir, 'sandbox.env'));
    const script = `${pasted}\nbin/gs-agent-config facts --skip-ec2-checks > ${join(dir, 'facts.json')} && echo "region=$AWS_REGION"\nkill %1\nwait\n`;
    const r = await spawnCollect('bash', ['-c', script], { cwd: REPO, env: { PATH: process.env.PATH ?? '', HOME: dir }, timeoutMs: 90_000 });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^region=us-east-2$/m);
    assert.equal(JSON.parse(await readFile(join(dir, 'facts.json'), 'utf8')).instance.region, 'us-east-2');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(REPO, dir), { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else out.push(p);
  }
  return out;
}

test('every README "Section" pointer in examples/, src/ and templates/ names an existing section', async () => {
  const headings = [...readme.matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1]);
  for (const f of [...(await files('examples')), ...(await files('src')), ...(await files('templates'))]) {
    for (const m of (await readFile(join(REPO, f), 'utf8')).matchAll(/README "([^"]+)"/g)) {
      assert.ok(headings.some((h) => h === m[1] || h.startsWith(`${m[1]} (`)), `${f} points to README "${m[1]}", which has no such section`);
    }
  }
});
