/**
 * The one program runner: how a program ended, always within its bounds. Real programs
 * (/bin/sh scripts), never a stub: one that ignores SIGTERM, one that prints megabytes, one
 * killed by a signal, one that leaves a child holding its pipes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deadlineIn } from '../../src/run-deadline.ts';
import { commandLabel, programFailure, runProgram, type ProgramRequest } from '../../src/run-program.ts';

const sh = (script: string, o: Partial<ProgramRequest> = {}) =>
  runProgram({ file: '/bin/sh', args: ['-c', script], timeoutMs: 5000, ...o });
const failure = (script: string, r: Awaited<ReturnType<typeof sh>>) => programFailure(r, '/bin/sh', ['-c', script]);

test('a program that exits: its status and its output, whole', async () => {
  const r = await sh('echo out; echo err >&2; exit 3');
  assert.deepEqual(r.end, { kind: 'exited', code: 3 });
  assert.equal(r.stdout, 'out\n');
  assert.equal(r.stderr, 'err\n');
  assert.equal(r.stdoutCut || r.stderrCut, false);
  assert.equal(failure('x', r), undefined, 'an exit status is an answer for the caller to judge');
});

test('a program that ignores SIGTERM is killed with SIGKILL a grace later, children included', async () => {
  const script = "trap '' TERM; sleep 30; echo never";
  const r = await sh(script, { timeoutMs: 300, graceMs: 300 });
  assert.equal(r.end.kind, 'timed-out');
  assert.deepEqual(r.end, { kind: 'timed-out', bound: 'timeout', afterMs: 300, signal: 'SIGKILL', graceMs: 300 });
  assert.ok(r.ms < 1500, `took ${r.ms} ms`);
  assert.equal(failure(script, r), `/bin/sh -c ${script} did not finish (SIGKILL) after 0.3 s: it ignored SIGTERM for 0.3 s`);
});

test('a program that honours SIGTERM ends with it', async () => {
  const r = await sh('sleep 30', { timeoutMs: 200 });
  assert.deepEqual(r.end, { kind: 'timed-out', bound: 'timeout', afterMs: 200, signal: 'SIGTERM', graceMs: 1000 });
  assert.ok(r.ms < 1000, `took ${r.ms} ms`);
  assert.match(failure('sleep 30', r)!, /did not finish \(SIGTERM\) after 0\.2 s$/);
});

test("the run's deadline comes first: SIGTERM a grace before it, SIGKILL at it, never after", async () => {
  const deadline = deadlineIn(1.2);
  const t0 = performance.now();
  const r = await sh("trap '' TERM; sleep 30", { timeoutMs: 60_000, deadline, graceMs: 500 });
  const ms = performance.now() - t0;
  assert.equal(r.end.kind === 'timed-out' && r.end.bound, 'deadline');
  assert.ok(ms < 1200 + 400, `ended ${ms} ms after the start, the deadline was at 1200`);
  assert.match(failure('x', r)!, /did not finish \(SIGKILL\) at the run's deadline: it ignored SIGTERM for 0\.5 s/);
});

test('a deadline already past: the program is not started', async () => {
  const r = await sh('echo hi > /dev/null', { deadline: deadlineIn(-1) });
  assert.equal(r.end.kind, 'not-started');
  assert.equal(failure('x', r), "/bin/sh -c x not run: the run's deadline (--deadline -1 s) had passed");
});

test('megabytes of output: the first bytes are kept, the rest never read, the result says cut', async () => {
  const script = 'head -c 20000000 /dev/zero | tr "\\0" x';
  const r = await sh(script, { maxOutputBytes: 4096 });
  assert.equal(r.stdout.length, 4096);
  assert.equal(r.stdoutCut, true);
  assert.ok(r.ms < 3000, `took ${r.ms} ms`);
  assert.equal(failure(script, r), `/bin/sh -c ${script} printed more than 4096 bytes: its output was cut there`);
});

test('killed by a signal it did not get from the runner (kill -9, the OOM killer)', async () => {
  const r = await sh('kill -9 $$');
  assert.deepEqual(r.end, { kind: 'signaled', signal: 'SIGKILL' });
  assert.equal(failure('kill -9 $$', r), '/bin/sh -c kill -9 $$ was killed by SIGKILL');
});

test('a child left holding the pipes is not waited for', async () => {
  const r = await sh('sleep 30 & echo started', { timeoutMs: 10_000 });
  assert.deepEqual(r.end, { kind: 'exited', code: 0 });
  assert.equal(r.stdout, 'started\n');
  assert.ok(r.ms < 2000, `took ${r.ms} ms`);
});

test('not found, not executable: the errno, never an exception', async () => {
  const missing = await runProgram({ file: '/nonexistent/ethtool', args: ['-g', 'eth0'], timeoutMs: 1000 });
  assert.equal(missing.end.kind === 'not-started' && missing.end.code, 'ENOENT');
  assert.equal(programFailure(missing, '/nonexistent/ethtool', ['-g', 'eth0']), '/nonexistent/ethtool not found');
  const dir = await mkdtemp(join(tmpdir(), 'gsac-noexec-'));
  try {
    const file = join(dir, 'systemctl');
    await writeFile(file, '#!/bin/sh\necho hi\n', { mode: 0o644 });
    const notExec = await runProgram({ file, args: [], timeoutMs: 1000 });
    assert.equal(notExec.end.kind === 'not-started' && notExec.end.code, 'EACCES');
    assert.equal(programFailure(notExec, file, []), `${file} could not start (EACCES)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('arguments are an array: no shell sees them', async () => {
  const arg = '$(touch /tmp/gsac-never); `id`; a b';
  const r = await runProgram({ file: '/bin/echo', args: [arg], timeoutMs: 1000 });
  assert.equal(r.stdout, `${arg}\n`);
  assert.equal(commandLabel('/bin/echo', ['a', 'b']), '/bin/echo a b');
});
