/** Credentials and IMDS tokens never appear in output, logs or files — with --debug, and on errors. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.ts';
import { parseFaultSpec } from '../../src/sandbox/faults.ts';
import { example, runMain, type CliResult } from '../helpers/cli.ts';

let sb: Sandbox;
let root: string;
before(async () => {
  sb = await startSandbox();
  root = await mkdtemp(join(tmpdir(), 'gsac-secret-'));
});
after(async () => {
  await sb.close();
  await rm(root, { recursive: true, force: true });
});

async function everythingWritten(dir: string): Promise<string> {
  let all = '';
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) all += await readFile(join(e.parentPath ?? (e as unknown as { path: string }).path, e.name), 'utf8');
  }
  return all;
}

test('no secret key, session token or IMDS token is ever printed or written', async () => {
  const env = { ...sb.env, AWS_SESSION_TOKEN: 'session-token-SECRET-0123456789' };
  const runs: CliResult[] = [];
  const mission = example('wideband-downlink.yaml');
  runs.push(await runMain(['apply', mission, '--root', root, '--debug'], env));
  runs.push(await runMain(['plan', mission, '--root', root, '--debug', '--json'], env));
  runs.push(await runMain(['status', '--root', root, '--debug'], env));
  runs.push(await runMain(['facts', '--debug'], env));
  sb.injectFault(parseFaultSpec('groundstation:*=403:AccessDeniedException*1')!);
  runs.push(await runMain(['apply', mission, '--root', root, '--debug'], env));
  runs.push(await runMain(['apply', mission, '--root', root, '--debug'], { ...env, AWS_SECRET_ACCESS_KEY: 'wrong-SECRET-abcdef' }));
  sb.injectFault(parseFaultSpec('imds:*=503**')!);
  runs.push(await runMain(['apply', mission, '--root', root, '--debug'], env));
  sb.clearFaults();
  assert.deepEqual(runs.map((r) => r.code), [0, 0, 6, 0, 4, 4, 5]);
  const secrets = [sb.env.AWS_SECRET_ACCESS_KEY, 'session-token-SECRET-0123456789', 'wrong-SECRET-abcdef', ...sb.imds.issued];
  assert.ok(sb.imds.issued.length > 0);
  const text = runs.map((r) => r.out + r.err).join('\n') + (await everythingWritten(root));
  for (const s of secrets) assert.ok(!text.includes(s), `a secret was printed or written: ${s.slice(0, 4)}…`);
});
