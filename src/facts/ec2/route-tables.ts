/**
 * What EC2 says about the Elastic IP interface's way out: the route table of its subnet (its
 * own association, else the VPC's main table; DescribeRouteTables), the VPC's internet
 * gateway (DescribeInternetGateways, for the exact fix) and the outbound rules of its security
 * groups (DescribeSecurityGroups). One client, calls in parallel, each page bounded by a
 * timeout and every listing read to its end (ec2-pages.ts); every failure, and a listing that
 * cannot be finished, becomes the reason of its fact: one page of several is never judged.
 */
import type { IpPermission, RouteTable } from '@aws-sdk/client-ec2';
import { mapAwsError } from '../../aws/map-aws-error.ts';
import type { EgressGroupFacts, EgressRuleFacts, Fact, SubnetRouteFacts } from '../types.ts';
import { withClient, type Ec2FactsOptions } from './ec2.ts';
import { describeAllPages, UnfinishedListingError } from './ec2-pages.ts';

export interface RouteQuery {
  subnetId: string;
  vpcId: string;
  groupIds: string[];
}
export interface RouteAnswers {
  route: Fact<SubnetRouteFacts>;
  egress: Fact<EgressGroupFacts[]>;
}

const CALL_TIMEOUT_MS = 10_000;

/** The table that applies to the subnet, and where its active 0.0.0.0/0 route goes. Pure. */
export function routeForSubnet(tables: RouteTable[], subnetId: string): Omit<SubnetRouteFacts, 'internetGateway'> | undefined {
  const own = tables.find((t) => t.Associations?.some((a) => a.SubnetId === subnetId));
  const table = own ?? tables.find((t) => t.Associations?.some((a) => a.Main));
  if (!table?.RouteTableId) return undefined;
  const def = table.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0' && r.State !== 'blackhole');
  const target =
    def &&
    (def.GatewayId ?? def.NatGatewayId ?? def.TransitGatewayId ?? def.NetworkInterfaceId ?? def.VpcPeeringConnectionId ?? def.InstanceId);
  return { subnetId, routeTableId: table.RouteTableId, main: !own, ...(target ? { defaultTarget: target } : {}) };
}

const toRule = (p: IpPermission): EgressRuleFacts => ({
  protocol: p.IpProtocol ?? '-1',
  ...(p.FromPort !== undefined ? { fromPort: p.FromPort } : {}),
  ...(p.ToPort !== undefined ? { toPort: p.ToPort } : {}),
  cidrs: (p.IpRanges ?? []).flatMap((x) => (x.CidrIp ? [x.CidrIp] : [])),
  prefixListIds: (p.PrefixListIds ?? []).flatMap((x) => (x.PrefixListId ? [x.PrefixListId] : [])),
});

/** A failed call as a reason naming the action (and the missing permission when refused). */
function reasonOf(action: string, err: unknown): string {
  const mapped = mapAwsError(action, err) as Error & { code?: string };
  if (mapped instanceof UnfinishedListingError) return mapped.reason;
  if (mapped.code && /Unauthorized|AccessDenied/.test(mapped.code)) return `the role in use lacks ec2:${action} (${mapped.code})`;
  return `EC2 ${action} failed: ${mapped.message.split('\n')[0]}`;
}

export async function readRouteFacts(opts: Ec2FactsOptions, q: RouteQuery): Promise<RouteAnswers> {
  const sdk = await import('./ec2-sdk.ts');
  return withClient(opts, async (_base, client) => {
    const signal = () => ({ abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
    const vpc = [{ Name: 'vpc-id', Values: [q.vpcId] }];
    const token = (t: string | undefined) => (t ? { NextToken: t } : {});
    const [tables, igws, groups] = await Promise.allSettled([
      describeAllPages('DescribeRouteTables', async (t) => {
        const o = await client.send(new sdk.DescribeRouteTablesCommand({ Filters: vpc, ...token(t) }), signal());
        return { items: o.RouteTables, nextToken: o.NextToken };
      }),
      describeAllPages('DescribeInternetGateways', async (t) => {
        const filters = [{ Name: 'attachment.vpc-id', Values: [q.vpcId] }];
        const o = await client.send(new sdk.DescribeInternetGatewaysCommand({ Filters: filters, ...token(t) }), signal());
        return { items: o.InternetGateways, nextToken: o.NextToken };
      }),
      q.groupIds.length
        ? describeAllPages('DescribeSecurityGroups', async (t) => {
            const o = await client.send(new sdk.DescribeSecurityGroupsCommand({ GroupIds: q.groupIds, ...token(t) }), signal());
            return { items: o.SecurityGroups, nextToken: o.NextToken };
          })
        : Promise.resolve(undefined),
    ]);
    let route: Fact<SubnetRouteFacts>;
    if (tables.status === 'rejected') route = { ok: false, reason: reasonOf('DescribeRouteTables', tables.reason) };
    else {
      const r = routeForSubnet(tables.value, q.subnetId);
      const igw = igws.status === 'fulfilled' ? igws.value.find((g) => g.InternetGatewayId)?.InternetGatewayId : undefined;
      route = r
        ? { ok: true, value: { ...r, ...(igw ? { internetGateway: igw } : {}) } }
        : { ok: false, reason: `no route table of ${q.vpcId} applies to ${q.subnetId}` };
    }
    let egress: Fact<EgressGroupFacts[]>;
    if (groups.status === 'rejected') egress = { ok: false, reason: reasonOf('DescribeSecurityGroups', groups.reason) };
    else {
      egress = {
        ok: true,
        value: (groups.value ?? [])
          .filter((g) => g.GroupId)
          .map((g) => ({ groupId: g.GroupId as string, outbound: (g.IpPermissionsEgress ?? []).map(toRule) }))
          .sort((a, b) => a.groupId.localeCompare(b.groupId)),
      };
    }
    return { route, egress };
  });
}
