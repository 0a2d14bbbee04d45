/** Pure pre-flight checks: supported instance types, vCPUs /sys vs EC2, security group ingress. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInstance, SUPPORTED_INSTANCE_TYPES } from '../../../src/plan/instance-check.ts';
import { formatIngressRule, planIngress } from '../../../src/plan/ingress-plan.ts';
import { plan } from '../../../src/plan/plan.ts';
import type { HostFacts, SecurityGroupFacts } from '../../../src/types.ts';
import { aHost, aMission, cpuTopology } from '../../helpers/builders.ts';

const PL = 'pl-087f83ba4f34e3bea';
const c5Info = {
  instanceType: 'c5.24xlarge',
  vCpus: 96,
  cores: 48,
  threadsPerCore: 2,
  networkPerformance: '25 Gigabit',
  maximumNetworkCards: 1,
};

test("AWS's list is data; every entry's vCPUs are whole hyperthread pairs", () => {
  assert.equal(SUPPORTED_INSTANCE_TYPES['c5.24xlarge'], 96);
  assert.equal(SUPPORTED_INSTANCE_TYPES['c6i.32xlarge'], 128);
  for (const [type, vcpus] of Object.entries(SUPPORTED_INSTANCE_TYPES)) assert.equal(vcpus % 2, 0, type);
});

test('a supported type whose /sys agrees with EC2: a note, no warning', () => {
  const r = checkInstance({ ...aHost(), instanceTypeInfo: c5Info });
  assert.deepEqual(r.warnings, []);
  assert.deepEqual(r.notes, [
    'instance c5.24xlarge: 96 vCPUs (48 cores × 2 threads), network 25 Gigabit, 1 network card(s) (EC2 DescribeInstanceTypes)',
  ]);
});

test('an unknown type warns (never fails); so does a /sys that disagrees with EC2', () => {
  const small = checkInstance(aHost('m5.4xlarge', cpuTopology(1, 8)));
  assert.match(small.warnings[0], /^instance type m5\.4xlarge is not in AWS's list of instance types for the Ground Station Agent/);
  // Launched with CpuOptions CoreCount=32: /sys shows 64 vCPUs, the type has 96.
  const trimmed = checkInstance({ ...aHost('c5.24xlarge', cpuTopology(2, 16)), instanceTypeInfo: c5Info });
  assert.deepEqual(trimmed.warnings, [
    '/sys shows 64 online vCPUs but EC2 says a c5.24xlarge has 96: CPU options were changed at launch or CPUs are offline; the core plan uses what /sys shows',
  ]);
  const p = plan(aMission(), {
    ...aHost('c5.24xlarge', cpuTopology(2, 16)),
    instanceTypeInfo: c5Info,
    ec2Unchecked: ['security groups sg-1 not checked: x'],
  });
  assert.ok(p.warnings.includes(trimmed.warnings[0]));
  assert.ok(p.warnings.includes('security groups sg-1 not checked: x'));
});

function withGroups(groups: SecurityGroupFacts[], prefixListId: string | undefined = PL): HostFacts {
  const host = aHost();
  return {
    ...host,
    interfaces: [{ ...host.interfaces[0], securityGroupIds: groups.map((g) => g.groupId) }],
    securityGroups: groups,
    groundStationPrefixListId: prefixListId,
  };
}
const udp = (fromPort: number, toPort: number, prefixListIds = [PL], cidrs: string[] = []) => ({
  protocol: 'udp',
  fromPort,
  toPort,
  prefixListIds,
  cidrs,
});
const ranges = [
  { min: 42000, max: 42299 },
  { min: 42300, max: 42599 },
];

test("ingress: the pool rule of AWS's template covers every range", () => {
  const f = withGroups([{ groupId: 'sg-a', inbound: [udp(42000, 50000)] }]);
  assert.deepEqual(planIngress(f.interfaces[0], ranges, f), {
    ingress: { status: 'allowed', groupIds: ['sg-a'], missing: [], prefixList: PL },
    warnings: [],
  });
});

test('ingress: rules of two groups add up; a gap is reported with the exact rule to add', () => {
  const f = withGroups([
    { groupId: 'sg-a', inbound: [udp(42000, 42299)] },
    { groupId: 'sg-b', inbound: [udp(42400, 42599), udp(42300, 42399, [], ['10.0.0.0/8'])] },
  ]);
  const r = planIngress(f.interfaces[0], ranges, f);
  assert.equal(r.ingress.status, 'missing');
  assert.deepEqual(r.ingress.missing, [{ min: 42300, max: 42399 }]);
  assert.deepEqual(r.warnings, [
    `security groups sg-a, sg-b on eth0 do not allow inbound UDP 42300-42399 from com.amazonaws.global.groundstation (${PL}): Ground Station cannot reach the agent there. Add the rule:`,
    `  aws ec2 authorize-security-group-ingress --group-id sg-a --ip-permissions 'IpProtocol=udp,FromPort=42300,ToPort=42399,PrefixListIds=[{PrefixListId=${PL},Description="AWS Ground Station agent"}]'`,
  ]);
  assert.equal(formatIngressRule('sg-a', PL, { min: 1, max: 2 }).includes('FromPort=1,ToPort=2'), true);
});

test('ingress: TCP rules do not count; all-traffic from anywhere does; no EC2 facts → unchecked', () => {
  const tcp = withGroups([{ groupId: 'sg-a', inbound: [{ ...udp(0, 65535), protocol: 'tcp' }] }]);
  assert.deepEqual(planIngress(tcp.interfaces[0], ranges, tcp).ingress.missing, ranges);
  const open = withGroups([{ groupId: 'sg-a', inbound: [{ protocol: '-1', prefixListIds: [], cidrs: ['0.0.0.0/0'] }] }]);
  assert.equal(planIngress(open.interfaces[0], ranges, open).ingress.status, 'allowed');
  const none = aHost();
  assert.deepEqual(planIngress(none.interfaces[0], ranges, none), {
    ingress: { status: 'unchecked', groupIds: [], missing: ranges, prefixList: 'com.amazonaws.global.groundstation' },
    warnings: [],
  });
});
