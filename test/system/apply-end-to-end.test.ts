/** The main job end to end, in-process, against the embedded sandbox with the real SDK clients. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import { createGroundStationPort } from '../../src/aws/groundstation.ts';
import { example, runMain } from '../helpers/cli.ts';

const AGENT_CONFIG = 'opt/aws/groundstation/etc/aws-gs-agent-config.json';

describe('apply against the sandbox', () => {
  let sb: Sandbox;
  let root: string;
  const gs = () =>
    createGroundStationPort({
      region: sb.host.region,
      endpoint: sb.url,
      credentials: { accessKeyId: sb.env.AWS_ACCESS_KEY_ID, secretAccessKey: sb.env.AWS_SECRET_ACCESS_KEY },
    });
  const apply = (mission: string, ...extra: string[]) => runMain(['apply', mission, '--root', root, '--json', ...extra], sb.env);

  before(async () => {
    sb = await startSandbox();
    root = await mkdtemp(join(tmpdir(), 'gsac-apply-'));
  });
  after(async () => {
    await sb.close();
    await rm(root, { recursive: true, force: true });
  });

  test('creates one group and an agent config that matches what GetDataflowEndpointGroup returns', async () => {
    const r = await apply(example('multi-downlink.yaml'));
    assert.equal(r.code, 0, r.err);
    const rep = JSON.parse(r.out);
    assert.equal(rep.action, 'create');
    assert.match(rep.dataflowEndpointGroupArn, /^arn:aws:groundstation:us-east-2:123456789012:dataflow-endpoint-group\/[0-9a-f-]{36}$/);
    assert.deepEqual(
      rep.files.map((f: { changed: boolean }) => f.changed),
      [true, true, true],
    );
    const group = await gs().getGroup(rep.dataflowEndpointGroupId);
    const config = JSON.parse(await readFile(join(root, AGENT_CONFIG), 'utf8'));
    assert.deepEqual(config.capabilities, [group.arn]);
    assert.deepEqual(config.device.publicIps, [...new Set(group.endpoints.map((e) => e.agent.ip))]);
    assert.deepEqual(
      rep.endpoints.map((e: { name: string; agentPortRange: { minimum: number; maximum: number } }) => [
        e.name,
        e.agentPortRange.minimum,
        e.agentPortRange.maximum,
      ]),
      group.endpoints.map((e) => [e.name, e.agent.ports.min, e.agent.ports.max]),
    );
    assert.equal(sb.groundStation.groups.size, 1);
  });

  test('a re-run keeps the group, changes no file and creates nothing', async () => {
    const before = sb.actions.filter((a) => a.endsWith('CreateDataflowEndpointGroupV2')).length;
    const written = ['var/lib/gs-agent-config/state.json', 'var/lib/gs-agent-config/outputs.json', AGENT_CONFIG].map((f) => join(root, f));
    // The first run after a create lists this host's groups and records that the listing showed the
    // group (state.json's `confirmed`, issue 19: a group made while a listing lagged is never kept
    // unchecked); it rewrites the state file and nothing else. From then on a run changes nothing.
    const created = await Promise.all(written.map(async (f) => (await stat(f)).mtimeMs));
    const confirming = await apply(example('multi-downlink.yaml'));
    assert.equal(confirming.code, 0, confirming.err);
    assert.equal(JSON.parse(await readFile(written[0], 'utf8')).confirmed, true);
    const mtimes = await Promise.all(written.map(async (f) => (await stat(f)).mtimeMs));
    assert.deepEqual(mtimes.slice(1), created.slice(1), 'the confirming run rewrites only the state file');
    const r = await apply(example('multi-downlink.yaml'));
    assert.deepEqual(
      await Promise.all(written.map(async (f) => (await stat(f)).mtimeMs)),
      mtimes,
      'a no-change run rewrites no file (state and outputs included)',
    );
    assert.equal(r.code, 0, r.err);
    const rep = JSON.parse(r.out);
    assert.equal(rep.action, 'keep');
    assert.ok(rep.files.every((f: { changed: boolean }) => !f.changed));
    assert.equal(sb.actions.filter((a) => a.endsWith('CreateDataflowEndpointGroupV2')).length, before);
    assert.equal(sb.groundStation.groups.size, 1);
  });

  test('plan shows keep; a lost state file still finds the group by its tags', async () => {
    const p = await runMain(['plan', example('multi-downlink.yaml'), '--root', root], sb.env);
    assert.equal(p.code, 0, p.err);
    assert.match(p.out, /group: keep the existing group/);
    await rm(join(root, 'var/lib/gs-agent-config/state.json'));
    const r = await apply(example('multi-downlink.yaml'));
    assert.equal(JSON.parse(r.out).action, 'keep');
    assert.equal(sb.groundStation.groups.size, 1);
  });

  test('a tag-only change is applied in place; a changed dataflow replaces the group', async () => {
    const text = await readFile(example('multi-downlink.yaml'), 'utf8');
    const tagged = join(root, 'tagged.yaml');
    await writeFile(tagged, text.replace(/^tags:\n/m, 'tags:\n  team: night-shift\n'));
    const t = JSON.parse((await apply(tagged)).out);
    assert.equal(t.action, 'keep');
    assert.deepEqual(t.tagsChanged.includes('team'), true);

    const old = [...sb.groundStation.groups.keys()];
    const changed = join(root, 'changed.yaml');
    await writeFile(changed, text.replace('127.0.0.1:55000', '127.0.0.1:55010'));
    const dry = await runMain(['apply', changed, '--root', root, '--dry-run'], sb.env);
    assert.match(dry.out, /group: replace the group/);
    assert.match(dry.out, /note: a replaced group gets a new ARN/);
    const r = JSON.parse((await apply(changed)).out);
    assert.equal(r.action, 'replace');
    assert.deepEqual(r.retiredGroups, old);
    assert.equal(sb.groundStation.groups.size, 1);
    const config = JSON.parse(await readFile(join(root, AGENT_CONFIG), 'utf8'));
    assert.deepEqual(config.capabilities, [r.dataflowEndpointGroupArn]);
    const sysctl = await readFile(join(root, 'etc/sysctl.d/90-gs-agent-config-ports.conf'), 'utf8');
    assert.match(sysctl, /55010/);
  });

  test('a group not created by this tool is never touched', async () => {
    const foreign = await gs().createGroup({
      endpoints: [
        {
          downlinkAwsGroundStationAgentEndpoint: {
            name: 'someone-else',
            dataflowDetails: {
              agentConnectionDetails: {
                agentIpAndPortAddress: { socketAddress: { name: '198.51.100.1', portRange: { minimum: 40000, maximum: 40299 } } },
                egressAddressAndPort: { socketAddress: { name: '127.0.0.1', port: 50001 } },
              },
            },
          },
        },
      ],
    });
    const r = await apply(example('wideband-downlink.yaml'));
    assert.equal(r.code, 0, r.err);
    assert.ok(sb.groundStation.groups.has(foreign));
  });
});
