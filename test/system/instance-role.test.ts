/**
 * On a host whose only credentials are the instance role (no keys in the environment, no
 * ~/.aws): the role's credentials come through the tool's own IMDS client, so a whole run
 * uses one IMDS token and reads the role once for both the EC2 and Ground Station clients;
 * the keys and session token are never printed or written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SANDBOX_SESSION_TOKEN } from '../../sandbox/server.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import { example, runMain } from '../helpers/cli.ts';

const fx = useSandbox('role');

/** The sandbox environment as an EC2 host has it: no static keys, an empty home. */
async function roleOnlyEnv(): Promise<Record<string, string>> {
  const { AWS_ACCESS_KEY_ID: _k, AWS_SECRET_ACCESS_KEY: _s, ...env } = fx.sb.env;
  const home = join(fx.root, 'home');
  await mkdir(home, { recursive: true });
  return { ...env, HOME: home };
}

test('apply with instance-role credentials: one IMDS token, the role read once, AWS calls signed', async () => {
  const env = await roleOnlyEnv();
  const from = fx.sb.actions.length;
  const tokensBefore = fx.sb.imds.issued.length;
  const r = await runMain(['apply', example('wideband-downlink.yaml'), '--root', fx.root, '--json', '--debug'], env);
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).action, 'create');
  const actions = fx.sb.actions.slice(from);
  assert.equal(fx.sb.imds.issued.length - tokensBefore, 1, 'one IMDS token for facts and credentials');
  assert.ok(actions.includes('ec2:DescribeAddresses') && actions.includes('groundstation:CreateDataflowEndpointGroupV2'));
  const text = r.out + r.err;
  for (const secret of [SANDBOX_SESSION_TOKEN, fx.sb.env.AWS_SECRET_ACCESS_KEY, ...fx.sb.imds.issued]) {
    assert.ok(!text.includes(secret), `a secret was printed: ${secret.slice(0, 4)}…`);
  }
  const state = await readFile(join(fx.root, 'var/lib/gs-agent-config/state.json'), 'utf8');
  assert.ok(!state.includes(SANDBOX_SESSION_TOKEN));
});
