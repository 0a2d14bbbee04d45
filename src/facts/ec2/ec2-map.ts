/**
 * What the EC2 describe calls answer, mapped to our facts and parsed on the way: pure, so
 * every value the SDK hands over (it checks the XML, not the meaning) becomes a typed fact
 * or a HostFactsError (exit 3) naming the action, the field and the value.
 */
import type { Address, InstanceTypeInfo, IpPermission, ManagedPrefixList, SecurityGroup } from '@aws-sdk/client-ec2';
import { HostFactsError } from '../../errors.ts';
import type { ElasticIpFacts, IngressRuleFacts, InstanceTypeFacts, SecurityGroupFacts } from '../../types.ts';
import { factReader } from '../fact-value.ts';
import { LIMITS, parseInteger, parseList, parseString, type IntegerKind, type StringKind } from '../parse-values.ts';

type Read = ReturnType<typeof factReader>;
const str = (read: Read, field: string, v: unknown, kind: StringKind) => read(field, v, (x) => parseString(kind, x));
const opt = (read: Read, field: string, v: unknown, kind: StringKind) =>
  v === undefined || v === null ? undefined : str(read, field, v, kind);
const int = (read: Read, field: string, v: unknown, kind: IntegerKind) =>
  v === undefined || v === null ? undefined : read(field, v, (x) => parseInteger(kind, x));
const list = (read: Read, field: string, v: unknown, max: number) =>
  read(field, v ?? [], (x) => parseList(x, max, (y) => y, 'entries', false));

/** DescribeAddresses filtered on this instance: each address checked, and it must be this instance's. */
export function mapAddresses(addresses: Address[] | undefined, instanceId: string): ElasticIpFacts[] {
  const read = factReader(
    'EC2 DescribeAddresses',
    `the Elastic IPs of ${instanceId} (aws ec2 describe-addresses --filters Name=instance-id,Values=${instanceId})`,
  );
  const out = (list(read, 'Addresses', addresses, LIMITS.elasticIps) as Address[]).flatMap((a) => {
    if (a.PublicIp === undefined) return [];
    const publicIp = str(read, 'PublicIp', a.PublicIp, 'ipv4');
    const owner = opt(read, `InstanceId of ${publicIp}`, a.InstanceId, 'instanceId');
    if (owner !== undefined && owner !== instanceId) {
      throw new HostFactsError(
        `EC2 DescribeAddresses: Elastic IP ${publicIp} is associated with instance ${owner}, not this instance (${instanceId})`,
        [`associate ${publicIp} with ${instanceId} (aws ec2 associate-address), or set agent.publicIp to an Elastic IP of this instance`],
      );
    }
    const fields: Array<[keyof ElasticIpFacts, unknown, StringKind]> = [
      ['allocationId', a.AllocationId, 'allocationId'],
      ['associationId', a.AssociationId, 'associationId'],
      ['networkInterfaceId', a.NetworkInterfaceId, 'eniId'],
      ['privateIp', a.PrivateIpAddress, 'ipv4'],
    ];
    const e: ElasticIpFacts = { publicIp };
    for (const [key, value, kind] of fields) {
      const v = opt(read, `${key} of ${publicIp}`, value, kind);
      if (v !== undefined) e[key] = v;
    }
    return [e];
  });
  return out.sort((a, b) => a.publicIp.localeCompare(b.publicIp));
}

/** DescribeInstanceTypes for one type: the numbers checked, absent ones left out. */
export function mapInstanceType(type: string, info: InstanceTypeInfo | undefined): InstanceTypeFacts {
  const read = factReader('EC2 DescribeInstanceTypes', `aws ec2 describe-instance-types --instance-types ${type}`);
  const v = info?.VCpuInfo;
  const n = info?.NetworkInfo;
  return {
    instanceType: type,
    vCpus: int(read, 'DefaultVCpus', v?.DefaultVCpus, 'count'),
    cores: int(read, 'DefaultCores', v?.DefaultCores, 'count'),
    threadsPerCore: int(read, 'DefaultThreadsPerCore', v?.DefaultThreadsPerCore, 'count'),
    networkPerformance: opt(read, 'NetworkPerformance', n?.NetworkPerformance, 'text'),
    maximumNetworkCards: int(read, 'MaximumNetworkCards', n?.MaximumNetworkCards, 'count'),
    maximumNetworkInterfaces: int(read, 'MaximumNetworkInterfaces', n?.MaximumNetworkInterfaces, 'count'),
  };
}

function toRule(read: Read, p: IpPermission): IngressRuleFacts {
  const prefixes = list(read, 'PrefixListIds', p.PrefixListIds, LIMITS.entriesPerRule) as NonNullable<IpPermission['PrefixListIds']>;
  const ranges = list(read, 'IpRanges', p.IpRanges, LIMITS.entriesPerRule) as NonNullable<IpPermission['IpRanges']>;
  const fromPort = int(read, 'FromPort', p.FromPort, 'port');
  const toPort = int(read, 'ToPort', p.ToPort, 'port');
  return {
    protocol: str(read, 'IpProtocol', p.IpProtocol ?? '-1', 'protocol'),
    ...(fromPort !== undefined ? { fromPort } : {}),
    ...(toPort !== undefined ? { toPort } : {}),
    prefixListIds: prefixes.flatMap((x) => (x.PrefixListId ? [str(read, 'PrefixListId', x.PrefixListId, 'prefixListId')] : [])),
    cidrs: ranges.flatMap((x) => (x.CidrIp ? [str(read, 'CidrIp', x.CidrIp, 'cidr')] : [])),
  };
}

/** DescribeSecurityGroups: inbound rules of the named groups, sorted by id. */
export function mapSecurityGroups(groups: SecurityGroup[] | undefined): SecurityGroupFacts[] {
  const read = factReader(
    'EC2 DescribeSecurityGroups',
    'the security groups of the interface holding the public IP (aws ec2 describe-security-groups)',
  );
  return (list(read, 'SecurityGroups', groups, LIMITS.securityGroups) as SecurityGroup[])
    .filter((g) => g.GroupId)
    .map((g) => {
      const groupName = opt(read, 'GroupName', g.GroupName || undefined, 'text');
      const rules = list(read, 'IpPermissions', g.IpPermissions, 1000) as IpPermission[];
      return {
        groupId: str(read, 'GroupId', g.GroupId, 'securityGroupId'),
        ...(groupName ? { groupName } : {}),
        inbound: rules.map((r) => toRule(read, r)),
      };
    })
    .sort((a, b) => a.groupId.localeCompare(b.groupId));
}

/** DescribeManagedPrefixLists: the id of the list named `name`, checked. */
export function mapPrefixListId(lists: ManagedPrefixList[] | undefined, name: string): string | undefined {
  const read = factReader(
    'EC2 DescribeManagedPrefixLists',
    `aws ec2 describe-managed-prefix-lists --filters Name=prefix-list-name,Values=${name}`,
  );
  const id = lists?.find((l) => l.PrefixListName === name)?.PrefixListId;
  return opt(read, 'PrefixListId', id, 'prefixListId');
}
