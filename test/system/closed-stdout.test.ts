/**
 * A reader that stops early: `facts | head -1`, `demo | head -1`. A reader that closes its end
 * of the pipe early ends the run quietly, as Unix tools do: no EPIPE crash, no stack, exit 0,
 * and the demo still cleans up after itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, REPO } from '../helpers/cli.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';

const fx = useSandbox('epipe');

/** Runs the binary with stdout to a reader that takes `keepChunks` chunks (0: none) and then closes. */
function runClosingEarly(
  argv: string[],
  env: Record<string, string>,
  keepChunks: number,
): Promise<{ code: number | null; err: string; got: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    let got = '';
    let chunks = 0;
    child.stderr.on('data', (d) => (err += d));
    if (keepChunks === 0) child.stdout.destroy();
    else {
      child.stdout.on('data', (d) => {
        got += d;
        if (++chunks >= keepChunks) child.stdout.destroy();
      });
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, err, got });
    });
  });
}

test('facts with stdout closed before it writes: exit 0, nothing on stderr', async () => {
  const r = await runClosingEarly(['facts'], fx.sb.env, 0);
  assert.equal(r.err, '');
  assert.equal(r.code, 0);
});

test('demo | head -1: exit 0, no EPIPE, its temp directories removed', async () => {
  // A private TMPDIR: other test files run demo at the same time in the shared one.
  const tmp = await mkdtemp(join(tmpdir(), 'gsac-demo-epipe-'));
  const demoDirs = async () => (await readdir(tmp)).filter((n) => n.startsWith('gs-agent-config-')).sort();
  const before = await demoDirs();
  const r = await runClosingEarly(['demo'], { TMPDIR: tmp }, 1);
  assert.match(r.got, /^sandbox: /);
  assert.doesNotMatch(r.err, /EPIPE|internal error|\bat .+:\d+:\d+/);
  assert.equal(r.err, '');
  assert.equal(r.code, 0);
  assert.deepEqual(await demoDirs(), before, 'demo left a temp directory behind');
  await rm(tmp, { recursive: true, force: true });
});

test('--help | head -1 (the bundle or the sources): exit 0, quiet', async () => {
  const r = await runClosingEarly(['--help'], {}, 0);
  assert.equal(r.err, '');
  assert.equal(r.code, 0);
});
