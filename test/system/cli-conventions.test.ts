/**
 * Command-line conventions: --version and -h, "did you mean" for a mistyped command or option,
 * a clear message for a missing mission argument, a stray argument named as such.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { closestCommand } from '../../src/cli/usage-hints.ts';
import { BIN, REPO, example, runBin, runMain } from '../helpers/cli.ts';

const STACK = /^\s+at .+:\d+:\d+\)?$/m;

test('--version prints the package version; -h is --help', async () => {
  const { version } = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { version: string };
  const v = await runMain(['--version']);
  assert.deepEqual([v.code, v.out], [0, `${version}\n`]);
  const h = await runMain(['-h']);
  const help = await runMain(['--help']);
  assert.equal(h.code, 0);
  assert.equal(h.out, help.out);
  assert.match((await runMain(['apply', '-h'])).out, /^gs-agent-config apply <mission>/);
});

test('a mistyped command: exit 2, "did you mean", the list of commands', async () => {
  for (const [typed, meant] of [
    ['aply', 'apply'],
    ['valdate', 'validate'],
    ['satus', 'status'],
    ['destory', 'destroy'],
    ['iam', 'iam-policy'],
  ]) {
    const r = await runMain([typed, 'x.yaml']);
    assert.equal(r.code, 2, typed);
    assert.match(r.err, new RegExp(`^error: unknown command "${typed}"\\n {2}- did you mean "${meant}"\\?`), r.err);
    assert.match(r.err, /- commands: validate, facts, plan, apply, /);
  }
  const none = await runMain([]);
  assert.equal(none.code, 2);
  assert.match(none.err, /^error: name a command\n {2}- commands: validate, facts, plan, apply, /);
  const far = await runMain(['frobnicate']);
  assert.equal(far.code, 2);
  assert.doesNotMatch(far.err, /did you mean/);
  // The command is the first positional, not a flag's value.
  assert.match((await runMain(['--root', '/tmp/x', 'aply'])).err, /unknown command "aply"/);
});

test('a missing mission argument: names the command, its usage and an example', async () => {
  for (const cmd of ['validate', 'plan', 'apply', 'export']) {
    const r = await runBin([cmd]);
    assert.equal(r.code, 2, `${cmd}: ${r.err}`);
    assert.match(
      r.err,
      new RegExp(
        `^error: ${cmd} needs a mission file \\(YAML or JSON\\)\\n {2}- usage: gs-agent-config ${cmd} <mission>\\n {2}- e\\.g\\. gs-agent-config ${cmd} examples/missions/`,
      ),
    );
    assert.doesNotMatch(r.err, STACK);
  }
  assert.match((await runMain(['check-template'])).err, /^error: check-template needs a template file/);
});

test('a mistyped option gets "did you mean"; a stray argument is named', async () => {
  const r = await runMain(['destroy', '--yess']);
  assert.equal(r.code, 2);
  assert.match(r.err, /^error: unknown option: --yess\n {2}- did you mean --yes\?/);
  assert.match(
    (await runMain(['plan', 'm.yaml', '--skip-ec2'])).err,
    /^error: unknown option: --skip-ec2\n {2}- did you mean --skip-ec2-checks\?/,
  );
  assert.match((await runMain(['apply', 'm.yaml', '--dryrun'])).err, /did you mean --dry-run\?/);
  // An option of another command says whose it is.
  assert.match(
    (await runMain(['validate', 'm.yaml', '--wait', '3'])).err,
    /^error: unknown option: --wait\n {2}- --wait is an option of status, fleet\n/,
  );
  assert.match((await runMain(['status', '--orphans'])).err, /--orphans is an option of destroy/);
  const stray = await runMain(['status', 'a.yaml', 'b.yaml']);
  assert.equal(stray.code, 2);
  assert.match(stray.err, /^error: unexpected argument: b\.yaml\n {2}- usage: gs-agent-config status \[mission\]/);
});

test('closestCommand: prefixes and small edits, nothing for far words', () => {
  const commands = ['validate', 'facts', 'plan', 'apply', 'status', 'destroy'];
  assert.equal(closestCommand('val', commands), 'validate');
  assert.equal(closestCommand('paln', commands), 'plan');
  assert.equal(closestCommand('zzz', commands), undefined);
});

/** The binary with `stdin` written to its standard input. */
function runWithStdin(argv: string[], stdin: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin);
  });
}

test('validate - reads the mission from standard input; errors name <stdin>:line', async () => {
  const ok = await runWithStdin(['validate', '-'], await readFile(example('wideband-downlink.yaml'), 'utf8'));
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /^ok: <stdin> is a valid mission \(noaa20-wideband, 1 dataflow\)/);
  const bad = await runWithStdin(['validate', '-', '--json'], 'name: x\ncontact: [1,\n');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^error: mission <stdin> is invalid/);
  assert.match(bad.err, /<stdin>:\d+/);
  const plan = await runMain(['plan', '-']);
  assert.equal(plan.code, 2);
  assert.match(plan.err, /^error: only validate reads a mission from standard input/);
});
