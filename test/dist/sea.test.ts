/**
 * npm run build:sea: the single executable runs --help and the whole demo with no node on
 * PATH (PATH is an empty directory) and nothing else on disk next to it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../helpers/cli.ts';
import { spawnCollect } from '../helpers/bundle.ts';

let dir: string;
let exe: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gsac-sea-'));
  exe = join(dir, 'gs-agent-config-linux-x64');
  const r = await spawnCollect(process.execPath, [join(REPO, 'scripts', 'build-sea.mjs'), '--outfile', exe], {
    env: { PATH: process.env.PATH ?? '' },
    timeoutMs: 180_000,
  });
  assert.equal(r.code, 0, r.err);
});
after(() => rm(dir, { recursive: true, force: true }));

const noNode = async () => {
  const empty = join(dir, 'empty-path');
  await mkdir(empty, { recursive: true });
  return { PATH: empty, HOME: dir };
};

test('is an executable ELF file with node inside', async () => {
  const st = await stat(exe);
  assert.equal(st.mode & 0o111, 0o111);
  assert.ok(st.size > 10 * 1024 * 1024);
});

test('--help without node on PATH', async () => {
  const r = await spawnCollect(exe, ['--help'], { cwd: dir, env: await noNode() });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^gs-agent-config <command> \[options\]/);
  assert.equal(r.err, '', 'no experimental warning, no LIEF noise at run time');
});

test('demo without node on PATH, from a directory holding only the executable', async () => {
  const r = await spawnCollect(exe, ['demo', '--json'], { cwd: dir, env: await noNode(), timeoutMs: 120_000 });
  assert.equal(r.code, 0, r.err);
  const demo = JSON.parse(r.out) as { apply: { action: string }; rerun: { action: string }; root: string };
  assert.equal(demo.apply.action, 'create');
  assert.equal(demo.rerun.action, 'keep');
  await rm(demo.root, { recursive: true, force: true });
  assert.deepEqual((await readdir(dir)).sort(), ['empty-path', 'gs-agent-config-linux-x64']);
});

test('a bad mission gives the documented exit code and one message', async () => {
  const r = await spawnCollect(exe, ['validate', join(REPO, 'test/fixtures/invalid-missions/bad-direction.yaml')], {
    cwd: dir,
    env: await noNode(),
  });
  assert.equal(r.code, 2);
  assert.match(r.err, /^error: /);
  assert.ok(!/\n\s+at /.test(r.err));
});
