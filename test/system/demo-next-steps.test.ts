/**
 * The demo's "next" hints work as printed right after `npm ci`: pasted into a shell in the
 * repository, where `gs-agent-config` is on no PATH, each one runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, runBin, spawnCollect } from '../helpers/cli.ts';

/** The command of each hint line (`  what: COMMAND`, maybe followed by `, then …` or ` (README …)`). */
function hintCommands(out: string): string[] {
  const next = out.slice(out.indexOf('\nnext:\n'));
  return [...next.matchAll(/^ {2}[^:\n]+: (\S.*?)(?:, then .*| \(README .*)?$/gm)].map((m) => m[1]);
}

/** A shell with PATH from the test (node, sh, coreutils) but nothing of the repository on it. */
const shellEnv = (tmp: string) => ({ PATH: process.env.PATH ?? '', TMPDIR: tmp, GS_AGENT_CONFIG_CODE_CACHE: 'off' });

/** Runs `command` in sh until it prints `until` on stdout, then stops it with SIGINT. */
function runUntil(command: string, env: Record<string, string>, until: RegExp): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `exec ${command}`], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      if (until.test(out)) child.kill('SIGINT');
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

test('each "next" hint of the demo runs as printed, from the repository, without gs-agent-config on PATH', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'gsac-demo-next-'));
  try {
    const demo = await runBin(['demo'], { TMPDIR: tmp }, 120_000);
    assert.equal(demo.code, 0, demo.err);
    const hints = hintCommands(demo.out);
    assert.equal(hints.length, 3, demo.out);
    for (const h of hints) assert.match(h, /^bin\/gs-agent-config /, `a hint starts with the program as it runs here: ${h}`);
    const [keep, sandbox, validate] = hints;
    assert.equal(keep, 'bin/gs-agent-config demo --keep');

    const checked = await spawnCollect('sh', ['-c', validate], { env: shellEnv(tmp) });
    assert.equal(checked.code, 0, `${validate}: ${checked.err}`);
    assert.match(checked.out, /^ok: .* is a valid mission/);

    const served = await runUntil(sandbox, shellEnv(tmp), /# serving until Ctrl-C/);
    assert.equal(served.code, 0, `${sandbox}: ${served.err}`);
    assert.match(served.out, /^export AWS_ENDPOINT_URL_GROUNDSTATION='http:\/\/127\.0\.0\.1:\d+'$/m);

    const kept = await spawnCollect('sh', ['-c', keep], { env: shellEnv(tmp), timeoutMs: 120_000 });
    assert.equal(kept.code, 0, `${keep}: ${kept.err}`);
    assert.match(kept.out, /Files are in .*gs-agent-config-demo-/);
    assert.match(kept.out, /^ {2}look at the files: ls -R \S+$/m);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});
