/**
 * All host facts in one call: IMDS (identity, interfaces), sysfs (CPU topology, interface
 * names) and, unless disabled, EC2 (which public IPs are Elastic IPs, the instance type,
 * the security groups and the Ground Station prefix list).
 */
import { join } from 'node:path';
import type { HostFacts, InterfaceFacts } from '../types.ts';
import type { Ec2FactsOptions } from './ec2/ec2.ts';
import { readEc2Facts } from './ec2/ec2-facts.ts';
import { factReader } from './fact-value.ts';
import { createImdsClient, type ImdsClient, type ImdsClientOptions } from './imds/imds.ts';
import { readImdsFacts } from './imds/imds-facts.ts';
import { parseString } from './parse-values.ts';
import { readCpuTopology, readInterfaceNames } from './linux/sysfs.ts';
import { assertGatheredFacts } from './validate-host-facts.ts';

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
  ec2?: Pick<Ec2FactsOptions, 'endpoint' | 'credentials' | 'maxAttempts' | 'deadline' | 'progress'> | false;
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
  const interfaces = imds.interfaces.map((i) => withLinuxName(i, names[i.mac], opts.sysRoot));
  // Every value was parsed where it was read; the schema and relation checks run once, on the
  // whole (EC2's answers must agree with the host's), before anything is planned or written.
  const facts: HostFacts = { ...imds, interfaces, cpu };
  if (opts.ec2 === false) return assertGatheredFacts(facts);
  const ec2 = opts.ec2 ?? {};
  return assertGatheredFacts({ ...facts, ...(await readEc2Facts({ ...ec2, region: opts.region ?? imds.instance.region }, facts)) });
}

/**
 * The Linux name of an ENI, checked: it goes into the agent config and the tuning unit's
 * commands. Only the names of the ENIs are checked: an odd name on another device is not ours.
 */
function withLinuxName(iface: InterfaceFacts, name: string | undefined, sysRoot: string): InterfaceFacts {
  if (name === undefined) return iface;
  const read = factReader(join(sysRoot, 'class/net'), `the name of the interface with MAC ${iface.mac} (ip link); rename it (udev) to a plain name like eth1`);
  return { ...iface, linuxName: read('interface name', name, (v) => parseString('interfaceName', v)) };
}
