/**
 * Bad flags and slips: empty paths and bad numbers are exit 2 before anything
 * runs; the operator's own slips (unknown sandbox profile, a taken port, --root naming a file)
 * are one line and exit 2, never an "internal error" with a stack.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import { example, runBin, runMain } from '../helpers/cli.ts';

const fx = useSandbox('flags');
const STACK = /^\s+at .+:\d+:\d+\)?$/m;
const mission = example('wideband-downlink.yaml');

function assertUsage(r: { code: number; out: string; err: string }, pattern: RegExp, what: string): void {
  assert.equal(r.code, 2, `${what}: ${r.err}`);
  assert.match(r.err, pattern, what);
  assert.doesNotMatch(r.err, STACK, what);
  assert.doesNotMatch(r.err, /internal error/, what);
}

test('an empty or bare --root, --sys-root, --proc-root is exit 2 and nothing is written', async () => {
  const cases = [
    ['apply', mission, '--root', ''],
    ['apply', mission, '--root'],
    ['apply', mission, '--root='],
    ['apply', mission, '--root', '--json'],
    ['plan', mission, '--sys-root', ''],
    ['plan', mission, '--proc-root', ''],
    ['status', '--root', ' '],
  ];
  const before = fx.sb.actions.length;
  for (const argv of cases) {
    const r = await runMain(argv, fx.sb.env);
    assertUsage(r, /^error: --(root|sys-root|proc-root) needs a value; it was given an empty one/, argv.join(' '));
  }
  assert.equal(fx.sb.actions.length, before, 'no IMDS or AWS call was made');
});

test('every numeric flag: a number, in range, an integer where it must be; exit 2 naming the value', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['status', '--wait', 'abc'], /--wait "abc" is not a number/],
    [['status', '--wait=abc'], /--wait "abc" is not a number/],
    [['status', '--wait', '-1'], /--wait -1 is out of range/],
    [['status', '--wait', '1', '--wait', '2'], /--wait was given more than once/],
    [['apply', mission, '--lock-wait', 'abc'], /--lock-wait "abc" is not a number/],
    [['destroy', '--yes', '--lock-wait', '1e9'], /--lock-wait 1000000000 is out of range/],
    [['validate', mission, '--deadline', 'soon'], /--deadline "soon" is not a number/],
    [['validate', mission, '--deadline', '0'], /--deadline 0 is out of range/],
    [['validate', mission, '--deadline', '3601'], /--deadline 3601 is out of range/],
    [['sandbox', '--port', 'http'], /--port "http" is not a number/],
    [['sandbox', '--port', '80.5'], /--port 80.5 is not an integer/],
    [['sandbox', '--port', '70000'], /--port 70000 is out of range/],
  ];
  for (const [argv, pattern] of cases) assertUsage(await runMain(argv, fx.sb.env), pattern, argv.join(' '));
  // In range is accepted.
  assert.equal((await runMain(['validate', mission, '--deadline', '3600'])).code, 0);
});

test('status --wait abc through the real binary exits 2 at once (it used to spin forever)', async () => {
  const r = await runBin(['status', '--root', fx.root, '--wait', 'abc'], fx.sb.env, 20_000);
  assertUsage(r, /--wait "abc" is not a number/, 'status --wait abc');
});

test('sandbox --host bogus: exit 2 listing the profiles', async () => {
  for (const argv of [
    ['sandbox', '--host', 'bogus'],
    ['sandbox', '--instance-type', 'bogus'],
    ['demo', '--host', 'bogus'],
  ]) {
    const r = await runMain(argv);
    assertUsage(r, /is not a simulated host profile\n {2}- choose one of: c5\.24xlarge, .*two-eni/, argv.join(' '));
  }
});

test('sandbox --port N when N is taken: exit 2, one line', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as AddressInfo).port;
  try {
    const r = await runBin(['sandbox', '--port', String(port)], {}, 20_000);
    assertUsage(r, new RegExp(`^error: --port ${port}: the port is already in use on 127\\.0\\.0\\.1\\n`), 'sandbox --port taken');
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
});

test('apply --root /some/file, or a root whose etc is a file: exit 2, one line', async () => {
  const file = join(fx.root, 'a-file');
  await writeFile(file, 'not a directory\n');
  const r = await runMain(['apply', mission, '--root', file], fx.sb.env);
  assertUsage(r, /^error: --root .*a-file is not a directory\n/, '--root a file');

  const root = join(fx.root, 'etc-is-a-file');
  await mkdir(root);
  await writeFile(join(root, 'etc'), 'oops\n');
  await writeFile(join(root, 'opt'), 'oops\n');
  const deep = await runMain(['apply', mission, '--root', root], fx.sb.env);
  assertUsage(deep, /^error: cannot use .*etc-is-a-file\/.*: a part of this path is a file, not a directory/, 'a file inside --root');
  // The group was created first and recorded in the state file (so the next run finds it); the
  // agent config could not be written, and a run with a fixed root converges.
  assert.equal(existsSync(join(root, 'opt')) && existsSync(join(root, 'opt/aws')), false);
});
