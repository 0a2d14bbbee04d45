/**
 * --region and --profile work as the AWS CLI's do. The flag wins over
 * the environment (the environment variables still work); --profile reads ~/.aws of the run's
 * HOME and wins over static keys in the environment. Observed at the sandbox, which checks
 * every SigV4 signature's keys and region scope.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SANDBOX_CREDENTIALS } from '../../sandbox/server.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import { example, runMain } from '../helpers/cli.ts';

const fx = useSandbox('aws-flags');
const mission = example('wideband-downlink.yaml');

async function homeWithProfiles(): Promise<string> {
  const home = join(fx.root, 'home');
  await mkdir(join(home, '.aws'), { recursive: true });
  await writeFile(
    join(home, '.aws', 'credentials'),
    [
      '[sandbox]',
      `aws_access_key_id = ${SANDBOX_CREDENTIALS.accessKeyId}`,
      `aws_secret_access_key = ${SANDBOX_CREDENTIALS.secretAccessKey}`,
      '[wrong]',
      'aws_access_key_id = AKIAWRONGWRONGWRONG0',
      'aws_secret_access_key = wrong/wrong/wrong',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return home;
}

test('--profile: credentials from that profile of ~/.aws; it wins over keys in the environment', async () => {
  const home = await homeWithProfiles();
  const { AWS_ACCESS_KEY_ID: _k, AWS_SECRET_ACCESS_KEY: _s, ...noKeys } = fx.sb.env;
  const ok = await runMain(['plan', mission, '--profile', 'sandbox', '--skip-ec2-checks', '--json'], { ...noKeys, HOME: home });
  assert.equal(ok.code, 0, ok.err);
  assert.equal(JSON.parse(ok.out).checkedAws, true);
  // Wrong keys in the environment, the right profile named: the profile is used.
  const over = await runMain(['plan', mission, '--profile', 'sandbox', '--skip-ec2-checks', '--json'], {
    ...noKeys,
    HOME: home,
    AWS_ACCESS_KEY_ID: 'AKIAWRONGWRONGWRONG0',
    AWS_SECRET_ACCESS_KEY: 'x',
  });
  assert.equal(over.code, 0, over.err);
  // The profile's keys are refused by AWS: exit 4, not a bug.
  const wrong = await runMain(['plan', mission, '--profile', 'wrong', '--skip-ec2-checks'], { ...noKeys, HOME: home });
  assert.equal(wrong.code, 4, wrong.err);
  // $AWS_PROFILE still works.
  const fromEnv = await runMain(['plan', mission, '--skip-ec2-checks', '--json'], { ...noKeys, HOME: home, AWS_PROFILE: 'sandbox' });
  assert.equal(fromEnv.code, 0, fromEnv.err);
});

test('--region: the calls are signed for that region (the flag wins over $AWS_REGION); a region other than the host one is exit 2', async () => {
  const right = await runMain(['plan', mission, '--region', fx.sb.host.region, '--skip-ec2-checks'], {
    ...fx.sb.env,
    AWS_REGION: 'eu-west-1',
  });
  assert.equal(right.code, 0, right.err);
  // Another region than the instance's: caught from IMDS before any AWS call, naming both (issue 19: it was exit 4 from AWS).
  const other = await runMain(['plan', mission, '--region', 'eu-west-1', '--skip-ec2-checks'], fx.sb.env);
  assert.equal(other.code, 2, other.err);
  assert.match(other.err, new RegExp(`--region eu-west-1 is not this host's region: .* is in ${fx.sb.host.region}`));
});

test('shared flags are listed only on the commands they affect, accepted on all', async () => {
  const help = async (...argv: string[]) => (await runMain([...argv, '--help'])).out;
  const top = await help();
  for (const flag of ['--root', '--sys-root', '--proc-root', '--deadline', '--region', '--profile'])
    assert.ok(!top.includes(flag), `--help lists ${flag}`);
  for (const cmd of ['validate', 'iam-policy', 'check-template', 'sandbox']) {
    const h = await help(cmd, ...(cmd === 'validate' || cmd === 'check-template' ? ['x'] : []));
    assert.doesNotMatch(h, /--(root|region|profile|deadline|sys-root)\b/, cmd);
  }
  for (const cmd of ['plan', 'apply']) assert.match(await help(cmd, 'x'), /--root[\s\S]*--region|--region[\s\S]*--root/, cmd);
  assert.doesNotMatch(await help('status'), /--sys-root/);
  assert.match(await help('status'), /--region/);
  // Accepted everywhere all the same, so a wrapper that passes --root or --region to every call works.
  const r = await runMain(['validate', mission, '--root', '/tmp', '--region', 'eu-west-1', '--deadline', '30']);
  assert.equal(r.code, 0, r.err);
  assert.equal((await runMain(['iam-policy', '--sys-root', '/tmp'])).code, 0);
});
