/**
 * The agent restart runs systemctl with exact argument arrays (no shell), and `apply --root`
 * never runs it. A recording fake systemctl stands in for the host's (test/dist/examples/fake-programs.ts).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGENT_UNIT, restartAgent } from '../../src/apply/agent-restart.ts';
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import { example, runBin } from '../helpers/cli.ts';
import { makeFakePrograms, type FakePrograms } from '../dist/examples/fake-programs.ts';

let fakes: FakePrograms;
let failing: FakePrograms;
before(async () => {
  fakes = await makeFakePrograms({ systemctl: '', sysctl: '' });
  // A systemctl whose every call fails, like one where the agent is not installed.
  failing = await makeFakePrograms({ systemctl: 'echo "Unit aws-groundstation-agent.service not loaded." >&2; exit 5' });
});
after(async () => {
  await fakes.cleanup();
  await failing.cleanup();
});

test('restartAgent: reset-failed (clears the exit-101 loop), then a non-blocking try-restart', async () => {
  await restartAgent(join(fakes.dir, 'systemctl'));
  assert.deepEqual(await fakes.calls(), [
    ['systemctl', 'reset-failed', AGENT_UNIT],
    ['systemctl', '--no-block', 'try-restart', AGENT_UNIT],
  ]);
  assert.equal(AGENT_UNIT, 'aws-groundstation-agent.service');
});

test('restartAgent: a failed reset-failed is ignored, a failed try-restart is reported to the caller', async () => {
  await assert.rejects(restartAgent(join(failing.dir, 'systemctl')), /not loaded/);
  assert.deepEqual(
    (await failing.calls()).map((c) => c[1]),
    ['reset-failed', '--no-block'],
  );
});

test('apply --root <tmp> never runs systemctl or sysctl, even when the agent config changes and --apply-tuning is given', async () => {
  const sb: Sandbox = await startSandbox();
  const root = await mkdtemp(join(tmpdir(), 'gsac-restart-'));
  try {
    const calls = await fakes.calls();
    const env = { ...sb.env, PATH: fakes.path };
    const mission = join(root, 'mission.yaml');
    const text = await readFile(example('wideband-downlink.yaml'), 'utf8');
    await writeFile(mission, text);
    const first = await runBin(['apply', mission, '--root', root, '--apply-tuning', '--json'], env);
    assert.equal(first.code, 0, first.err);
    // A changed mission replaces the group: the agent config changes again.
    await writeFile(mission, text.replace('deliverTo: 127.0.0.1:55000', 'deliverTo: 127.0.0.1:55010'));
    const second = await runBin(['apply', mission, '--root', root, '--apply-tuning', '--json'], env);
    assert.equal(second.code, 0, second.err);
    const report = JSON.parse(second.out);
    assert.equal(report.action, 'replace');
    assert.ok(report.files.some((f: { path: string; changed: boolean }) => f.path.endsWith('aws-gs-agent-config.json') && f.changed));
    assert.equal(report.agentRestarted, false);
    assert.match(report.tuning.skipped, /is not \//);
    assert.deepEqual(await fakes.calls(), calls, 'no program was run');
    // --json carries what outputs.json holds, ready for a mission profile's DataflowEndpointConfig.
    const outputs = JSON.parse(await readFile(join(root, 'var/lib/gs-agent-config/outputs.json'), 'utf8'));
    assert.deepEqual(report.outputs, outputs);
    assert.equal(outputs.dataflowEndpointGroupArn, report.dataflowEndpointGroupArn);
    assert.deepEqual(outputs.endpoints, { downlink: ['noaa20-wideband-digif-downlink'], uplink: [] });
    assert.deepEqual(outputs.dataflowEndpointConfigs, [
      { dataflowEndpointName: 'noaa20-wideband-digif-downlink', dataflowEndpointRegion: report.region },
    ]);
  } finally {
    await sb.close();
    await rm(root, { recursive: true, force: true });
  }
});
