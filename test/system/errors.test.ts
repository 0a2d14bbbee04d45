/** Every failure: one clear message, the documented exit code, no stack trace, no file written. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import { INVALID_MISSIONS_DIR, invalidMissionCases } from '../fixtures/invalid-missions/cases.ts';
import { example, runBin, runMain } from '../helpers/cli.ts';

const STACK = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe('invalid missions exit 2 naming the file, line and field', () => {
  for (const c of invalidMissionCases) {
    test(c.file, async () => {
      const file = join(INVALID_MISSIONS_DIR, c.file);
      const r = await runMain(['validate', file]);
      assert.equal(r.code, 2);
      assert.match(r.err, /^error: mission .+ is invalid \(1 problem\)\n/);
      const prefix = c.column ? `${file}:${c.line}:${c.column}: ` : `${file}:${c.line}: `;
      assert.ok(r.err.includes(`  - ${prefix}${c.message}`), r.err);
      assert.ok(r.err.includes(c.path));
      assert.doesNotMatch(r.err, STACK);
    });
  }
});

describe('the real binary', () => {
  test('--help lists the commands and the exit codes', async () => {
    const r = await runBin(['--help']);
    assert.equal(r.code, 0, r.err);
    for (const cmd of ['validate', 'plan', 'apply', 'sandbox', 'demo']) assert.match(r.out, new RegExp(`gs-agent-config ${cmd}`));
    assert.match(r.out, /Exit codes:/);
  });

  test('an invalid mission: exit 2, one message, no stack', async () => {
    const r = await runBin(['apply', join(INVALID_MISSIONS_DIR, 'bad-mtu.yaml'), '--root', '/nonexistent-root']);
    assert.equal(r.code, 2);
    assert.match(r.err, /^error: mission .*bad-mtu\.yaml is invalid/);
    assert.doesNotMatch(r.err, STACK);
    assert.equal(r.out, '');
  });

  test('unknown flags and missing arguments are usage errors (exit 2)', async () => {
    for (const argv of [['apply'], ['plan', 'x.yaml', '--frobnicate'], ['nope']]) {
      const r = await runBin(argv);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
      assert.match(r.err, /^error: /);
      assert.doesNotMatch(r.err, STACK);
    }
  });

  test('a missing mission file: exit 2 with the path', async () => {
    const r = await runBin(['validate', 'no/such/mission.yaml', '--json']);
    assert.equal(r.code, 2);
    assert.match(r.err, /no\/such\/mission\.yaml/);
    assert.equal(JSON.parse(r.out).error.exitCode, 2);
  });
});

describe('host and AWS failures', () => {
  let sb: Sandbox;
  let root: string;
  before(async () => {
    sb = await startSandbox({ profile: 'no-eip' });
    root = await mkdtemp(join(tmpdir(), 'gsac-err-'));
  });
  after(async () => {
    await sb.close();
    await rm(root, { recursive: true, force: true });
  });

  const noFilesWritten = async () =>
    assert.deepEqual(
      (await readdir(root)).filter((f) => f !== 'run'),
      [],
    );

  test('no Elastic IP: exit 3, says what to do, writes nothing', async () => {
    const r = await runMain(['apply', example('narrowband.json'), '--root', root], sb.env);
    assert.equal(r.code, 3, r.err);
    assert.match(r.err, /has no Elastic IP: its public IP 198\.51\.100\.80 is auto-assigned/);
    assert.match(r.err, /allocate an Elastic IP/);
    await noFilesWritten();
  });

  test('AWS refuses the credentials: exit 4, and the secret is never printed', async () => {
    const env = { ...sb.env, AWS_SECRET_ACCESS_KEY: 'wrong-secret-value-1234567890' };
    // Without EC2 the auto-assigned IP cannot be told from an Elastic IP: the plan goes on, flagged.
    const refused = await runMain(['apply', example('narrowband.json'), '--root', root, '--skip-ec2-checks', '--debug'], env);
    assert.equal(refused.code, 4, refused.err);
    assert.match(refused.err, /^error: GetResources was refused by AWS \(InvalidSignatureException\)/);
    const ec2 = await runMain(['plan', example('narrowband.json'), '--root', root, '--json'], env);
    assert.equal(ec2.code, 4, ec2.err);
    for (const r of [refused, ec2]) {
      for (const secret of ['wrong-secret-value-1234567890', sb.env.AWS_SECRET_ACCESS_KEY]) {
        assert.ok(!r.err.includes(secret) && !r.out.includes(secret), 'a secret was printed');
      }
    }
    await noFilesWritten();
  });

  test('nothing answering IMDS: exit 5 naming the endpoint', async () => {
    const env = { ...sb.env, AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' };
    const r = await runMain(['plan', example('narrowband.json'), '--root', root], env);
    assert.equal(r.code, 5, r.err);
    assert.match(r.err, /127\.0\.0\.1:9/);
    assert.doesNotMatch(r.err, STACK);
  });
});
