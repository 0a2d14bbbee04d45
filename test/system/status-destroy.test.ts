/** status and destroy against the sandbox: health per endpoint, file drift, orphans, --yes. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import { createGroundStationPort } from '../../src/aws/groundstation.ts';
import { example, runMain } from '../helpers/cli.ts';

const AGENT_CONFIG = 'opt/aws/groundstation/etc/aws-gs-agent-config.json';

describe('status and destroy', () => {
  let sb: Sandbox;
  let root: string;
  let groupId: string;
  const mission = example('uplink-and-downlink.yaml');
  const run = (...argv: string[]) => runMain([...argv, '--root', root], sb.env);

  before(async () => {
    sb = await startSandbox();
    root = await mkdtemp(join(tmpdir(), 'gsac-status-'));
    const r = await run('apply', mission, '--json');
    assert.equal(r.code, 0, r.err);
    groupId = JSON.parse(r.out).dataflowEndpointGroupId;
  });
  after(async () => {
    await sb.close();
    await rm(root, { recursive: true, force: true });
  });

  test('an agent that never registered: exit 6, NO_REGISTERED_AGENT per endpoint', async () => {
    const r = await run('status', '--json');
    assert.equal(r.code, 6, r.err);
    const s = JSON.parse(r.out);
    assert.equal(s.healthy, false);
    assert.deepEqual(
      s.groups[0].endpoints.map((e: { healthReasons: string[] }) => e.healthReasons),
      [['NO_REGISTERED_AGENT'], ['NO_REGISTERED_AGENT']],
    );
    assert.ok(s.groups[0].files.every((f: { state: string }) => f.state === 'unchanged'));
  });

  test('registered agent: healthy, exit 0; --wait polls until then', async () => {
    setTimeout(() => sb.groundStation.setAgentRegistered(groupId, true), 300);
    const r = await run('status', '--wait', '20');
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /healthy: ready for contacts/);
    assert.match(r.out, /ok  tt-and-c-cmd-uplink \(uplink\): agent ACTIVE, audit HEALTHY, health HEALTHY/);
  });

  test('a hand-edited agent config is drift: exit 6 naming the file', async () => {
    const path = join(root, AGENT_CONFIG);
    const original = await readFile(path, 'utf8');
    await writeFile(path, original.replace('"eth0"', '"eth9"'));
    const r = await run('status');
    assert.equal(r.code, 6);
    assert.match(r.out, /file ~ changed +\/opt\/aws\/groundstation\/etc\/aws-gs-agent-config\.json/);
    await writeFile(path, original);
  });

  test('status without a state file needs the mission, then finds the group by tags', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'gsac-nostate-'));
    try {
      const bare = await runMain(['status', '--root', empty], sb.env);
      assert.equal(bare.code, 2);
      assert.match(bare.err, /no state file at .*state\.json/);
      const byTags = await runMain(['status', mission, '--root', empty, '--json'], sb.env);
      assert.equal(JSON.parse(byTags.out).groups[0].groupId, groupId);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  test('status --all and destroy --orphans find groups whose instance is gone', async () => {
    const gs = createGroundStationPort({
      region: sb.host.region,
      endpoint: sb.url,
      credentials: { accessKeyId: sb.env.AWS_ACCESS_KEY_ID, secretAccessKey: sb.env.AWS_SECRET_ACCESS_KEY },
    });
    const orphan = await gs.createGroup({
      endpoints: [
        {
          downlinkAwsGroundStationAgentEndpoint: {
            name: 'old-host-dl',
            dataflowDetails: {
              agentConnectionDetails: {
                agentIpAndPortAddress: { socketAddress: { name: '198.51.100.9', portRange: { minimum: 42000, maximum: 42299 } } },
                egressAddressAndPort: { socketAddress: { name: '127.0.0.1', port: 55000 } },
              },
            },
          },
        },
      ],
      tags: { 'gs-agent-config:mission': 'old', 'gs-agent-config:instance-id': 'i-0000000000000dead', 'gs-agent-config:plan-hash': 'x' },
    });
    const s = JSON.parse((await run('status', '--all', '--json')).out);
    assert.deepEqual(
      s.orphans.map((o: { id: string }) => o.id),
      [orphan],
    );
    const d = await run('destroy', '--orphans', '--yes', '--json');
    assert.equal(d.code, 0, d.err);
    assert.deepEqual(JSON.parse(d.out).deletedGroups, [orphan]);
    assert.ok(sb.groundStation.groups.has(groupId), 'the live host group stays');
  });

  test('destroy refuses without --yes, then deletes the group and removes the files', async () => {
    const no = await run('destroy');
    assert.equal(no.code, 2);
    assert.match(no.err, /add --yes/);
    assert.ok(sb.groundStation.groups.has(groupId));
    const r = await run('destroy', '--yes', '--json');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out).deletedGroups, [groupId]);
    assert.equal(sb.groundStation.groups.has(groupId), false);
    for (const f of [AGENT_CONFIG, 'etc/sysctl.d/90-gs-agent-config-ports.conf', 'var/lib/gs-agent-config/state.json'])
      assert.equal(existsSync(join(root, f)), false, f);
    const again = await run('status');
    assert.equal(again.code, 2);
  });

  test('a second destroy --yes (a decommission script re-run): exit 0, "nothing to destroy", no AWS call', async () => {
    const from = sb.actions.length;
    const r = await run('destroy', '--yes');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^nothing to destroy: no state file at /);
    const j = await run('destroy', '--yes', '--json');
    assert.equal(j.code, 0, j.err);
    assert.deepEqual(JSON.parse(j.out), { deletedGroups: [], keptGroups: [], removedFiles: [], nothingToDestroy: true });
    assert.deepEqual(sb.actions.slice(from), []);
    // With the mission: looked up by tags, none left; still exit 0.
    const byTags = await run('destroy', mission, '--yes', '--json');
    assert.equal(byTags.code, 0, byTags.err);
    assert.deepEqual(JSON.parse(byTags.out).deletedGroups, []);
  });
});
