/**
 * Orphans only on EC2's positive word: `status --all` and `destroy --orphans --yes` through the
 * real binary while our proxy answers DescribeInstances with an empty list, errors, a page that
 * cannot be finished, another instance than asked, a state EC2 never documented, garbage or
 * silence. Only `InvalidInstanceID.NotFound` or a terminated/shutting-down state makes an
 * orphan; everything else is `unknown` (listed, never deleted; destroy exits 6); this host's
 * own group is never one of them.
 */
import assert from 'node:assert/strict';
import type { Corruption, Reply } from './aws-proxy.ts';
import { OTHER_INSTANCE, groupOf, type OwnershipScenario, type World } from './ownership-harness.ts';

const XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const xml = (status: number, body: string): Reply => ({ kind: 'answer', status, headers: { 'content-type': 'text/xml' }, body });
const page = (instances: Array<[id: string, state: string]>, nextToken?: string) =>
  xml(
    200,
    `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeInstancesResponse xmlns="${XMLNS}"><requestId>hostile</requestId><reservationSet>${instances
      .map(
        ([id, state]) =>
          `<item><reservationId>r-0123456789abcdef0</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet><item><instanceId>${id}</instanceId><instanceState><code>48</code><name>${state}</name></instanceState></item></instancesSet></item>`,
      )
      .join('')}</reservationSet>${nextToken ? `<nextToken>${nextToken}</nextToken>` : ''}</DescribeInstancesResponse>`,
  );
const ec2Error = (status: number, code: string) =>
  xml(
    status,
    `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>hostile ${code}</Message></Error></Errors><RequestID>hostile</RequestID></Response>`,
  );

/** DescribeInstances answers `f(n)` (n: 1 for the first call); everything else passes. */
const onDescribe =
  (f: (n: number) => Reply): Corruption =>
  ({ action, n }) =>
    action === 'ec2:DescribeInstances' ? f(n) : { kind: 'pass' };

interface Case {
  name: string;
  corrupt: Corruption;
  /** EC2's answer is positive evidence: the foreign group is an orphan and destroy deletes it. */
  gone?: boolean;
  /** What status's `unknown` evidence says. */
  evidence?: RegExp;
  /** The foreign group's instance-id tag (default OTHER_INSTANCE). */
  instanceTag?: string;
}

const cases: Case[] = [
  { name: 'an empty list', corrupt: onDescribe(() => page([])), evidence: /did not list it/ },
  {
    name: 'a 500 for ever',
    corrupt: onDescribe(() => ec2Error(500, 'InternalError')),
    evidence: /DescribeInstances gave no answer to judge/,
  },
  {
    name: 'UnauthorizedOperation (the role may not call it)',
    corrupt: onDescribe(() => ec2Error(403, 'UnauthorizedOperation')),
    evidence: /UnauthorizedOperation/,
  },
  {
    name: 'a first page saying terminated whose next page fails (not read to its end)',
    corrupt: onDescribe((n) => (n === 1 ? page([[OTHER_INSTANCE, 'terminated']], 'page-2') : ec2Error(500, 'InternalError'))),
    evidence: /no answer to judge/,
  },
  {
    name: 'pages saying terminated, the same next token for ever',
    corrupt: onDescribe(() => page([[OTHER_INSTANCE, 'terminated']], 'again')),
    evidence: /not read to its end/,
  },
  {
    name: 'another instance than asked, terminated',
    corrupt: onDescribe(() => page([['i-0bbbbbbbbbbbbbbb2', 'terminated']])),
    evidence: /did not list it/,
  },
  {
    name: 'a state EC2 never documented',
    corrupt: onDescribe(() => page([[OTHER_INSTANCE, 'evaporated']])),
    evidence: /"evaporated", not one it documents/,
  },
  {
    name: 'an HTML 500 page',
    corrupt: onDescribe(() => ({
      kind: 'answer',
      status: 500,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>500</body></html>',
    })),
    evidence: /DescribeInstances/,
  },
  {
    name: 'a tag that is not an instance id (with an ESC in it): EC2 is not asked',
    corrupt: onDescribe(() => ec2Error(400, 'InvalidInstanceID.Malformed')),
    instanceTag: 'i-$(reboot)\u001b[2J',
    evidence: /not an EC2 instance id/,
  },
  {
    name: 'InvalidInstanceID.NotFound for every id (positive: gone), this host never asked',
    corrupt: onDescribe(() => ec2Error(400, 'InvalidInstanceID.NotFound')),
    gone: true,
  },
  {
    name: 'terminated (positive: gone)',
    corrupt: onDescribe(() => page([[OTHER_INSTANCE, 'terminated']])),
    gone: true,
  },
  {
    name: 'shutting-down (positive: gone)',
    corrupt: onDescribe(() => page([[OTHER_INSTANCE, 'shutting-down']])),
    gone: true,
  },
];

type Judged = { id: string; instanceId: string; evidence: string };

async function setUp(w: World, instanceTag: string): Promise<{ mine: string; foreign: string }> {
  w.sb.hostAgent.running = true;
  const mine = groupOf(await w.main(['apply', w.mission, '--root', w.root, '--json']));
  w.keep.add(mine);
  const foreign = w.addForeignGroup(instanceTag);
  return { mine, foreign };
}

function scenario(c: Case): OwnershipScenario {
  return {
    name: `DescribeInstances answers ${c.name}: status --all and destroy --orphans`,
    async run(w) {
      const { mine, foreign } = await setUp(w, c.instanceTag ?? OTHER_INSTANCE);
      try {
        const s = await w.cli(['status', '--all', '--root', w.root, '--json'], { corrupt: c.corrupt });
        assert.equal(s.code, 0, `status --all judges orphans apart from this host's health: ${s.err}`);
        const st = JSON.parse(s.out) as { orphans: Judged[]; orphansUnknown: Judged[] };
        const listed = [...st.orphans, ...st.orphansUnknown].map((g) => g.id);
        assert.ok(!listed.includes(mine), "this host's own group was judged as another instance's");
        assert.deepEqual(
          st.orphans.map((g) => g.id),
          c.gone ? [foreign] : [],
        );
        if (!c.gone) {
          assert.deepEqual(
            st.orphansUnknown.map((g) => g.id),
            [foreign],
          );
          assert.match(st.orphansUnknown[0].evidence, c.evidence!);
        }
        const text = await w.cli(['status', '--all', '--root', w.root], { corrupt: c.corrupt });
        assert.ok(!text.out.includes('\u001b'), 'a raw ESC reached the terminal');
        if (!c.gone) assert.match(text.out, /state is unknown \(not orphans; destroy --orphans leaves them\)/);

        if (c.gone) w.keep.delete(foreign);
        const d = await w.cli(['destroy', '--orphans', '--yes', '--root', w.root, '--json'], { corrupt: c.corrupt });
        const out = JSON.parse(d.out) as { deletedGroups: string[]; unknown: Judged[] };
        if (c.gone) {
          assert.equal(d.code, 0, d.err);
          assert.deepEqual(out.deletedGroups, [foreign]);
          assert.equal(w.sb.groundStation.groups.has(foreign), false);
        } else {
          assert.equal(d.code, 6, `destroy --orphans: ${d.err}`);
          assert.match(d.err, /^error: 1 group of other instances left alone: EC2 gave no evidence that its instance is gone/m);
          assert.deepEqual(out.deletedGroups, []);
          assert.deepEqual(
            out.unknown.map((g) => g.id),
            [foreign],
          );
        }
        assert.ok(w.sb.groundStation.groups.has(mine), "this host's own group was deleted");
      } finally {
        w.sb.hostAgent.running = false;
      }
    },
  };
}

export const orphanScenarios: OwnershipScenario[] = [
  ...cases.map(scenario),
  {
    name: 'DescribeInstances never answers: destroy --orphans ends at the deadline (exit 5), nothing deleted',
    async run(w) {
      const { mine } = await setUp(w, OTHER_INSTANCE);
      const r = await w.cli(['destroy', '--orphans', '--yes', '--root', w.root], {
        corrupt: onDescribe(() => ({ kind: 'hang' })),
        deadline: 3,
        inProcess: true,
      });
      assert.equal(r.code, 5, r.err);
      assert.match(r.err, /DescribeInstances/);
      assert.ok(w.sb.groundStation.groups.has(mine));
      w.sb.hostAgent.running = false;
    },
  },
];
