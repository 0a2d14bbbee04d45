/**
 * Bring your own group against the sandbox: a mission with `group:` renders the host from a
 * group IaC owns, creates and changes nothing of it, and refuses (exit 6, every difference,
 * nothing written) a group that does not fit.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import { createGroundStationPort } from '../../src/aws/groundstation.ts';
import type { CreateDataflowEndpointGroupV2Request } from '../../src/types.ts';
import { example, runMain } from '../helpers/cli.ts';

const FILES = [
  'opt/aws/groundstation/etc/aws-gs-agent-config.json',
  'etc/sysctl.d/90-gs-agent-config-ports.conf',
  'etc/systemd/system/gs-agent-config-tuning.service',
];
const STATE = 'var/lib/gs-agent-config/state.json';
/** Every regular file below root (the lock's directory may exist: apply takes the lock before it reads the group). */
const filesUnder = async (root: string) =>
  (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
type Agent = { socketAddress: { name: string; portRange: { minimum: number; maximum: number } } };
const agentOf = (e: CreateDataflowEndpointGroupV2Request['endpoints'][number]): Agent =>
  ('downlinkAwsGroundStationAgentEndpoint' in e ? e.downlinkAwsGroundStationAgentEndpoint : e.uplinkAwsGroundStationAgentEndpoint)
    .dataflowDetails.agentConnectionDetails.agentIpAndPortAddress;

describe('bring your own group', () => {
  let sb: Sandbox;
  let dir: string;
  const gs = () =>
    createGroundStationPort({
      region: sb.host.region,
      endpoint: sb.url,
      credentials: { accessKeyId: sb.env.AWS_ACCESS_KEY_ID, secretAccessKey: sb.env.AWS_SECRET_ACCESS_KEY },
    });
  const readFiles = (root: string) => Promise.all(FILES.map((f) => readFile(join(root, f), 'utf8')));
  const newRoot = () => mkdtemp(join(dir, 'root-'));
  /** The example mission pointed at a group. */
  const missionWith = async (name: string, group: string) => {
    const file = join(dir, `${name}-${group.slice(-8)}.yaml`);
    await writeFile(file, `${await readFile(example(name), 'utf8')}\ngroup: ${group}\n`);
    return file;
  };
  /** What `export --format json` gives: the request an IaC tool would create the group with. */
  const exported = async (name: string): Promise<CreateDataflowEndpointGroupV2Request> =>
    JSON.parse((await runMain(['export', example(name), '--format', 'json'], sb.env)).out);
  const since = (n: number, re: RegExp) => sb.actions.slice(n).filter((a) => re.test(a));

  before(async () => {
    sb = await startSandbox();
    dir = await mkdtemp(join(tmpdir(), 'gsac-byo-'));
  });
  after(async () => {
    await sb.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('moving into IaC: export, create the group elsewhere, point the mission at it; apply creates nothing and renders the same files', async () => {
    const root = await newRoot();
    const own = JSON.parse((await runMain(['apply', example('multi-downlink.yaml'), '--root', root, '--json'], sb.env)).out);
    const before = await readFiles(root);
    const iac = await gs().getGroup(await gs().createGroup(await exported('multi-downlink.yaml')));
    const mission = await missionWith('multi-downlink.yaml', iac.arn);

    const plan = await runMain(['plan', mission, '--root', root], sb.env);
    assert.equal(plan.code, 0, plan.err);
    assert.match(plan.out, new RegExp(`group: use existing group ${iac.arn} \\(not owned by gs-agent-config`));
    assert.match(
      plan.out,
      new RegExp(`would delete the group\\(s\\) this host had created for the mission: ${own.dataflowEndpointGroupId}`),
    );

    const n = sb.actions.length;
    const r = await runMain(['apply', mission, '--root', root, '--json'], sb.env);
    assert.equal(r.code, 0, r.err);
    const rep = JSON.parse(r.out);
    assert.equal(rep.action, 'use-existing');
    assert.equal(rep.owned, false);
    assert.equal(rep.dataflowEndpointGroupArn, iac.arn);
    assert.deepEqual(since(n, /CreateDataflowEndpointGroup|TagResource|UntagResource/), []);
    assert.deepEqual(rep.retiredGroups, [own.dataflowEndpointGroupId], 'the group the tool had made is retired, as a replace would');
    assert.deepEqual(
      await readFiles(root),
      before.map((f) => f.replace(own.dataflowEndpointGroupArn, iac.arn)),
    );
    assert.deepEqual((await gs().getGroup(iac.id)).tags, iac.tags, 'the IaC group is not tagged');
    const state = JSON.parse(await readFile(join(root, STATE), 'utf8'));
    assert.deepEqual([state.groupId, state.owned, state.retiring], [iac.id, false, []]);

    const again = JSON.parse((await runMain(['apply', mission, '--root', root, '--json'], sb.env)).out);
    assert.deepEqual([again.retiredGroups, again.files.map((f: { changed: boolean }) => f.changed)], [[], [false, false, false]]);

    const d = await runMain(['destroy', mission, '--root', root, '--yes'], sb.env);
    assert.equal(d.code, 0, d.err);
    assert.ok(sb.groundStation.groups.has(iac.id), 'destroy never deletes a group it does not own');
  });

  test('pointing at the group the tool made (imported into IaC) renders byte-identical files and deletes nothing', async () => {
    const root = await newRoot();
    const own = JSON.parse((await runMain(['apply', example('uplink-and-downlink.yaml'), '--root', root, '--json'], sb.env)).out);
    const other = await newRoot();
    const n = sb.actions.length;
    const r = await runMain(
      ['apply', await missionWith('uplink-and-downlink.yaml', own.dataflowEndpointGroupId), '--root', other, '--json'],
      sb.env,
    );
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(await readFiles(other), await readFiles(root));
    assert.deepEqual(since(n, /Create|Delete|TagResource/), []);
  });

  test("the group's own ranges win over the planner's: reserved ports are exactly the group's", async () => {
    const req = await exported('wideband-downlink.yaml');
    agentOf(req.endpoints[0]).socketAddress.portRange = { minimum: 46000, maximum: 46999 };
    const g = await gs().getGroup(await gs().createGroup(req));
    const root = await newRoot();
    const r = await runMain(['apply', await missionWith('wideband-downlink.yaml', g.arn), '--root', root, '--json'], sb.env);
    assert.equal(r.code, 0, r.err);
    const sysctl = await readFile(join(root, FILES[1]), 'utf8');
    assert.match(sysctl, /^net\.ipv4\.ip_local_reserved_ports = 46000-46999,\d+$/m);
  });

  const misfits: Array<{ name: string; change: (r: CreateDataflowEndpointGroupV2Request) => void; differences: RegExp[] }> = [
    {
      name: 'another IP',
      change: (r) => {
        agentOf(r.endpoints[0]).socketAddress.name = '198.51.100.7';
      },
      differences: [/agent address 198\.51\.100\.7 is not this host's Elastic IP 203\.0\.113\.10/],
    },
    {
      name: 'overlapping ranges',
      change: (r) => {
        agentOf(r.endpoints[1]).socketAddress.portRange.minimum = agentOf(r.endpoints[0]).socketAddress.portRange.maximum - 9;
      },
      differences: [/endpoint eo-multi-xband-100: agent ports \d+-\d+ overlap endpoint eo-multi-xband-200's agent ports 42000-42299/],
    },
    {
      name: 'a missing endpoint',
      change: (r) => {
        r.endpoints.pop();
      },
      differences: [/endpoint eo-multi-sband-50 \(dataflow sband-50, downlink\) is missing from the group/],
    },
  ];
  const three = [...misfits];
  misfits.push({
    name: 'all three at once',
    change: (r) => three.forEach((m) => m.change(r)),
    differences: three.flatMap((m) => m.differences),
  });
  for (const m of misfits) {
    test(`a group with ${m.name} is refused with every difference listed (exit 6), no file written`, async () => {
      const req = await exported('multi-downlink.yaml');
      m.change(req);
      const g = await gs().getGroup(await gs().createGroup(req));
      const root = await newRoot();
      const n = sb.actions.length;
      const r = await runMain(['apply', await missionWith('multi-downlink.yaml', g.id), '--root', root], sb.env);
      assert.equal(r.code, 6, r.err);
      assert.match(r.err, new RegExp(`^error: the group ${g.id} does not fit this host and mission \\(${m.differences.length} difference`));
      for (const d of m.differences) assert.match(r.err, new RegExp(`^  - .*${d.source}$`, 'm'));
      assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
      assert.deepEqual(await filesUnder(root), [], 'no file written, not even the state file');
      assert.deepEqual(since(n, /Create|Delete|TagResource/), []);
    });
  }

  test('a group that does not exist is AWS refusing (exit 4), no file written', async () => {
    const root = await newRoot();
    const r = await runMain(
      ['apply', await missionWith('wideband-downlink.yaml', '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'), '--root', root],
      sb.env,
    );
    assert.equal(r.code, 4, r.err);
    assert.match(r.err, /GetDataflowEndpointGroup/);
    assert.deepEqual(await filesUnder(root), []);
  });
});
