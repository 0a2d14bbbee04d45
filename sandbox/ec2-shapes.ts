/**
 * The EC2 resources of a simulated host as rows: the XML item EC2 returns (client-ec2
 * 3.523.0 member names) plus the values each describe filter matches against.
 */
import type { XmlValue } from './ec2-xml.ts';
import { securityGroups } from './hosts.ts';
import type {
  SimulatedElasticIp,
  SimulatedHost,
  SimulatedInterface,
  SimulatedIngressRule,
  SimulatedManagedPrefixList,
  SimulatedSecurityGroup,
} from './types.ts';

export type Fields = Record<string, Array<string | undefined>>;
export interface Row {
  xml: XmlValue;
  fields: Fields;
}

export const ADDRESS_FILTERS = [
  'instance-id',
  'network-interface-id',
  'public-ip',
  'allocation-id',
  'association-id',
  'private-ip-address',
  'domain',
  'network-interface-owner-id',
  'network-border-group',
];
export const ENI_FILTERS = [
  'network-interface-id',
  'attachment.instance-id',
  'attachment.device-index',
  'mac-address',
  'subnet-id',
  'vpc-id',
  'private-ip-address',
  'addresses.private-ip-address',
  'association.public-ip',
  'addresses.association.public-ip',
  'association.allocation-id',
];
export const SECURITY_GROUP_FILTERS = ['group-id', 'group-name', 'vpc-id', 'owner-id'];
export const PREFIX_LIST_FILTERS = ['prefix-list-id', 'prefix-list-name', 'owner-id'];

const GROUP_NAMES = new Map(securityGroups().map((g) => [g.groupId, g.groupName]));

interface PublicAddress {
  publicIp: string;
  eip?: SimulatedElasticIp;
}

/** The public address mapped to one private IP of an ENI: an EIP, or the auto-assigned IP on the primary. */
function publicFor(eni: SimulatedInterface, privateIp: string): PublicAddress | undefined {
  const eip = eni.elasticIps.find((e) => e.privateIp === privateIp);
  if (eip) return { publicIp: eip.publicIp, eip };
  return eni.autoPublicIp && privateIp === eni.privateIps[0] ? { publicIp: eni.autoPublicIp } : undefined;
}

function dnsName(host: SimulatedHost, ip: string): string {
  return `ec2-${ip.replaceAll('.', '-')}.${host.region}.compute.amazonaws.com`;
}

/** `association` block; DescribeInstances omits allocationId/associationId, DescribeNetworkInterfaces has them. */
function associationXml(host: SimulatedHost, pub: PublicAddress | undefined, withIds: boolean): XmlValue {
  if (!pub) return undefined;
  return {
    publicIp: pub.publicIp,
    publicDnsName: dnsName(host, pub.publicIp),
    ipOwnerId: pub.eip ? host.accountId : 'amazon',
    allocationId: withIds ? pub.eip?.allocationId : undefined,
    associationId: withIds ? pub.eip?.associationId : undefined,
  };
}

export function eniRow(host: SimulatedHost, eni: SimulatedInterface, forInstance: boolean): Row {
  const primaryPub = publicFor(eni, eni.privateIps[0]);
  const addresses = eni.privateIps.map((ip, i) => ({ ip, primary: i === 0, pub: publicFor(eni, ip) }));
  const xml: XmlValue = {
    networkInterfaceId: eni.interfaceId,
    subnetId: eni.subnetId,
    vpcId: eni.vpcId,
    availabilityZone: forInstance ? undefined : host.availabilityZone,
    description: '',
    ownerId: host.accountId,
    requesterManaged: forInstance ? undefined : false,
    status: 'in-use',
    macAddress: eni.mac,
    privateIpAddress: eni.privateIps[0],
    privateDnsName: `ip-${eni.privateIps[0].replaceAll('.', '-')}.${host.region}.compute.internal`,
    sourceDestCheck: true,
    groupSet: eni.securityGroupIds.map((groupId) => ({ groupId, groupName: GROUP_NAMES.get(groupId) ?? 'default' })),
    attachment: {
      attachmentId: `eni-attach-${eni.interfaceId.slice(4)}`,
      instanceId: forInstance ? undefined : host.instanceId,
      instanceOwnerId: forInstance ? undefined : host.accountId,
      deviceIndex: eni.deviceNumber,
      networkCardIndex: eni.networkCardIndex,
      status: 'attached',
      attachTime: '2024-03-28T12:00:00.000Z',
      deleteOnTermination: eni.deviceNumber === 0,
    },
    association: associationXml(host, primaryPub, !forInstance),
    tagSet: forInstance ? undefined : [],
    privateIpAddressesSet: addresses.map((a) => ({
      privateIpAddress: a.ip,
      primary: a.primary,
      association: associationXml(host, a.pub, !forInstance),
    })),
    interfaceType: 'interface',
  };
  const fields: Fields = {
    'network-interface-id': [eni.interfaceId],
    'attachment.instance-id': [host.instanceId],
    'attachment.device-index': [String(eni.deviceNumber)],
    'mac-address': [eni.mac],
    'subnet-id': [eni.subnetId],
    'vpc-id': [eni.vpcId],
    'private-ip-address': [eni.privateIps[0]],
    'addresses.private-ip-address': eni.privateIps,
    'association.public-ip': [primaryPub?.publicIp],
    'addresses.association.public-ip': addresses.map((a) => a.pub?.publicIp),
    'association.allocation-id': eni.elasticIps.map((e) => e.allocationId),
  };
  return { xml, fields };
}

export function addressRows(host: SimulatedHost): Row[] {
  return host.interfaces.flatMap((eni) =>
    eni.elasticIps.map((eip) => ({
      xml: {
        publicIp: eip.publicIp,
        allocationId: eip.allocationId,
        associationId: eip.associationId,
        domain: 'vpc',
        instanceId: host.instanceId,
        networkInterfaceId: eni.interfaceId,
        networkInterfaceOwnerId: host.accountId,
        privateIpAddress: eip.privateIp,
        publicIpv4Pool: 'amazon',
        networkBorderGroup: host.region,
      },
      fields: {
        'instance-id': [host.instanceId],
        'network-interface-id': [eni.interfaceId],
        'public-ip': [eip.publicIp],
        'allocation-id': [eip.allocationId],
        'association-id': [eip.associationId],
        'private-ip-address': [eip.privateIp],
        domain: ['vpc'],
        'network-interface-owner-id': [host.accountId],
        'network-border-group': [host.region],
      },
    })),
  );
}

export function instanceRow(host: SimulatedHost): Row {
  const enis = host.interfaces.map((eni) => eniRow(host, eni, true));
  const primary = host.interfaces.find((i) => i.deviceNumber === 0) ?? host.interfaces[0];
  const primaryPub = primary ? publicFor(primary, primary.privateIps[0]) : undefined;
  const xml: XmlValue = {
    instanceId: host.instanceId,
    imageId: host.imageId,
    instanceState: { code: 16, name: 'running' },
    privateDnsName: primary ? `ip-${primary.privateIps[0].replaceAll('.', '-')}.${host.region}.compute.internal` : undefined,
    dnsName: primaryPub ? dnsName(host, primaryPub.publicIp) : '',
    instanceType: host.instanceType,
    launchTime: '2024-03-28T12:00:00.000Z',
    placement: { availabilityZone: host.availabilityZone, tenancy: 'default' },
    monitoring: { state: 'disabled' },
    subnetId: primary?.subnetId,
    vpcId: primary?.vpcId,
    privateIpAddress: primary?.privateIps[0],
    ipAddress: primaryPub?.publicIp,
    architecture: 'x86_64',
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    virtualizationType: 'hvm',
    hypervisor: 'xen',
    networkInterfaceSet: enis.map((e) => e.xml),
    cpuOptions: { coreCount: host.cpu.sockets * host.cpu.coresPerSocket, threadsPerCore: host.cpu.threadsPerCore },
    metadataOptions: { state: 'applied', httpTokens: 'required', httpPutResponseHopLimit: 2, httpEndpoint: 'enabled' },
  };
  const fields: Fields = {
    'instance-id': [host.instanceId],
    'instance-type': [host.instanceType],
    'instance-state-name': ['running'],
    'availability-zone': [host.availabilityZone],
    'vpc-id': [primary?.vpcId],
    'subnet-id': [primary?.subnetId],
    'ip-address': [primaryPub?.publicIp],
    'private-ip-address': [primary?.privateIps[0]],
    'network-interface.mac-address': enis.flatMap((e) => e.fields['mac-address']),
    'network-interface.network-interface-id': enis.flatMap((e) => e.fields['network-interface-id']),
    'network-interface.addresses.association.public-ip': enis.flatMap((e) => e.fields['addresses.association.public-ip']),
  };
  return { xml, fields };
}

export function instanceTypeXml(h: SimulatedHost): XmlValue {
  const cores = h.cpu.sockets * h.cpu.coresPerSocket;
  const validCores = cores === 1 ? [1] : Array.from({ length: Math.floor(cores / 2) }, (_, i) => 2 * (i + 1));
  return {
    instanceType: h.instanceType,
    currentGeneration: true,
    hypervisor: 'nitro',
    processorInfo: { supportedArchitectures: ['x86_64'] },
    vCpuInfo: {
      defaultVCpus: cores * h.cpu.threadsPerCore,
      defaultCores: cores,
      defaultThreadsPerCore: h.cpu.threadsPerCore,
      validCores,
      validThreadsPerCore: h.cpu.threadsPerCore > 1 ? [1, h.cpu.threadsPerCore] : [1],
    },
    networkInfo: {
      networkPerformance: h.networkPerformance,
      maximumNetworkInterfaces: h.maximumNetworkInterfaces,
      maximumNetworkCards: h.maximumNetworkCards,
      defaultNetworkCardIndex: 0,
      networkCards: Array.from({ length: h.maximumNetworkCards }, (_, i) => ({
        networkCardIndex: i,
        networkPerformance: h.networkPerformance,
        maximumNetworkInterfaces: h.maximumNetworkInterfaces,
      })),
      ipv6Supported: true,
      enaSupport: 'required',
    },
  };
}

function permissionXml(rule: SimulatedIngressRule): XmlValue {
  return {
    ipProtocol: rule.protocol,
    fromPort: rule.fromPort,
    toPort: rule.toPort,
    groups: [],
    ipRanges: rule.cidrs.map((cidrIp) => ({ cidrIp })),
    ipv6Ranges: [],
    prefixListIds: rule.prefixListIds.map((prefixListId) => ({ prefixListId })),
  };
}

export function securityGroupRow(host: SimulatedHost, g: SimulatedSecurityGroup): Row {
  const allOut: SimulatedIngressRule = { protocol: '-1', prefixListIds: [], cidrs: ['0.0.0.0/0'] };
  return {
    xml: {
      ownerId: host.accountId,
      groupId: g.groupId,
      groupName: g.groupName,
      groupDescription: `${g.groupName} (simulated)`,
      ipPermissions: g.inbound.map(permissionXml),
      ipPermissionsEgress: (g.outbound ?? [allOut]).map(permissionXml),
      vpcId: g.vpcId,
      tagSet: [],
    },
    fields: { 'group-id': [g.groupId], 'group-name': [g.groupName], 'vpc-id': [g.vpcId], 'owner-id': [host.accountId] },
  };
}

export function prefixListRow(host: SimulatedHost, pl: SimulatedManagedPrefixList): Row {
  return {
    xml: {
      prefixListId: pl.id,
      addressFamily: 'IPv4',
      state: 'create-complete',
      prefixListArn: `arn:aws:ec2:${host.region}:aws:prefix-list/${pl.id}`,
      prefixListName: pl.name,
      version: 1,
      tagSet: [],
      ownerId: 'AWS',
    },
    fields: { 'prefix-list-id': [pl.id], 'prefix-list-name': [pl.name], 'owner-id': ['AWS'] },
  };
}
