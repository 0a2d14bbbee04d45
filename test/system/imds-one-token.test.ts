/**
 * One IMDS token per run: `status <mission>` without a state file and `destroy --orphans`
 * read the instance identity and the instance role's credentials through one IMDS client, so
 * a run fetches ONE token (counted at the sandbox), as the README promises.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import { example, runMain } from '../helpers/cli.ts';

const fx = useSandbox('one-token');

/** The sandbox environment as an EC2 host has it: no static keys, an empty home. */
async function roleOnlyEnv(): Promise<Record<string, string>> {
  const { AWS_ACCESS_KEY_ID: _k, AWS_SECRET_ACCESS_KEY: _s, ...env } = fx.sb.env;
  const home = join(fx.root, 'home');
  await mkdir(home, { recursive: true });
  return { ...env, HOME: home };
}

async function tokensFor(argv: string[], env: Record<string, string>, codes: number[]): Promise<number> {
  const before = fx.sb.imds.issued.length;
  const r = await runMain(argv, env);
  assert.ok(codes.includes(r.code), `${argv.join(' ')} exited ${r.code}: ${r.err}`);
  return fx.sb.imds.issued.length - before;
}

test('status <mission> with no state file, and destroy --orphans: one IMDS token per run', async () => {
  const env = await roleOnlyEnv();
  const mission = example('wideband-downlink.yaml');
  assert.equal(await tokensFor(['apply', mission, '--root', join(fx.root, 'applied'), '--json'], env, [0]), 1);
  const empty = join(fx.root, 'no-state');
  // 6: found by tags, unhealthy (the sandbox's agent never registers); the AWS calls were signed.
  assert.equal(await tokensFor(['status', mission, '--root', empty, '--json'], env, [6]), 1);
  assert.equal(await tokensFor(['destroy', '--orphans', '--yes', '--root', empty, '--json'], env, [0]), 1);
  assert.equal(await tokensFor(['status', '--all', mission, '--root', empty, '--json'], env, [6]), 1);
});
