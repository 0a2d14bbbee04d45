/**
 * What EC2 says about inbound traffic to the agent: the inbound rules of the security groups
 * on the host's public interfaces, and the id of AWS's `com.amazonaws.global.groundstation`
 * prefix list in this region (resolved by name: the ids differ per region).
 */
import type { IpPermission } from '@aws-sdk/client-ec2';
import { mapAwsError } from '../aws/map-aws-error.ts';
import type { IngressRuleFacts, SecurityGroupFacts } from '../types.ts';
import type { Ec2Client, Ec2Module } from './ec2.ts';

export const GROUND_STATION_PREFIX_LIST = 'com.amazonaws.global.groundstation';

function toRule(p: IpPermission): IngressRuleFacts {
  return {
    protocol: p.IpProtocol ?? '-1',
    ...(p.FromPort !== undefined ? { fromPort: p.FromPort } : {}),
    ...(p.ToPort !== undefined ? { toPort: p.ToPort } : {}),
    prefixListIds: (p.PrefixListIds ?? []).flatMap((x) => (x.PrefixListId ? [x.PrefixListId] : [])),
    cidrs: (p.IpRanges ?? []).flatMap((x) => (x.CidrIp ? [x.CidrIp] : [])),
  };
}

/** Inbound rules of the named groups, sorted by id. */
export async function describeSecurityGroups(sdk: Ec2Module, client: Ec2Client, groupIds: string[]): Promise<SecurityGroupFacts[]> {
  try {
    const out = await client.send(new sdk.DescribeSecurityGroupsCommand({ GroupIds: groupIds }));
    return (out.SecurityGroups ?? [])
      .filter((g) => g.GroupId)
      .map((g) => ({
        groupId: g.GroupId as string,
        ...(g.GroupName ? { groupName: g.GroupName } : {}),
        inbound: (g.IpPermissions ?? []).map(toRule),
      }))
      .sort((a, b) => a.groupId.localeCompare(b.groupId));
  } catch (err) {
    throw mapAwsError('DescribeSecurityGroups', err);
  }
}

/** The regional id of the Ground Station prefix list; undefined when EC2 does not list it. */
export async function describeGroundStationPrefixList(sdk: Ec2Module, client: Ec2Client): Promise<string | undefined> {
  try {
    const out = await client.send(new sdk.DescribeManagedPrefixListsCommand({
      Filters: [{ Name: 'prefix-list-name', Values: [GROUND_STATION_PREFIX_LIST] }],
    }));
    return out.PrefixLists?.find((l) => l.PrefixListName === GROUND_STATION_PREFIX_LIST)?.PrefixListId;
  } catch (err) {
    throw mapAwsError('DescribeManagedPrefixLists', err);
  }
}
