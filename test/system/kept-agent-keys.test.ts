/**
 * Issue 20: a key the tool does not write, found in the agent config on disk (agent 1.0.3555.0
 * added an undocumented option), is named by plan and kept by apply; the rest is the tool's,
 * with device.privateIps at AWS's documented default.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import { example, runMain } from '../helpers/cli.ts';

const fx = useSandbox('kept-keys');
const MISSION = example('multi-downlink.yaml');
const CONFIG = '/opt/aws/groundstation/etc/aws-gs-agent-config.json';

test('plan names the unknown keys; apply keeps them with their values and writes privateIps ["127.0.0.1"]', async () => {
  const path = join(fx.root, CONFIG);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(
    path,
    JSON.stringify({
      capabilities: [],
      device: { publicIps: ['203.0.113.10'], agentCpuCores: [1, 2], undocumentedOption: 7 },
      extraTop: 'x',
    }),
  );
  const plan = await runMain(['plan', MISSION, '--root', fx.root], fx.sb.env);
  assert.equal(plan.code, 0, plan.err);
  assert.match(plan.out + plan.err, /holds extraTop, device\.undocumentedOption, which this tool does not write: kept/);
  const apply = await runMain(['apply', MISSION, '--root', fx.root, '--json'], fx.sb.env);
  assert.equal(apply.code, 0, apply.err);
  assert.ok(JSON.parse(apply.out).warnings.some((w: string) => w.includes('device.undocumentedOption')));
  const written = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(written.extraTop, 'x');
  assert.equal(written.device.undocumentedOption, 7);
  assert.deepEqual(written.device.privateIps, ['127.0.0.1']);
  assert.equal(written.capabilities.length, 1);
  // A second apply changes nothing: the kept keys are part of what it renders.
  const again = await runMain(['apply', MISSION, '--root', fx.root, '--json'], fx.sb.env);
  assert.equal(again.code, 0, again.err);
  assert.deepEqual(
    JSON.parse(again.out).files.filter((f: { changed: boolean }) => f.changed),
    [],
  );
});
