/**
 * Lazy loading, on the sources: each command loads only what it needs. The EC2
 * client, Handlebars, ajv, YAML and the sandbox are behind dynamic imports or first use, so
 * `--help` loads none of them and `validate` no AWS code at all. Recorded with loader hooks
 * (test/helpers/record-loads.mjs) in a child process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO, example, spawnCollect } from '../helpers/cli.ts';
import { sourceArgs } from '../helpers/bundle.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';

const RECORDER = fileURLToPath(new URL('../helpers/record-loads.mjs', import.meta.url));
const fx = useSandbox('lazy');

let runs = 0;
/** The module URLs a run of the CLI resolved. */
async function loads(argv: string[], env: Record<string, string> = {}, codes = [0]): Promise<string[]> {
  const file = join(fx.root, `loads-${++runs}.txt`);
  const r = await spawnCollect(process.execPath, sourceArgs(argv, [RECORDER]), {
    env: { PATH: process.env.PATH ?? '', GS_RECORD_LOADS: file, ...env },
  });
  assert.ok(codes.includes(r.code), `${argv.join(' ')} exited ${r.code}: ${r.err}`);
  return (await readFile(file, 'utf8')).split('\n').filter(Boolean);
}

const HEAVY: Record<string, RegExp> = {
  'the EC2 client': /node_modules\/@aws-sdk\/client-ec2\//,
  'the Ground Station client': /node_modules\/@aws-sdk\/client-groundstation\//,
  'any AWS SDK code': /node_modules\/(@aws-sdk|@smithy)\//,
  handlebars: /node_modules\/handlebars\//,
  ajv: /node_modules\/ajv\//,
  yaml: /node_modules\/yaml\//,
  // The sandbox wing, except the name lists the command table shows in --help (no imports of their own).
  'the sandbox': new RegExp(
    `^file://${REPO.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}sandbox/(?!profile-names\\.ts$|breakable-checks\\.ts$|agent-steps\\.ts$|sys-variants\\.ts$)`,
  ),
};

function assertNotLoaded(urls: string[], names: string[], what: string): void {
  for (const name of names) {
    const hit = urls.find((u) => HEAVY[name].test(u));
    assert.equal(hit, undefined, `${what} loaded ${name} (${hit})`);
  }
}
function assertLoaded(urls: string[], names: string[], what: string): void {
  for (const name of names)
    assert.ok(
      urls.some((u) => HEAVY[name].test(u)),
      `${what} should load ${name}`,
    );
}

test('--help loads no AWS SDK, handlebars, ajv, yaml or sandbox', async () => {
  const urls = await loads(['--help']);
  assertNotLoaded(urls, ['any AWS SDK code', 'handlebars', 'ajv', 'yaml', 'the sandbox'], '--help');
});

test('validate loads yaml and ajv, and no AWS SDK, handlebars or sandbox', async () => {
  const urls = await loads(['validate', example('wideband-downlink.yaml')]);
  assertLoaded(urls, ['yaml', 'ajv'], 'validate');
  assertNotLoaded(urls, ['any AWS SDK code', 'handlebars', 'the sandbox'], 'validate');
});

test('iam-policy loads no AWS SDK and no sandbox', async () => {
  assertNotLoaded(await loads(['iam-policy']), ['any AWS SDK code', 'handlebars', 'the sandbox'], 'iam-policy');
});

test('plan --skip-ec2-checks loads the Ground Station client but not the EC2 client', async () => {
  const urls = await loads(['plan', example('wideband-downlink.yaml'), '--skip-ec2-checks'], fx.sb.env);
  assertLoaded(urls, ['the Ground Station client', 'handlebars'], 'plan');
  assertNotLoaded(urls, ['the EC2 client', 'the sandbox'], 'plan --skip-ec2-checks');
});

test('plan loads the EC2 client for its checks, never the sandbox', async () => {
  const urls = await loads(['plan', example('wideband-downlink.yaml')], fx.sb.env);
  assertLoaded(urls, ['the EC2 client'], 'plan');
  assertNotLoaded(urls, ['the sandbox'], 'plan');
});

test('status and destroy render nothing, so they load no handlebars', async () => {
  const root = join(fx.root, 'root');
  await loads(['apply', example('wideband-downlink.yaml'), '--root', root], fx.sb.env);
  // 6: the sandbox's agent never registers, so status finds the endpoints unhealthy.
  assertNotLoaded(await loads(['status', '--root', root], fx.sb.env, [0, 6]), ['handlebars', 'the sandbox'], 'status');
  assertNotLoaded(await loads(['destroy', '--root', root, '--yes'], fx.sb.env), ['handlebars', 'the sandbox'], 'destroy');
});

test('doctor renders nothing: no handlebars, no sandbox', async () => {
  const urls = await loads(['doctor', example('wideband-downlink.yaml'), '--root', fx.root], fx.sb.env);
  assertLoaded(urls, ['the EC2 client'], 'doctor');
  assertNotLoaded(urls, ['handlebars', 'the sandbox'], 'doctor');
});
