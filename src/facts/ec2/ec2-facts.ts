/**
 * The EC2 part of the host facts, with one client and at most four describe calls made in
 * parallel: DescribeAddresses (which public IPs are Elastic IPs: required), and the
 * pre-flight checks DescribeInstanceTypes, DescribeSecurityGroups and
 * DescribeManagedPrefixLists (advisory: a failure becomes a line in `ec2Unchecked`).
 */
import { AwsCallError, GsAgentConfigError, HostFactsError } from '../../errors.ts';
import { isAccessDenied } from '../../aws/map-aws-error.ts';
import type { HostFacts } from '../../types.ts';
import { describeElasticIps, describeInstanceType, withClient, type Ec2FactsOptions } from './ec2.ts';
import { describeGroundStationPrefixList, describeSecurityGroups, GROUND_STATION_PREFIX_LIST } from './ec2-ingress.ts';

export type Ec2HostFacts = Pick<
  HostFacts,
  'elasticIps' | 'instanceTypeInfo' | 'securityGroups' | 'groundStationPrefixListId' | 'ec2Unchecked'
>;

/** An instance role without ec2:DescribeAddresses: say so, and how to go on without it. */
function explainRefusal(err: unknown): unknown {
  if (!isAccessDenied(err)) return err;
  return new AwsCallError(
    err.code,
    `EC2 refused DescribeAddresses (${err.code}): the role in use lacks ec2:DescribeAddresses, which verifies that the agent's public IP is an Elastic IP`,
    [
      "allow ec2:DescribeAddresses (and, for the pre-flight checks, ec2:DescribeInstanceTypes, ec2:DescribeSecurityGroups, ec2:DescribeManagedPrefixLists) in the instance role's policy",
      're-run with --skip-ec2-checks to continue without verification (the plan then flags the public IP as unverified)',
      ...err.details,
    ],
    { cause: err, requestId: err.requestId },
  );
}

/**
 * One line for a pre-flight check that could not be made; bugs are rethrown, and so are
 * answers that fail the host-facts checks (exit 3: EC2 answered, and what it said is wrong).
 */
function uncheckedLine(what: string, operation: string, err: unknown): string {
  if (!(err instanceof GsAgentConfigError) || err instanceof HostFactsError) throw err;
  if (isAccessDenied(err)) {
    return `${what} not checked: the role in use lacks ec2:${operation} (${err.code})`;
  }
  return `${what} not checked: ${operation} failed (${err instanceof AwsCallError ? err.code : err.message.split(':')[0]})`;
}

/** Security groups of the interfaces that hold public IPs (where Ground Station sends to). */
export function publicGroupIds(host: Pick<HostFacts, 'interfaces'>): string[] {
  const ids = host.interfaces.filter((i) => i.publicIps.length > 0).flatMap((i) => i.securityGroupIds ?? []);
  return [...new Set(ids)].sort();
}

export async function readEc2Facts(opts: Ec2FactsOptions, host: Pick<HostFacts, 'instance' | 'interfaces'>): Promise<Ec2HostFacts> {
  const groupIds = publicGroupIds(host);
  return withClient(opts, async (sdk, client) => {
    const [eips, type, groups, prefixList] = await Promise.allSettled([
      describeElasticIps(sdk, client, host.instance.id),
      describeInstanceType(sdk, client, host.instance.type),
      groupIds.length ? describeSecurityGroups(sdk, client, groupIds) : Promise.resolve(undefined),
      groupIds.length ? describeGroundStationPrefixList(sdk, client) : Promise.resolve(undefined),
    ]);
    if (eips.status === 'rejected') throw explainRefusal(eips.reason);
    const facts: Ec2HostFacts = { elasticIps: eips.value };
    const unchecked: string[] = [];
    for (const r of [type, groups, prefixList]) if (r.status === 'rejected' && r.reason instanceof HostFactsError) throw r.reason;
    if (type.status === 'fulfilled') facts.instanceTypeInfo = type.value;
    else if (type.reason instanceof AwsCallError && type.reason.code === 'InvalidInstanceType') {
      unchecked.push(`instance type ${host.instance.type} not checked: EC2 DescribeInstanceTypes does not know it`);
    } else unchecked.push(uncheckedLine(`instance type ${host.instance.type}`, 'DescribeInstanceTypes', type.reason));
    if (!groupIds.length) unchecked.push('security groups not checked: IMDS lists no security group on the interfaces with a public IP');
    else if (groups.status === 'fulfilled') facts.securityGroups = groups.value;
    else unchecked.push(uncheckedLine(`security groups ${groupIds.join(', ')}`, 'DescribeSecurityGroups', groups.reason));
    if (prefixList.status === 'rejected')
      unchecked.push(uncheckedLine(`prefix list ${GROUND_STATION_PREFIX_LIST}`, 'DescribeManagedPrefixLists', prefixList.reason));
    else if (prefixList.value) facts.groundStationPrefixListId = prefixList.value;
    else if (groupIds.length)
      unchecked.push(`prefix list ${GROUND_STATION_PREFIX_LIST} not found in ${opts.region}: is Ground Station available in this region?`);
    if (unchecked.length) facts.ec2Unchecked = unchecked;
    return facts;
  });
}
