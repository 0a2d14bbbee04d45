/**
 * The sandbox ends cleanly on SIGINT and SIGTERM (exit 0, its /sys tree removed, by
 * a detached rm so the process does not wait for thousands of unlinks); `--verbose` logs each
 * request (action, status, fault) and echoes the faults armed, on stderr.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN, REPO } from '../helpers/cli.ts';

interface Running {
  out: string;
  err: string;
  exited: Promise<{ code: number | null; signal: string | null }>;
  kill(sig: NodeJS.Signals): void;
}

function startBin(argv: string[]): Promise<Running> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: Running = {
      out: '',
      err: '',
      exited: new Promise((r) => child.on('close', (code, signal) => r({ code, signal }))),
      kill: (sig) => child.kill(sig),
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sandbox did not start: ${run.err}`));
    }, 60_000);
    child.stderr.on('data', (d) => (run.err += d));
    child.stdout.on('data', (d) => {
      run.out += d;
      if (run.out.includes('# serving')) {
        clearTimeout(timer);
        resolve(run);
      }
    });
  });
}

const sysRootOf = (out: string) => /GS_AGENT_CONFIG_SYS_ROOT='([^']+)'/.exec(out)![1];
const urlOf = (out: string) => /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1];

async function gone(path: string): Promise<boolean> {
  for (let i = 0; i < 100 && existsSync(path); i++) await sleep(100);
  return !existsSync(path);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal}: exit 0, the /sys tree removed`, async () => {
    const run = await startBin(['sandbox']);
    const sysRoot = sysRootOf(run.out);
    assert.ok(existsSync(sysRoot), sysRoot);
    // A client with a kept-alive connection does not hold the stop up.
    await fetch(`${urlOf(run.out)}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } });
    run.kill(signal);
    assert.deepEqual(await run.exited, { code: 0, signal: null });
    assert.equal(run.err, '');
    assert.ok(await gone(sysRoot), `${sysRoot} was not removed`);
  });
}

test('--verbose: each request with its action and status, and the faults armed', async () => {
  const run = await startBin(['sandbox', '--verbose', '--fault', 'imds:token=503', '--host', 'two-eni']);
  assert.match(run.err, /^fault armed: imds:token=503$/m);
  assert.match(run.out, /each request is logged on stderr/);
  const url = urlOf(run.out);
  const put = () => fetch(`${url}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } });
  assert.equal((await put()).status, 503);
  assert.equal((await put()).status, 200);
  await fetch(`${url}/nothing-here`);
  run.kill('SIGTERM');
  await run.exited;
  const lines = run.err.split('\n').filter((l) => / → /.test(l));
  assert.equal(lines.length, 3, run.err);
  assert.match(lines[0], /^\d\d:\d\d:\d\d\.\d{3} imds:token PUT \/latest\/api\/token → 503 \(fault 503:\w+\)$/);
  assert.match(lines[1], /^\d\d:\d\d:\d\d\.\d{3} imds:token PUT \/latest\/api\/token → 200$/);
  assert.match(lines[2], /\(no service\) GET \/nothing-here → 404$/);
  assert.ok(!run.err.includes(run.out.match(/AWS_SECRET_ACCESS_KEY='([^']+)'/)![1]), 'the log never shows the secret key');
});
