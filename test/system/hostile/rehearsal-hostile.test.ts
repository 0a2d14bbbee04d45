/**
 * Rehearsals stay rehearsals (issue 19, item 6), against the sandbox through main(): with the
 * sandbox's exports (a loopback metadata service) and --root forgotten, apply and destroy refuse
 * before anything is read or written; plan warns. A --profile that does not exist and a region
 * other than the instance's are exit 2 before any AWS call (counted at the sandbox); a lock left
 * by a killed run is taken at once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../../sandbox/server.ts';
import { AGENT_CONFIG_PATH, LOCK_PATH, STATE_PATH } from '../../../src/host-paths.ts';
import { example, runMain } from '../../helpers/cli.ts';
import { assertSafeText } from './text-scenarios.ts';

const MISSION = example('wideband-downlink.yaml');

describe('rehearsals stay rehearsals', () => {
  let sb: Sandbox;
  let dir: string;
  before(async () => {
    sb = await startSandbox();
    dir = await mkdtemp(join(tmpdir(), 'gsac-rehearsal-'));
  });
  after(async () => {
    await sb.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** AWS calls the sandbox served since `from` (IMDS reads are not AWS calls). */
  const awsCalls = (from: number) => sb.actions.slice(from).filter((a) => !a.startsWith('imds'));

  test('apply and destroy without --root refuse with one line (exit 2): nothing read or written under /', async () => {
    const real = [AGENT_CONFIG_PATH, STATE_PATH, LOCK_PATH].map((p) => [p, existsSync(p)] as const);
    const port = new URL(sb.url).port;
    const line = `error: the metadata service is 127.0.0.1:${port} (a sandbox) and --root is the real /: pass --root DIR for a rehearsal, or --root / to act on this machine`;
    for (const argv of [
      ['apply', MISSION],
      ['apply', MISSION, '--apply-tuning', '--json'],
      ['destroy', MISSION, '--yes'],
      ['destroy', '--yes'],
    ]) {
      const from = sb.actions.length;
      const r = await runMain(argv, sb.env);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
      assert.equal(r.err.trim(), line, argv.join(' '));
      assert.deepEqual(sb.actions.slice(from), [], `${argv.join(' ')}: no call at all`);
    }
    for (const [p, was] of real) assert.equal(existsSync(p), was, `${p} touched`);
  });

  test('plan without --root warns (it writes nothing); with --root DIR no warning', async () => {
    const r = await runMain(['plan', MISSION, '--skip-ec2-checks'], sb.env);
    assert.match(r.err, /warning: the metadata service is 127\.0\.0\.1:\d+ \(a sandbox\) and --root is the real \/: .*pass --root DIR/);
    const root = join(dir, 'plan-root');
    const ok = await runMain(['plan', MISSION, '--root', root, '--skip-ec2-checks'], sb.env);
    assert.equal(ok.code, 0, ok.err);
    assert.doesNotMatch(ok.err, /a sandbox/);
  });

  test('--profile nosuch: exit 2 naming it, as aws --profile does, before any call (IMDS included)', async () => {
    const home = join(dir, 'home');
    await mkdir(join(home, '.aws'), { recursive: true });
    await writeFile(join(home, '.aws', 'credentials'), '[other]\naws_access_key_id = AKIAOTHEROTHEROTHER0\naws_secret_access_key = x\n');
    for (const cmd of ['plan', 'apply', 'status', 'doctor']) {
      const from = sb.actions.length;
      const r = await runMain([cmd, MISSION, '--root', join(dir, 'p-root'), '--profile', 'nosuch'], { ...sb.env, HOME: home });
      assert.equal(r.code, 2, `${cmd}: ${r.err}`);
      assert.match(r.err, /^error: --profile nosuch: the config profile \(nosuch\) could not be found$/m, cmd);
      assert.deepEqual(sb.actions.slice(from), [], `${cmd}: no call`);
    }
    // $AWS_PROFILE naming no profile: the same, naming the variable.
    const { AWS_ACCESS_KEY_ID: _k, AWS_SECRET_ACCESS_KEY: _s, ...noKeys } = sb.env;
    const env = await runMain(['plan', MISSION, '--root', join(dir, 'p-root')], { ...noKeys, HOME: home, AWS_PROFILE: 'nosuch' });
    assert.equal(env.code, 2, env.err);
    assert.match(env.err, /AWS_PROFILE nosuch: the config profile \(nosuch\) could not be found/);
  });

  test('a lock left by a killed run is taken over at once (--lock-wait 0)', async () => {
    const root = join(dir, 'lock-root');
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    await mkdir(join(root, LOCK_PATH, '..'), { recursive: true });
    await writeFile(join(root, LOCK_PATH), `${dead}\n`);
    const t0 = Date.now();
    const r = await runMain(['apply', MISSION, '--root', root, '--lock-wait', '0', '--json'], sb.env);
    assert.equal(r.code, 0, r.err);
    assert.ok(Date.now() - t0 < 30_000);
    assert.ok(!existsSync(join(root, LOCK_PATH)), 'released after the run');
    await readFile(join(root, AGENT_CONFIG_PATH), 'utf8');
  });

  test("--region (or AWS_REGION) other than the instance's: exit 2 naming both, before any AWS call", async () => {
    const region = sb.host.region;
    const other = region === 'eu-west-1' ? 'us-west-2' : 'eu-west-1';
    const root = join(dir, 'region-root');
    for (const argv of [
      ['plan', MISSION],
      ['apply', MISSION],
      ['status', MISSION],
      ['destroy', MISSION, '--yes'],
      ['doctor', MISSION],
    ]) {
      const from = sb.actions.length;
      const r = await runMain([...argv, '--root', root, '--region', other], sb.env);
      assert.equal(r.code, 2, `${argv[0]}: ${r.err}`);
      assert.match(
        r.err,
        new RegExp(`--region ${other} is not this host's region: this instance \\(${sb.host.instanceId}\\) is in ${region}`),
        argv[0],
      );
      assert.deepEqual(awsCalls(from), [], `${argv[0]}: no AWS call`);
      assertSafeText(r);
    }
    const env = await runMain(['plan', MISSION, '--root', root], { ...sb.env, AWS_REGION: other });
    assert.equal(env.code, 2, env.err);
    assert.match(env.err, new RegExp(`AWS_REGION=${other} is not this host's region`));
    // A bring-your-own group ARN in another region: caught the same way.
    const mission = join(dir, 'byo.yaml');
    const arn = `arn:aws:groundstation:${other}:${sb.host.accountId}:dataflow-endpoint-group/0a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d`;
    await writeFile(mission, `${await readFile(MISSION, 'utf8')}\ngroup: ${arn}\n`);
    const from = sb.actions.length;
    const byo = await runMain(['plan', mission, '--root', root], sb.env);
    assert.equal(byo.code, 2, byo.err);
    assert.match(byo.err, new RegExp(`is in ${other}, not in this host's region`));
    assert.deepEqual(awsCalls(from), []);
  });
});
