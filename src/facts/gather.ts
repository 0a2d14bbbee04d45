/**
 * All host facts a run needs, in one call, through one gate: IMDS (identity, interfaces),
 * sysfs (CPU topology, interface names), unless disabled EC2 (which public IPs are Elastic
 * IPs, the instance type, the security groups and the Ground Station prefix list) and, when
 * asked, the NICs' ring maximum (ethtool -g), legacy tuning under --root and the /proc
 * readings plan's readiness checks use.
 */
import { join } from 'node:path';
import type { HostFacts, InterfaceFacts, ProcFacts } from '../types.ts';
import type { Ec2FactsOptions } from './ec2/ec2.ts';
import { readEc2Facts } from './ec2/ec2-facts.ts';
import { factReader } from './fact-value.ts';
import { createImdsClient, type ImdsClient, type ImdsClientOptions } from './imds/imds.ts';
import { readImdsFacts } from './imds/imds-facts.ts';
import { parseString } from './parse-values.ts';
import type { ProgramOptions } from './linux/host-programs.ts';
import { readLegacyTuning } from './linux/legacy-tuning.ts';
import { readNicRingMax } from './linux/nic-ring-max.ts';
import { readNumaNode } from './linux/nic-sysfs.ts';
import { readCmdline, readCpuInfo } from './linux/proc-files.ts';
import { readCpuTopology, readInterfaceNames } from './linux/sysfs.ts';
import type { Fact } from './types.ts';
import { assertGatheredFacts } from './validate-host-facts.ts';

/** Highest NUMA node number of the host-facts schema. */
const MAX_NUMA_NODE = 1023;

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
  /** The programs (ethtool) for the rx ring maximum of the public interfaces; absent: not read. */
  programs?: ProgramOptions;
  /** --root: legacy tuning is looked for under it; absent: not looked for. */
  legacyTuningRoot?: string;
  /** The /proc for plan's readiness checks (cmdline, cpuinfo), or why none is read; absent: not read. */
  procRoot?: Fact<string>;
}

/**
 * Gathers HostFacts. IMDS, sysfs, legacy tuning and /proc are read in parallel; EC2 and the
 * ring maximum need the interfaces, so they follow. An EC2 refusal of DescribeAddresses is
 * thrown as AwsCallError that names the missing permission and --skip-ec2-checks; the other
 * EC2 calls are advisory.
 */
export async function gatherFacts(opts: GatherOptions): Promise<HostFacts> {
  const client = opts.imdsClient ?? createImdsClient({ ...opts.imds, ...(opts.imdsEndpoint ? { endpoint: opts.imdsEndpoint } : {}) });
  const host = Promise.all([
    readImdsFacts(client),
    readCpuTopology(opts.sysRoot),
    readInterfaceNames(opts.sysRoot),
    opts.legacyTuningRoot !== undefined ? readLegacyTuning(opts.legacyTuningRoot) : undefined,
  ]);
  // The EC2 client's module body (the largest one an apply runs) is evaluated while IMDS
  // answers, not after: the calls need IMDS's region and interfaces, the code does not. A
  // failure here is the EC2 reader's to report, when it imports the same module.
  if (opts.ec2 !== false) void import('./ec2/ec2-sdk.ts').catch(() => undefined);
  const [imds, cpu, names, legacyTuning] = await host;
  const proc = opts.procRoot?.ok ? readProc(opts.procRoot.value) : undefined;
  const interfaces = imds.interfaces.map((i) => withLinuxName(i, names[i.mac], opts.sysRoot));
  const facts: HostFacts = { ...imds, interfaces, cpu };
  const [ec2, nicRingMax] = await Promise.all([
    opts.ec2 === false ? undefined : readEc2Facts({ ...opts.ec2, region: opts.region ?? imds.instance.region }, facts),
    opts.programs ? readNicRingMax(interfaces, opts.programs) : undefined,
  ]);
  // Every value was parsed where it was read; the schema and relation checks run once, on the
  // whole (EC2's answers must agree with the host's), before anything is planned or written.
  return assertGatheredFacts({
    ...facts,
    ...ec2,
    ...(nicRingMax && { nicRingMax }),
    ...(legacyTuning && { legacyTuning }),
    ...(proc && { proc }),
  });
}

/** The kernel command line and the CPU model; a file that cannot be read is left out (its check is then not made). */
function readProc(procRoot: string): ProcFacts {
  const cmdline = readCmdline(procRoot);
  const cpuInfo = readCpuInfo(procRoot);
  return { ...(cmdline.ok && { cmdline: cmdline.value }), ...(cpuInfo.ok && { cpuInfo: cpuInfo.value }) };
}

/**
 * The Linux name of an ENI, checked: it goes into the agent config and the tuning unit's
 * commands. Only the names of the ENIs are checked: an odd name on another device is not ours.
 */
function withLinuxName(iface: InterfaceFacts, name: string | undefined, sysRoot: string): InterfaceFacts {
  if (name === undefined) return iface;
  const read = factReader(
    join(sysRoot, 'class/net'),
    `the name of the interface with MAC ${iface.mac} (ip link); rename it (udev) to a plain name like eth1`,
  );
  const linuxName = read('interface name', name, (v) => parseString('interfaceName', v));
  // The planner's preference only: a node it cannot read (or -1) gives no preference, and doctor's nic-numa says why.
  const node = readNumaNode(sysRoot, linuxName);
  const numaNode = node.ok && node.value >= 0 && node.value <= MAX_NUMA_NODE ? node.value : undefined;
  return { ...iface, linuxName, ...(numaNode !== undefined && { numaNode }) };
}
