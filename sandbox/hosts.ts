/**
 * Simulated EC2 hosts. IMDS answers, EC2 describe answers and the generated /sys tree are
 * all derived from one of these, so the three sources always agree.
 *
 * Ids are derived from the profile name with sha256, so they are stable across runs (tests
 * and recorded facts can rely on them) yet differ between profiles. Addresses use private
 * (10.0.0.0/16) and documentation ranges (203.0.113.0/24, 198.51.100.0/24) only.
 */
import { createHash } from 'node:crypto';
import type { HostProfileName } from './profile-names.ts';
import type {
  SimulatedElasticIp,
  SimulatedHost,
  SimulatedInterface,
  SimulatedInternetGateway,
  SimulatedManagedPrefixList,
  SimulatedRouteTable,
  SimulatedSecurityGroup,
} from './types.ts';

export const DEFAULT_HOST_PROFILE = 'c5.24xlarge';

const REGION = 'us-east-2';
const ACCOUNT_ID = '123456789012';

interface InstanceShape {
  cpu: SimulatedHost['cpu'];
  networkPerformance: string;
  maximumNetworkInterfaces: number;
}

/** Published shapes of the instance types we simulate (EC2 DescribeInstanceTypes). */
const SHAPES: Record<string, InstanceShape> = {
  'c5.24xlarge': {
    cpu: { sockets: 2, coresPerSocket: 24, threadsPerCore: 2 },
    networkPerformance: '25 Gigabit',
    maximumNetworkInterfaces: 15,
  },
  'c5n.18xlarge': {
    cpu: { sockets: 2, coresPerSocket: 18, threadsPerCore: 2 },
    networkPerformance: '100 Gigabit',
    maximumNetworkInterfaces: 15,
  },
  'c6i.32xlarge': {
    cpu: { sockets: 2, coresPerSocket: 32, threadsPerCore: 2 },
    networkPerformance: '50 Gigabit',
    maximumNetworkInterfaces: 15,
  },
  // 48 cores per socket: the only shape here where 12 dataflows (37 cores) fit one L3 domain.
  'c7i.48xlarge': {
    cpu: { sockets: 2, coresPerSocket: 48, threadsPerCore: 2 },
    networkPerformance: '50 Gigabit',
    maximumNetworkInterfaces: 15,
  },
  'm5.4xlarge': {
    cpu: { sockets: 1, coresPerSocket: 8, threadsPerCore: 2 },
    networkPerformance: 'Up to 10 Gigabit',
    maximumNetworkInterfaces: 8,
  },
  't3.medium': {
    cpu: { sockets: 1, coresPerSocket: 1, threadsPerCore: 2 },
    networkPerformance: 'Up to 5 Gigabit',
    maximumNetworkInterfaces: 3,
  },
};

/** `n` lowercase hex digits, deterministic in `seed`. */
function hex(seed: string, n: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, n);
}

/** EC2 resource ids: prefix + 17 hex digits, the long id format. */
function awsId(prefix: string, seed: string): string {
  return `${prefix}-0${hex(seed, 16)}`;
}

/** ENI MACs are locally administered unicast addresses, 02:… or 0a:… on real instances. */
function macFor(seed: string): string {
  const bytes = hex(seed, 10).match(/../g) ?? [];
  return ['0a', ...bytes].join(':');
}

interface InterfaceSpec {
  /** Third octet of the 10.0.x.0/24 subnet: 0 = public subnet, 1 = private subnet. */
  subnet: 0 | 1;
  elasticIps?: string[];
  autoPublicIp?: string;
}

function securityGroupId(subnet: 0 | 1): string {
  return awsId('sg', `sg-${subnet}`);
}

/** AWS-managed prefix lists of the region (ids as AWS publishes them for us-east-2). */
export const MANAGED_PREFIX_LISTS: SimulatedManagedPrefixList[] = [
  { id: 'pl-087f83ba4f34e3bea', name: 'com.amazonaws.global.groundstation' },
  { id: 'pl-7ba54012', name: `com.amazonaws.${REGION}.s3` },
];

/**
 * The VPC's security groups, as in AWS's agent template: the public subnet's group opens the
 * whole agent port pool (UDP 42000-50000) to the Ground Station prefix list; both allow SSH
 * from inside the VPC. Fresh copies: a sandbox may change its own (to test a missing rule).
 */
export function securityGroups(): SimulatedSecurityGroup[] {
  const vpcId = awsId('vpc', 'vpc');
  const ssh = { protocol: 'tcp', fromPort: 22, toPort: 22, prefixListIds: [], cidrs: ['10.0.0.0/16'] };
  return [
    {
      groupId: securityGroupId(0),
      groupName: 'gs-agent-public',
      vpcId,
      inbound: [{ protocol: 'udp', fromPort: 42000, toPort: 50000, prefixListIds: [MANAGED_PREFIX_LISTS[0].id], cidrs: [] }, { ...ssh }],
    },
    { groupId: securityGroupId(1), groupName: 'gs-agent-private', vpcId, inbound: [{ ...ssh }] },
  ];
}

/**
 * The VPC's routing, as in AWS's agent template: the public subnet has its own table with
 * 0.0.0.0/0 to the internet gateway; the private subnet uses the main table, whose default
 * route goes to a NAT gateway. Fresh copies, like securityGroups().
 */
export function routeTables(): SimulatedRouteTable[] {
  const vpcId = awsId('vpc', 'vpc');
  const local = { destination: '10.0.0.0/16', target: 'local' };
  return [
    {
      routeTableId: awsId('rtb', 'rtb-main'),
      vpcId,
      main: true,
      subnetIds: [],
      routes: [{ ...local }, { destination: '0.0.0.0/0', target: awsId('nat', 'nat') }],
    },
    {
      routeTableId: awsId('rtb', 'rtb-public'),
      vpcId,
      main: false,
      subnetIds: [awsId('subnet', 'subnet-0')],
      routes: [{ ...local }, { destination: '0.0.0.0/0', target: awsId('igw', 'igw') }],
    },
  ];
}

export function internetGateways(): SimulatedInternetGateway[] {
  return [{ internetGatewayId: awsId('igw', 'igw'), vpcId: awsId('vpc', 'vpc') }];
}

function buildInterface(profile: string, deviceNumber: number, hostOctet: number, spec: InterfaceSpec): SimulatedInterface {
  const seed = `${profile}/eni${deviceNumber}`;
  const privateIp = `10.0.${spec.subnet}.${hostOctet + deviceNumber}`;
  const elasticIps: SimulatedElasticIp[] = (spec.elasticIps ?? []).map((publicIp) => ({
    publicIp,
    allocationId: awsId('eipalloc', `${seed}/${publicIp}`),
    associationId: awsId('eipassoc', `${seed}/${publicIp}`),
    privateIp,
  }));
  return {
    mac: macFor(seed),
    deviceNumber,
    networkCardIndex: 0,
    interfaceId: awsId('eni', seed),
    // Subnets and the VPC are shared by all profiles, like one VPC with a public and a private subnet.
    subnetId: awsId('subnet', `subnet-${spec.subnet}`),
    vpcId: awsId('vpc', 'vpc'),
    linuxName: `eth${deviceNumber}`,
    privateIps: [privateIp],
    elasticIps,
    ...(spec.autoPublicIp ? { autoPublicIp: spec.autoPublicIp } : {}),
    securityGroupIds: [securityGroupId(spec.subnet)],
  };
}

function buildHost(profile: string, instanceType: string, hostOctet: number, specs: InterfaceSpec[]): SimulatedHost {
  const shape = SHAPES[instanceType];
  return {
    profile,
    instanceId: awsId('i', profile),
    instanceType,
    region: REGION,
    availabilityZone: `${REGION}a`,
    accountId: ACCOUNT_ID,
    imageId: awsId('ami', 'al2023'),
    cpu: { ...shape.cpu },
    networkPerformance: shape.networkPerformance,
    maximumNetworkCards: 1,
    maximumNetworkInterfaces: shape.maximumNetworkInterfaces,
    interfaces: specs.map((spec, i) => buildInterface(profile, i, hostOctet, spec)),
  };
}

/** A plain shape: one ENI (eth0) in the public subnet carrying one Elastic IP. */
function plainHost(instanceType: string, hostOctet: number): SimulatedHost {
  return buildHost(instanceType, instanceType, hostOctet, [{ subnet: 0, elasticIps: [`203.0.113.${hostOctet}`] }]);
}

/** One host per name of profile-names.ts (the type makes the two lists agree). */
export const HOST_PROFILES: Record<HostProfileName, SimulatedHost> = {
  'c5.24xlarge': plainHost('c5.24xlarge', 10),
  'c5n.18xlarge': plainHost('c5n.18xlarge', 20),
  'c6i.32xlarge': plainHost('c6i.32xlarge', 30),
  'c7i.48xlarge': plainHost('c7i.48xlarge', 35),
  'm5.4xlarge': plainHost('m5.4xlarge', 40),
  't3.medium': plainHost('t3.medium', 50),
  // AWS's two-ENI template: eth0 in a private subnet, eth1 in the public subnet with the EIP.
  'two-eni': buildHost('two-eni', 'c5.24xlarge', 60, [{ subnet: 1 }, { subnet: 0, elasticIps: ['203.0.113.61'] }]),
  // Two EIPs on two ENIs: `publicIp: auto` cannot choose.
  'two-eip': buildHost('two-eip', 'c5.24xlarge', 70, [
    { subnet: 0, elasticIps: ['203.0.113.70'] },
    { subnet: 0, elasticIps: ['198.51.100.71'] },
  ]),
  // Only an auto-assigned public IP: IMDS shows it, DescribeAddresses does not.
  'no-eip': buildHost('no-eip', 'c5.24xlarge', 80, [{ subnet: 0, autoPublicIp: '198.51.100.80' }]),
};

/**
 * A copy of the named profile (callers may tweak it without affecting others); throws
 * listing the valid names when there is none.
 */
export function getHostProfile(name: string): SimulatedHost {
  const host = Object.hasOwn(HOST_PROFILES, name) ? HOST_PROFILES[name as HostProfileName] : undefined;
  if (!host) {
    throw new Error(`unknown host profile "${name}"; valid profiles: ${Object.keys(HOST_PROFILES).join(', ')}`);
  }
  return structuredClone(host);
}

/** Most hosts `sandbox --fleet N` simulates: each fleet host takes one address of 198.51.100.0/24. */
export const MAX_FLEET = 200;

/**
 * Host `k` (2…MAX_FLEET) of a fleet: `base`'s shape with its own instance id, ENI ids, MACs and
 * Elastic IP (198.51.100.k; base profiles use that range only above 200 or not at all in a fleet).
 */
export function fleetHost(base: SimulatedHost, k: number): SimulatedHost {
  const seed = `${base.profile}/fleet/${k}`;
  const host = structuredClone(base);
  host.profile = `${base.profile}-${k}`;
  host.instanceId = awsId('i', seed);
  host.interfaces = host.interfaces.map((eni) => {
    const s = `${seed}/eni${eni.deviceNumber}`;
    const elasticIps = eni.elasticIps.slice(0, 1).map((e) => {
      const publicIp = `198.51.100.${k}`;
      return { ...e, publicIp, allocationId: awsId('eipalloc', `${s}/${publicIp}`), associationId: awsId('eipassoc', `${s}/${publicIp}`) };
    });
    return { ...eni, mac: macFor(s), interfaceId: awsId('eni', s), elasticIps };
  });
  return host;
}
