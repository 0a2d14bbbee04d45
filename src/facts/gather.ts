/**
 * All host facts in one call: IMDS (identity, interfaces), sysfs (CPU topology, interface
 * names) and, unless disabled, EC2 (which public IPs are Elastic IPs, the instance type,
 * the security groups and the Ground Station prefix list).
 */
import type { HostFacts } from '../types.ts';
import type { Ec2FactsOptions } from './ec2.ts';
import { readEc2Facts } from './ec2-facts.ts';
import { createImdsClient, readImdsFacts, type ImdsClient, type ImdsClientOptions } from './imds.ts';
import { readCpuTopology, readInterfaceNames } from './sysfs.ts';

export interface GatherOptions {
  /** Default: AWS_EC2_METADATA_SERVICE_ENDPOINT, else http://169.254.169.254. */
  imdsEndpoint?: string;
  /** An IMDS client to share (its token); otherwise one is made from imdsEndpoint and imds. */
  imdsClient?: ImdsClient;
  /** Timeouts and retries of the IMDS client (tests shorten them). */
  imds?: Omit<ImdsClientOptions, 'endpoint'>;
  sysRoot: string;
  /** Region for EC2; default: IMDS placement/region. */
  region?: string;
  /** false: skip EC2 (facts then have no `elasticIps` and no pre-flight facts). */
  ec2?: Pick<Ec2FactsOptions, 'endpoint' | 'credentials' | 'maxAttempts' | 'deadline'> | false;
}

/**
 * Gathers HostFacts. IMDS and sysfs are read in parallel; EC2 needs the instance id and
 * region, so it follows. An EC2 refusal of DescribeAddresses is thrown as AwsCallError that
 * names the missing permission and --skip-ec2-checks; the other EC2 calls are advisory.
 */
export async function gatherFacts(opts: GatherOptions): Promise<HostFacts> {
  const client = opts.imdsClient ?? createImdsClient({ ...opts.imds, ...(opts.imdsEndpoint ? { endpoint: opts.imdsEndpoint } : {}) });
  const [imds, cpu, names] = await Promise.all([
    readImdsFacts(client),
    readCpuTopology(opts.sysRoot),
    readInterfaceNames(opts.sysRoot),
  ]);
  const interfaces = imds.interfaces.map((i) => (names[i.mac] ? { ...i, linuxName: names[i.mac] } : i));
  const facts: HostFacts = { ...imds, interfaces, cpu };
  if (opts.ec2 === false) return facts;
  const ec2 = opts.ec2 ?? {};
  return { ...facts, ...(await readEc2Facts({ ...ec2, region: opts.region ?? imds.instance.region }, facts)) };
}
