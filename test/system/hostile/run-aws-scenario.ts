/**
 * Runs one hostile AWS scenario against a sandbox through the hostile proxy and checks what
 * every scenario must hold: the documented exit code; one clear message, no stack trace;
 * finished within the deadline; no temp file; and, across the scenario and a plain re-run,
 * exactly one group for the host, the kept group never deleted.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../sandbox/server.ts';
import { TAG_INSTANCE } from '../../../src/ownership-tags.ts';
import { example, runMain, type CliResult } from '../../helpers/cli.ts';
import { startHostileProxy } from './aws-proxy.ts';
import type { AwsScenario } from './aws-scenarios.ts';

const MISSION = example('wideband-downlink.yaml');

async function tempFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true, recursive: true })).filter((e) => e.name.includes('.tmp-')).map((e) => e.name);
}

const hostGroups = (sb: Sandbox) => [...sb.groundStation.groups.values()].filter((g) => g.tags[TAG_INSTANCE] === sb.host.instanceId);

/** What a failing run must print: one `error:` line (details may follow), never a stack. */
export function assertOneMessage(r: CliResult, message?: RegExp): void {
  assert.doesNotMatch(r.err, /^\s+at .+:\d+:\d+\)?$/m, `stack trace printed:\n${r.err}`);
  assert.doesNotMatch(r.err, /this is a bug/i, r.err);
  if (r.code !== 0) assert.equal(r.err.split('\n').filter((l) => l.startsWith('error:')).length, 1, r.err);
  if (message) assert.match(r.err, message);
}

export interface ScenarioOutcome {
  code: number;
  ms: number;
  rerun: number;
  groups: number;
}

export async function runAwsScenario(sb: Sandbox, s: AwsScenario): Promise<ScenarioOutcome> {
  sb.clearFaults();
  sb.groundStation.groups.clear();
  const dir = await mkdtemp(join(tmpdir(), 'gsac-hostile-'));
  const root = join(dir, 'root');
  try {
    const mission = join(dir, 'mission.yaml');
    await writeFile(mission, await readFile(MISSION, 'utf8'));
    let setupGroup: string | undefined;
    if (s.setup) {
      const setup = await runMain(['apply', mission, '--root', s.setup === 'same-root' ? root : join(dir, 'other-root'), '--json'], sb.env);
      assert.equal(setup.code, 0, `setup: ${setup.err}`);
      setupGroup = (JSON.parse(setup.out) as { dataflowEndpointGroupId: string }).dataflowEndpointGroupId;
    }
    if (s.changed)
      await writeFile(mission, (await readFile(MISSION, 'utf8')).replace('deliverTo: 127.0.0.1:55000', 'deliverTo: 127.0.0.1:55010'));
    sb.tagging.deny = Boolean(s.denyTagging);
    const proxy = await startHostileProxy(sb.url, s.corrupt);
    const env = {
      ...sb.env,
      AWS_ENDPOINT_URL_GROUNDSTATION: proxy.url,
      AWS_ENDPOINT_URL_EC2: proxy.url,
      AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: proxy.url,
    };
    const deadline = s.deadline ?? 30;
    const t0 = Date.now();
    let r: CliResult;
    try {
      r = await runMain(['apply', mission, '--root', root, '--deadline', String(deadline)], env);
    } finally {
      await proxy.close();
    }
    const ms = Date.now() - t0;
    assert.equal(r.code, s.exit, `exit ${r.code}, expected ${s.exit}:\n${r.err}`);
    assertOneMessage(r, s.message);
    assert.ok(ms <= deadline * 1000 + 1500, `took ${ms} ms with --deadline ${deadline}`);
    assert.deepEqual(await tempFiles(dir), []);
    if (setupGroup && s.keepsSetupGroup) assert.ok(sb.groundStation.groups.has(setupGroup), 'the kept group was deleted');
    // A plain re-run converges: exactly one group for the host, files naming it.
    sb.tagging.deny = false;
    const again = await runMain(['apply', mission, '--root', root, '--json'], sb.env);
    assert.equal(again.code, 0, `re-run: ${again.err}`);
    const groups = hostGroups(sb);
    assert.equal(groups.length, 1, `groups after the re-run: ${groups.map((g) => g.id).join(', ')}`);
    if (setupGroup && s.keepsSetupGroup) assert.equal(groups[0].id, setupGroup);
    const config = JSON.parse(await readFile(join(root, 'opt/aws/groundstation/etc/aws-gs-agent-config.json'), 'utf8')) as {
      dataflowEndpointGroupArns?: string[];
    };
    assert.ok(JSON.stringify(config).includes(groups[0].id), 'the agent config names the group');
    return { code: r.code, ms, rerun: again.code, groups: groups.length };
  } finally {
    sb.tagging.deny = false;
    await rm(dir, { recursive: true, force: true });
  }
}
