/**
 * What EC2 says about inbound traffic to the agent: the inbound rules of the security groups
 * on the host's public interfaces, and the id of AWS's `com.amazonaws.global.groundstation`
 * prefix list in this region (resolved by name: the ids differ per region). Both listings are
 * read to their end (ec2-pages.ts).
 */
import type { SecurityGroupFacts } from '../../types.ts';
import { describeAllPages } from './ec2-pages.ts';
import { mapPrefixListId, mapSecurityGroups } from './ec2-map.ts';
import type { Ec2Client, Ec2Module } from './ec2.ts';

export const GROUND_STATION_PREFIX_LIST = 'com.amazonaws.global.groundstation';

/** Inbound rules of the named groups, sorted by id. */
export async function describeSecurityGroups(sdk: Ec2Module, client: Ec2Client, groupIds: string[]): Promise<SecurityGroupFacts[]> {
  const groups = await describeAllPages('DescribeSecurityGroups', async (t) => {
    const out = await client.send(new sdk.DescribeSecurityGroupsCommand({ GroupIds: groupIds, ...(t ? { NextToken: t } : {}) }));
    return { items: out.SecurityGroups, nextToken: out.NextToken };
  });
  return mapSecurityGroups(groups);
}

/** The regional id of the Ground Station prefix list; undefined when EC2 does not list it. */
export async function describeGroundStationPrefixList(sdk: Ec2Module, client: Ec2Client): Promise<string | undefined> {
  const lists = await describeAllPages('DescribeManagedPrefixLists', async (t) => {
    const out = await client.send(
      new sdk.DescribeManagedPrefixListsCommand({
        Filters: [{ Name: 'prefix-list-name', Values: [GROUND_STATION_PREFIX_LIST] }],
        ...(t ? { NextToken: t } : {}),
      }),
    );
    return { items: out.PrefixLists, nextToken: out.NextToken };
  });
  return mapPrefixListId(lists, GROUND_STATION_PREFIX_LIST);
}
