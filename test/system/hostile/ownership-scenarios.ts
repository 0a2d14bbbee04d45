/**
 * Ownership under fire, through the real binary: a state file copied from another instance, a
 * renamed mission (with and without its state file, during a pass), a tagging index that lags
 * after a lost state file, and INVALID_IP_OWNERSHIP reported for ever on the replacement. Each
 * ends with ownership-harness.ts's plain re-run: exactly one group for this host, every group
 * of another instance kept.
 */
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CancelContactCommand } from '@aws-sdk/client-groundstation';
import { TAG_INSTANCE } from '../../../src/ownership-tags.ts';
import { reserveContactOn, sdkClient } from '../../helpers/contacts-fixtures.ts';
import type { Corruption, Reply, Upstream } from './aws-proxy.ts';
import { AGENT_CONFIG, MISSION_NAME, OTHER_INSTANCE, STATE, groupOf, type OwnershipScenario, type World } from './ownership-harness.ts';

type Json = Record<string, unknown>;
const pass: Reply = { kind: 'pass' };
const asIs = (u: Upstream): Reply => ({ kind: 'answer', status: u.status, headers: u.headers, body: u.body });

/** For `action`, the upstream JSON answer edited by `f` (errors as they are); everything else passes. */
function edit(action: string, f: (body: Json) => unknown): Corruption {
  return async ({ action: a, upstream }) => {
    if (a !== action) return pass;
    const u = await upstream();
    if (u.status !== 200) return asIs(u);
    return { kind: 'answer', status: 200, headers: u.headers, body: JSON.stringify(f(JSON.parse(u.body.toString('utf8')) as Json)) };
  };
}

/** Several corruptions: the first that does not pass answers. */
function all(...cs: Corruption[]): Corruption {
  return async (ctx) => {
    for (const c of cs) {
      const r = await c(ctx);
      if (r.kind !== 'pass') return r;
    }
    return pass;
  };
}

/** The tagging index has not caught up: GetResources lists nothing. */
const blankTagging = edit('tagging:GetResources', (b) => ({ ...b, ResourceTagMappingList: [] }));
/** Ground Station's own list has not caught up either. */
const blankList = edit('groundstation:ListDataflowEndpointGroups', (b) => ({ ...b, dataflowEndpointGroupList: [] }));
/** Every endpoint of every group reports INVALID_IP_OWNERSHIP, for ever. */
const invalidIpForEver = edit('groundstation:GetDataflowEndpointGroup', (b) => ({
  ...b,
  endpointsDetails: (b.endpointsDetails as Json[]).map((d) => ({
    ...d,
    healthStatus: 'UNHEALTHY',
    healthReasons: ['INVALID_IP_OWNERSHIP'],
  })),
}));

const readState = async (w: World) => JSON.parse(await readFile(join(w.root, STATE), 'utf8')) as Json;

/** The root as an image baked on host A leaves it: A's state file, A's agent config, A's group (tagged for A). */
async function bakeImageOfAnotherHost(w: World): Promise<string> {
  const g = groupOf(await w.main(['apply', w.mission, '--root', w.root, '--json']));
  w.sb.groundStation.groups.get(g)!.tags[TAG_INSTANCE] = OTHER_INSTANCE;
  const state = await readState(w);
  await writeFile(join(w.root, STATE), JSON.stringify({ ...state, instanceId: OTHER_INSTANCE }, null, 2));
  w.keep.add(g);
  return g;
}

export const ownershipScenarios: OwnershipScenario[] = [
  {
    name: "a state file from another instance (AMI copy): apply makes this host's own group, says so, deletes nothing of the other's",
    async run(w) {
      const theirs = await bakeImageOfAnotherHost(w);
      const r = await w.cli(['apply', w.mission, '--root', w.root, '--json']);
      assert.equal(r.code, 0, r.err);
      const out = JSON.parse(r.out) as { action: string; dataflowEndpointGroupId: string; warnings: string[] };
      assert.equal(out.action, 'create');
      assert.notEqual(out.dataflowEndpointGroupId, theirs);
      assert.ok(
        out.warnings.some((x) => x.includes(`names instance ${OTHER_INSTANCE}`) && x.includes('starting fresh')),
        out.warnings.join('\n'),
      );
      assert.ok(w.sb.groundStation.groups.has(theirs), "the other instance's group was deleted");
      assert.equal((await readState(w)).instanceId, w.sb.host.instanceId);
    },
  },
  {
    name: 'a state file from another instance: destroy refuses (exit 6) and deletes nothing; status says so',
    async run(w) {
      const theirs = await bakeImageOfAnotherHost(w);
      for (const argv of [
        ['destroy', '--yes', '--root', w.root],
        ['destroy', w.mission, '--yes', '--root', w.root],
      ]) {
        const r = await w.cli(argv);
        assert.equal(r.code, 6, `${argv.join(' ')}: ${r.err}`);
        assert.match(r.err, new RegExp(`^error: the state file .*names instance ${OTHER_INSTANCE}.*destroy deleted nothing`, 'm'));
        assert.match(r.err, /rm .*state\.json/);
      }
      assert.ok(w.sb.groundStation.groups.has(theirs));
      await readFile(join(w.root, STATE), 'utf8');
      await readFile(join(w.root, AGENT_CONFIG), 'utf8');
      const s = await w.cli(['status', '--root', w.root, '--json']);
      assert.equal(s.code, 6);
      const status = JSON.parse(s.out) as { healthy: boolean; strangerState: string; groups: unknown[] };
      assert.match(status.strangerState, new RegExp(`names instance ${OTHER_INSTANCE}`));
      assert.deepEqual(status.groups, []);
      const text = await w.cli(['status', '--root', w.root]);
      assert.match(text.out, /but this host is i-[0-9a-f]+ \(IMDS\).*ignored/);
    },
  },
  {
    name: 'a renamed mission replaces the old mission\'s group: plan says "mission renamed from", exactly one group after apply and a re-run',
    async run(w) {
      const old = groupOf(await w.main(['apply', w.mission, '--root', w.root, '--json']));
      const renamed = await w.renamed('noaa20-renamed');
      const plan = await w.cli(['plan', renamed, '--root', w.root, '--json']);
      assert.equal(plan.code, 0, plan.err);
      const p = JSON.parse(plan.out) as { action: string; replaceReasons: string[] };
      assert.equal(p.action, 'replace');
      assert.deepEqual(p.replaceReasons, [`mission renamed from ${MISSION_NAME}`]);
      const text = await w.cli(['plan', renamed, '--root', w.root]);
      assert.match(text.out, /group: replace the group.*\n\s+replace forced by:\n\s+mission renamed from noaa20-wideband\n/);
      const r = await w.cli(['apply', renamed, '--root', w.root, '--json']);
      assert.equal(r.code, 0, r.err);
      const a = JSON.parse(r.out) as { action: string; retiredGroups: string[]; dataflowEndpointGroupId: string };
      assert.equal(a.action, 'replace');
      assert.deepEqual(a.retiredGroups, [old]);
      assert.equal(w.sb.groundStation.groups.has(old), false);
      assert.deepEqual(
        w.hostGroups().map((g) => g.id),
        [a.dataflowEndpointGroupId],
      );
      const again = await w.cli(['apply', renamed, '--root', w.root, '--json']);
      assert.equal(JSON.parse(again.out).action, 'keep');
      assert.equal(w.hostGroups().length, 1);
      // The re-run of the harness applies the first name again: a rename back, one group again.
    },
  },
  {
    name: 'a renamed mission applied in a root without its state file: the old group is found by the instance tag and replaced',
    async run(w) {
      const old = groupOf(await w.main(['apply', w.mission, '--root', join(w.dir, 'first-root'), '--json']));
      const r = await w.cli(['apply', await w.renamed('noaa20-renamed'), '--root', w.root, '--json']);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(JSON.parse(r.out).retiredGroups, [old]);
      assert.equal(w.hostGroups().length, 1);
    },
  },
  {
    name: 'destroy OLD when NEW is applied touches nothing (exit 0, says which mission is applied)',
    async run(w) {
      await w.main(['apply', w.mission, '--root', w.root, '--json']);
      const renamed = await w.renamed('noaa20-renamed');
      const current = groupOf(await w.main(['apply', renamed, '--root', w.root, '--json']));
      const files = await Promise.all(
        [STATE, AGENT_CONFIG, 'etc/sysctl.d/90-gs-agent-config-ports.conf'].map((f) => readFile(join(w.root, f), 'utf8')),
      );
      const r = await w.cli(['destroy', w.mission, '--yes', '--root', w.root]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^nothing destroyed: the mission applied on this host is noaa20-renamed, not noaa20-wideband/);
      const j = await w.cli(['destroy', w.mission, '--yes', '--root', w.root, '--json']);
      assert.deepEqual(JSON.parse(j.out), { deletedGroups: [], keptGroups: [], removedFiles: [], appliedMission: 'noaa20-renamed' });
      assert.ok(w.sb.groundStation.groups.has(current));
      const after = await Promise.all(
        [STATE, AGENT_CONFIG, 'etc/sysctl.d/90-gs-agent-config-ports.conf'].map((f) => readFile(join(w.root, f), 'utf8')),
      );
      assert.deepEqual(after, files);
      // Without the state file too: the host's group is found by its instance tag, and it is NEW's.
      await rm(join(w.root, STATE));
      const lost = await w.cli(['destroy', w.mission, '--yes', '--root', w.root, '--json']);
      assert.equal(lost.code, 0, lost.err);
      assert.equal(JSON.parse(lost.out).appliedMission, 'noaa20-renamed');
      assert.ok(w.sb.groundStation.groups.has(current));
      const status = await w.cli(['status', w.mission, '--root', w.root]);
      assert.equal(status.code, 6);
      assert.match(status.out, /the mission applied on this host is noaa20-renamed/);
    },
  },
  {
    name: 'a renamed mission during a pass: exit 8, the old group and the agent config untouched; after the pass one group',
    async run(w) {
      w.sb.hostAgent.running = true;
      const old = groupOf(await w.main(['apply', w.mission, '--root', w.root, '--json']));
      const client = sdkClient(w.sb);
      const now = Date.now();
      const contactId = await reserveContactOn(w.sb, [`${MISSION_NAME}-digif-downlink`], now - 60_000, now + 600_000);
      const config = await readFile(join(w.root, AGENT_CONFIG), 'utf8');
      try {
        const held = await w.cli(['apply', await w.renamed('noaa20-renamed'), '--root', w.root, '--json']);
        assert.equal(held.code, 8, held.err);
        assert.equal(JSON.parse(held.out).action, 'replace');
        assert.ok(w.sb.groundStation.groups.has(old), 'the old group was deleted during the pass');
        assert.equal(await readFile(join(w.root, AGENT_CONFIG), 'utf8'), config);
      } finally {
        await client.send(new CancelContactCommand({ contactId }));
        w.sb.hostAgent.running = false;
      }
      const done = await w.cli(['apply', await w.renamed('noaa20-renamed'), '--root', w.root, '--json']);
      assert.equal(done.code, 0, done.err);
      assert.deepEqual(JSON.parse(done.out).retiredGroups, [old]);
      assert.equal(w.hostGroups().length, 1);
    },
  },
  {
    name: 'lost state, GetResources answers empty (the index lags): Ground Station is read before a create, no second group; one group once the index catches up',
    async run(w) {
      const g = groupOf(await w.main(['apply', w.mission, '--root', join(w.dir, 'lost-root'), '--json']));
      w.keep.add(g);
      const r = await w.cli(['apply', w.mission, '--root', w.root, '--json'], { corrupt: blankTagging });
      assert.equal(r.code, 0, r.err);
      const out = JSON.parse(r.out) as { action: string; dataflowEndpointGroupId: string };
      assert.equal(out.action, 'keep');
      assert.equal(out.dataflowEndpointGroupId, g);
      assert.deepEqual(
        w.hostGroups().map((x) => x.id),
        [g],
      );
      assert.equal((await readState(w)).confirmed, true, 'the scan of Ground Station itself showed the group: confirmed');
    },
  },
  {
    name: 'lost state, the index and the list both lag: a second group is made, and the first run after they catch up retires the other',
    async run(w) {
      const first = groupOf(await w.main(['apply', w.mission, '--root', join(w.dir, 'lost-root'), '--json']));
      const r = await w.cli(['apply', w.mission, '--root', w.root, '--json'], { corrupt: all(blankTagging, blankList) });
      assert.equal(r.code, 0, r.err);
      const second = JSON.parse(r.out).dataflowEndpointGroupId as string;
      assert.notEqual(second, first);
      assert.equal(w.hostGroups().length, 2, 'nothing showed the first group: two, for now');
      // The index catches up: the state names `second` but no listing has confirmed it yet, so this run lists and retires `first`.
      const caughtUp = await w.cli(['apply', w.mission, '--root', w.root, '--json']);
      assert.equal(caughtUp.code, 0, caughtUp.err);
      assert.deepEqual(JSON.parse(caughtUp.out).retiredGroups, [first]);
      assert.deepEqual(
        w.hostGroups().map((x) => x.id),
        [second],
      );
      assert.equal((await readState(w)).confirmed, true);
    },
  },
  {
    name: 'lost state, GetResources empty and ListDataflowEndpointGroups failing: nothing is created (exit 5)',
    async run(w) {
      const g = groupOf(await w.main(['apply', w.mission, '--root', join(w.dir, 'lost-root'), '--json']));
      w.keep.add(g);
      const failList: Corruption = ({ action }) =>
        action === 'groundstation:ListDataflowEndpointGroups'
          ? { kind: 'answer', status: 500, headers: { 'x-amzn-errortype': 'InternalServerException' }, body: '{"message":"internal"}' }
          : pass;
      const r = await w.cli(['apply', w.mission, '--root', w.root], { corrupt: all(blankTagging, failList), deadline: 20 });
      assert.equal(r.code, 5, r.err);
      assert.match(r.err, /ListDataflowEndpointGroups/);
      assert.deepEqual(
        w.hostGroups().map((x) => x.id),
        [g],
      );
    },
  },
  {
    name: 'INVALID_IP_OWNERSHIP reported for ever, on the replacement too: exactly one replace, then exit 6 with what to check (apply and status), no loop',
    async run(w) {
      const first = groupOf(await w.main(['apply', w.mission, '--root', w.root, '--json']));
      const creates = () => w.sb.actions.filter((a) => a === 'groundstation:CreateDataflowEndpointGroupV2').length;
      const before = creates();
      const replace = await w.cli(['apply', w.mission, '--root', w.root, '--json'], { corrupt: invalidIpForEver });
      assert.equal(replace.code, 0, replace.err);
      const r = JSON.parse(replace.out) as { action: string; retiredGroups: string[]; dataflowEndpointGroupId: string };
      assert.equal(r.action, 'replace');
      assert.deepEqual(r.retiredGroups, [first]);
      assert.equal((await readState(w)).replacedInvalidIp, first);
      for (let i = 0; i < 2; i++) {
        const again = await w.cli(['apply', w.mission, '--root', w.root, '--json'], { corrupt: invalidIpForEver });
        assert.equal(again.code, 6, again.err);
        assert.match(again.err, /^error: INVALID_IP_OWNERSHIP again .*not replaced again/m);
        assert.match(again.err, /aws ec2 describe-addresses --public-ips [0-9.]+.*account.*AWS support/);
        const a = JSON.parse(again.out) as { action: string; dataflowEndpointGroupId: string; problems: string[] };
        assert.equal(a.action, 'keep');
        assert.equal(a.dataflowEndpointGroupId, r.dataflowEndpointGroupId);
        assert.equal(a.problems.length, 1);
      }
      assert.equal(creates() - before, 1, 'exactly one replace');
      const status = await w.cli(['status', '--root', w.root, '--json'], { corrupt: invalidIpForEver });
      assert.equal(status.code, 6);
      const problems = (JSON.parse(status.out) as { groups: Array<{ problems: string[] }> }).groups[0].problems;
      assert.ok(
        problems.some((p) => p.startsWith('INVALID_IP_OWNERSHIP again') && p.includes('not replaced again')),
        problems.join('\n'),
      );
      assert.deepEqual(
        w.hostGroups().map((g) => g.id),
        [r.dataflowEndpointGroupId],
      );
    },
  },
];
