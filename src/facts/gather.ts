/**
 * All host facts in one call: IMDS (identity, interfaces), sysfs (CPU topology, interface
 * names) and, unless disabled, EC2 DescribeAddresses (which public IPs are Elastic IPs).
 */
import type { HostFacts } from '../types.ts';
import { readElasticIps, type Ec2FactsOptions } from './ec2.ts';
import { createImdsClient, readImdsFacts, type ImdsClientOptions } from './imds.ts';
import { readCpuTopology, readInterfaceNames } from './sysfs.ts';

export interface GatherOptions {
  /** Default: AWS_EC2_METADATA_SERVICE_ENDPOINT, else http://169.254.169.254. */
  imdsEndpoint?: string;
  /** Timeouts and retries of the IMDS client (tests shorten them). */
  imds?: Omit<ImdsClientOptions, 'endpoint'>;
  sysRoot: string;
  /** Region for EC2; default: IMDS placement/region. */
  region?: string;
  /** false: skip EC2 (facts then have no `elasticIps`). */
  ec2?: Pick<Ec2FactsOptions, 'endpoint' | 'credentials' | 'maxAttempts'> | false;
}

/**
 * Gathers HostFacts. IMDS and sysfs are read in parallel; EC2 needs the instance id and
 * region, so it follows. An EC2 refusal (e.g. the role may not call ec2:DescribeAddresses)
 * is thrown as AwsCallError: the caller decides whether to retry with `ec2: false`.
 */
export async function gatherFacts(opts: GatherOptions): Promise<HostFacts> {
  const client = createImdsClient({ ...opts.imds, ...(opts.imdsEndpoint ? { endpoint: opts.imdsEndpoint } : {}) });
  const [imds, cpu, names] = await Promise.all([
    readImdsFacts(client),
    readCpuTopology(opts.sysRoot),
    readInterfaceNames(opts.sysRoot),
  ]);
  const interfaces = imds.interfaces.map((i) => (names[i.mac] ? { ...i, linuxName: names[i.mac] } : i));
  const facts: HostFacts = { ...imds, interfaces, cpu };
  if (opts.ec2 === false) return facts;
  const ec2 = opts.ec2 ?? {};
  const elasticIps = await readElasticIps({ ...ec2, region: opts.region ?? imds.instance.region }, imds.instance.id);
  return { ...facts, elasticIps };
}
