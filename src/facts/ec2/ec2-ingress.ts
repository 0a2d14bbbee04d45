/**
 * What EC2 says about inbound traffic to the agent: the inbound rules of the security groups
 * on the host's public interfaces, and the id of AWS's `com.amazonaws.global.groundstation`
 * prefix list in this region (resolved by name: the ids differ per region).
 */
import { mapAwsError } from '../../aws/map-aws-error.ts';
import type { SecurityGroupFacts } from '../../types.ts';
import { mapPrefixListId, mapSecurityGroups } from './ec2-map.ts';
import type { Ec2Client, Ec2Module } from './ec2.ts';

export const GROUND_STATION_PREFIX_LIST = 'com.amazonaws.global.groundstation';

/** Inbound rules of the named groups, sorted by id. */
export async function describeSecurityGroups(sdk: Ec2Module, client: Ec2Client, groupIds: string[]): Promise<SecurityGroupFacts[]> {
  let out;
  try {
    out = await client.send(new sdk.DescribeSecurityGroupsCommand({ GroupIds: groupIds }));
  } catch (err) {
    throw mapAwsError('DescribeSecurityGroups', err);
  }
  return mapSecurityGroups(out.SecurityGroups);
}

/** The regional id of the Ground Station prefix list; undefined when EC2 does not list it. */
export async function describeGroundStationPrefixList(sdk: Ec2Module, client: Ec2Client): Promise<string | undefined> {
  let out;
  try {
    out = await client.send(
      new sdk.DescribeManagedPrefixListsCommand({
        Filters: [{ Name: 'prefix-list-name', Values: [GROUND_STATION_PREFIX_LIST] }],
      }),
    );
  } catch (err) {
    throw mapAwsError('DescribeManagedPrefixLists', err);
  }
  return mapPrefixListId(out.PrefixLists, GROUND_STATION_PREFIX_LIST);
}
