/**
 * The README's set-up on a fresh copy: right after `npm ci` (npm runs the package's `prepare`,
 * scripts/prepare.mjs), bin/gs-agent-config runs the bundle, not the sources through tsx. The
 * copy is the checkout's files as git sees them (tracked and new, not ignored: no dist/, no
 * node_modules/); GS_AGENT_CONFIG_SHOW_ENTRY=1 makes the bin say which entry it ran.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO, spawnCollect } from '../helpers/cli.ts';

let copy: string;
let install: Awaited<ReturnType<typeof spawnCollect>>;
const env = (): Record<string, string> => {
  const keep: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() };
  if (process.env.npm_config_cache) keep.npm_config_cache = process.env.npm_config_cache;
  return keep;
};

before(async () => {
  copy = await mkdtemp(join(tmpdir(), 'gsac-fresh-install-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const f of files) {
    await mkdir(dirname(join(copy, f)), { recursive: true });
    // A file deleted in the work tree but still in the index: not part of the copy.
    await copyFile(join(REPO, f), join(copy, f)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
  // A clone's files are older than anything npm ci writes: make the copy's so too.
  const past = new Date(Date.now() - 3_600_000);
  for (const f of files) await utimes(join(copy, f), past, past).catch(() => undefined);
  // The install's own time bound: offline from the npm cache where it can be (CI's first
  // npm ci filled it); 6 min on a loaded 2-CPU machine.
  install = await spawnCollect('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: copy, env: env(), timeoutMs: 360_000 });
});
after(async () => {
  await rm(copy, { recursive: true, force: true });
});

const bin = (argv: string[]) =>
  spawnCollect(process.execPath, [join(copy, 'bin', 'gs-agent-config'), ...argv], {
    cwd: copy,
    env: { PATH: process.env.PATH ?? '', GS_AGENT_CONFIG_SHOW_ENTRY: '1' },
  });

test('npm ci builds the bundle (prepare)', () => {
  assert.equal(install.code, 0, install.err);
  assert.match(install.out, /built dist\/gs-agent-config\.cjs/);
});

test('right after npm ci, --version runs the bundle', async () => {
  const r = await bin(['--version']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, `gs-agent-config: entry bundle ${join(copy, 'dist', 'gs-agent-config.cjs')}\n`);
  assert.match(r.out, /^\d+\.\d+\.\d+\n$/);
});

test('right after npm ci, validate runs the bundle', async () => {
  const r = await bin(['validate', join(copy, 'examples', 'missions', 'wideband-downlink.yaml')]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /^gs-agent-config: entry bundle /);
});

test('a source edited after npm ci: the sources run, and the bin says why', async () => {
  const edited = join(copy, 'src', 'types.ts');
  const now = new Date();
  await utimes(edited, now, new Date(now.getTime() + 5_000));
  const r = await bin(['--version']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, 'gs-agent-config: entry sources (src/types.ts is newer than dist/gs-agent-config.cjs)\n');
});
