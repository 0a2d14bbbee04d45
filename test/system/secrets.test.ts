/** Credentials and IMDS tokens never appear in output, logs or files — with --debug, and on errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFaultSpec } from '../../sandbox/faults.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import { example, runMain, type CliResult } from '../helpers/cli.ts';

const fx = useSandbox('secret');

async function everythingWritten(dir: string): Promise<string> {
  let all = '';
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) all += await readFile(join(e.parentPath ?? (e as unknown as { path: string }).path, e.name), 'utf8');
  }
  return all;
}

test('no secret key, session token or IMDS token is ever printed or written', async () => {
  const env = { ...fx.sb.env, AWS_SESSION_TOKEN: 'session-token-SECRET-0123456789' };
  const runs: CliResult[] = [];
  const mission = example('wideband-downlink.yaml');
  runs.push(await runMain(['apply', mission, '--root', fx.root, '--debug'], env));
  runs.push(await runMain(['plan', mission, '--root', fx.root, '--debug', '--json'], env));
  runs.push(await runMain(['status', '--root', fx.root, '--debug'], env));
  runs.push(await runMain(['facts', '--debug'], env));
  fx.sb.injectFault(parseFaultSpec('groundstation:*=403:AccessDeniedException*1')!);
  runs.push(await runMain(['apply', mission, '--root', fx.root, '--debug'], env));
  runs.push(await runMain(['apply', mission, '--root', fx.root, '--debug'], { ...env, AWS_SECRET_ACCESS_KEY: 'wrong-SECRET-abcdef' }));
  fx.sb.injectFault(parseFaultSpec('imds:*=503**')!);
  runs.push(await runMain(['apply', mission, '--root', fx.root, '--debug'], env));
  fx.sb.clearFaults();
  assert.deepEqual(
    runs.map((r) => r.code),
    [0, 0, 6, 0, 4, 4, 5],
  );
  const secrets = [fx.sb.env.AWS_SECRET_ACCESS_KEY, 'session-token-SECRET-0123456789', 'wrong-SECRET-abcdef', ...fx.sb.imds.issued];
  assert.ok(fx.sb.imds.issued.length > 0);
  const text = runs.map((r) => r.out + r.err).join('\n') + (await everythingWritten(fx.root));
  for (const s of secrets) assert.ok(!text.includes(s), `a secret was printed or written: ${s.slice(0, 4)}…`);
});
