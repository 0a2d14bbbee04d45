/** Bring your own group, pure: every way a group can fail to fit is named; a fitting group's values win. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diffGroupAgainstHost, planFromGroup } from '../../../src/plan/group-host-fit.ts';
import { plan } from '../../../src/plan/plan.ts';
import type { GroupEndpointState, GroupState, Mission } from '../../../src/types.ts';
import { aDataflow, aHost, aMission } from '../../helpers/builders.ts';

const mission: Mission = aMission({
  name: 'm1',
  dataflows: [
    aDataflow({ name: 'dl', bandwidthMHz: 100 }),
    aDataflow({ name: 'ul', direction: 'uplink', address: { host: '127.0.0.1', port: 56000 } }),
  ],
});
const host = aHost();
const hostPlan = plan(mission, host);

function endpoint(over: Partial<GroupEndpointState> & { name: string }): GroupEndpointState {
  return {
    direction: 'downlink',
    agent: { ip: '203.0.113.10', ports: { min: 44000, max: 44499 } },
    address: { host: '127.0.0.1', port: 55000 },
    ...over,
  };
}
/** A group laid out by someone else: other ranges than the planner would carve, its own MTU. */
function aGroup(
  endpoints = [
    endpoint({ name: 'm1-dl', agent: { ip: '203.0.113.10', ports: { min: 44000, max: 44499 }, mtu: 1500 } }),
    endpoint({
      name: 'm1-ul',
      direction: 'uplink',
      agent: { ip: '203.0.113.10', ports: { min: 45000, max: 45299 } },
      address: { host: '127.0.0.1', port: 56000 },
    }),
  ],
): GroupState {
  return {
    id: 'g1',
    arn: 'arn:aws:groundstation:us-east-2:123456789012:dataflow-endpoint-group/g1',
    endpoints,
    tags: { owner: 'cfn' },
    contactPrePassDurationSeconds: 60,
    contactPostPassDurationSeconds: 90,
  };
}

describe('diffGroupAgainstHost', () => {
  test('a group with its own ranges, MTU and durations fits: the mission does not fix them', () => {
    assert.deepEqual(diffGroupAgainstHost(aGroup(), mission, hostPlan), []);
  });

  const g = aGroup();
  const cases: Array<{ name: string; group: GroupState; mission?: Mission; differences: string[] }> = [
    {
      name: 'another IP',
      group: aGroup([{ ...g.endpoints[0], agent: { ...g.endpoints[0].agent, ip: '198.51.100.7' } }, g.endpoints[1]]),
      differences: ["endpoint m1-dl: agent address 198.51.100.7 is not this host's Elastic IP 203.0.113.10"],
    },
    {
      name: 'overlapping ranges, a short range, a port inside a range and a reused port',
      group: aGroup([
        g.endpoints[0],
        {
          ...g.endpoints[1],
          agent: { ip: '203.0.113.10', ports: { min: 44400, max: 44599 } },
          address: { host: '127.0.0.1', port: 44000 },
        },
      ]),
      mission: { ...mission, dataflows: [mission.dataflows[0], { ...mission.dataflows[1], address: { host: '127.0.0.1', port: 44000 } }] },
      differences: [
        'endpoint m1-ul: agent ports 44400-44599 are 200 ports; AWS needs at least 300 contiguous ports',
        "endpoint m1-ul: agent ports 44400-44599 overlap endpoint m1-dl's agent ports 44000-44499",
        "endpoint m1-ul: port 44000 lies inside endpoint m1-dl's agent ports 44000-44499: the agent receives Ground Station traffic there",
      ],
    },
    {
      name: 'a missing endpoint and one the mission does not know',
      group: aGroup([g.endpoints[0], { ...g.endpoints[1], name: 'm1-other' }]),
      differences: [
        'endpoint m1-ul (dataflow ul, uplink) is missing from the group',
        'endpoint m1-other is in the group but not in the mission (add a dataflow for it, or remove it from the group)',
      ],
    },
    {
      name: 'another direction, another delivery address',
      group: aGroup([
        { ...g.endpoints[0], address: { host: '10.0.0.5', port: 55000 } },
        { ...g.endpoints[1], direction: 'downlink' },
      ]),
      differences: [
        "endpoint m1-dl: the group's egressAddressAndPort is 10.0.0.5:55000, the mission's deliverTo is 127.0.0.1:55000",
        'endpoint m1-ul: the group has it as downlink, the mission says uplink',
      ],
    },
    {
      name: 'explicit mission values the group contradicts',
      group: aGroup(),
      mission: {
        ...mission,
        dataflows: [{ ...mission.dataflows[0], agentPorts: { min: 42000, max: 42299 }, mtu: 1400, addressMtu: 1450 }, mission.dataflows[1]],
      },
      differences: [
        "endpoint m1-dl: the group's agent ports are 44000-44499, the mission's agentPorts are 42000-42299",
        "endpoint m1-dl: the group's agent MTU is 1500, the mission's mtu is 1400",
        "endpoint m1-dl: the group's egressAddressAndPort MTU is the default, the mission's localMtu is 1450",
      ],
    },
    {
      name: 'another account',
      group: { ...aGroup(), arn: 'arn:aws:groundstation:us-east-2:999999999999:dataflow-endpoint-group/g1' },
      differences: ['the group belongs to account 999999999999; this host is in account 123456789012'],
    },
  ];
  for (const c of cases) {
    test(`lists every difference: ${c.name}`, () => {
      assert.deepEqual(diffGroupAgainstHost(c.group, c.mission ?? mission, hostPlan), c.differences);
    });
  }
});

describe('planFromGroup', () => {
  test("the group is the truth: its ranges are reserved and requested, the host side stays the mission's", () => {
    const p = planFromGroup(mission, host, aGroup());
    assert.equal(p.tuning.reservedPorts, '44000-44499,45000-45299,55000,56000');
    assert.deepEqual(
      p.endpoints.map((e) => [e.name, e.agent.ports, e.agent.mtu]),
      [
        ['m1-dl', { min: 44000, max: 44499 }, 1500],
        ['m1-ul', { min: 45000, max: 45299 }, undefined],
      ],
    );
    assert.deepEqual(
      p.ingress.missing,
      [
        { min: 44000, max: 44499 },
        { min: 45000, max: 45299 },
      ],
      'the security group check runs on the group ranges',
    );
    assert.deepEqual(p.request.tags, { owner: 'cfn' });
    assert.equal(p.request.contactPrePassDurationSeconds, 60);
    assert.deepEqual(p.device, hostPlan.device, 'CPU cores, adapters and IPs come from the mission and the host');
  });
});
