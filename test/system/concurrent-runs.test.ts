/** Two runs at once (cloud-init and an operator) are serialised by the lock file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import { example, runBin } from '../helpers/cli.ts';

const fx = useSandbox('lock');
const lock = () => join(fx.root, 'run/lock/gs-agent-config.lock');

test('two applies at once: both succeed, one group, lock released', async () => {
  const argv = ['apply', example('wideband-downlink.yaml'), '--root', fx.root, '--json'];
  const [a, b] = await Promise.all([runBin(argv, fx.sb.env), runBin(argv, fx.sb.env)]);
  assert.equal(a.code, 0, a.err);
  assert.equal(b.code, 0, b.err);
  assert.deepEqual([JSON.parse(a.out).action, JSON.parse(b.out).action].sort(), ['create', 'keep']);
  assert.equal(fx.sb.groundStation.groups.size, 1);
  assert.equal(existsSync(lock()), false);
});

test('a lock held by a live process: exit 7 after the wait, naming the holder', async () => {
  await mkdir(join(fx.root, 'run/lock'), { recursive: true });
  await writeFile(lock(), `${process.pid}\n`);
  try {
    const r = await runBin(['apply', example('wideband-downlink.yaml'), '--root', fx.root, '--lock-wait', '1'], fx.sb.env);
    assert.equal(r.code, 7, r.err);
    // Off a terminal the wait says itself first, in one journal line (issue 21); then the one error.
    assert.match(r.err, new RegExp(`^gs-agent-config: waiting for another gs-agent-config run \\(pid ${process.pid}\\) to release `));
    assert.match(r.err, new RegExp(`^error: another gs-agent-config run \\(pid ${process.pid}\\) holds .*gs-agent-config\\.lock`, 'm'));
    assert.equal(await readFile(lock(), 'utf8'), `${process.pid}\n`, 'the holder keeps its lock');
  } finally {
    await rm(lock(), { force: true });
  }
});

test('a lock left by a dead process is taken over', async () => {
  await writeFile(lock(), '2147483646\n');
  const r = await runBin(['apply', example('wideband-downlink.yaml'), '--root', fx.root, '--lock-wait', '1', '--json'], fx.sb.env);
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).action, 'keep');
  assert.equal(existsSync(lock()), false);
});
