/**
 * Host readings beyond what plan() needs (kernel arguments, CPU model, live IRQ/RPS/sysctl/NIC
 * state, services, the agent package, route tables and outbound rules). Every source is a
 * Fact: its value, or why it could not be read, so one unreadable source makes its checks
 * "unknown" and never stops the others.
 */
import type { CpuInfoFacts } from '../types.ts';

/** A value read from one source, or the reason it could not be read. */
export type Fact<T> = { ok: true; value: T } | { ok: false; reason: string };

/** `ethtool -g` and `-c` of one interface. */
export interface NicRingFacts {
  rxMax: number;
  rxCurrent: number;
}
export interface NicCoalesceFacts {
  rxUsecs?: number;
  txUsecs?: number;
}

/** The live tuning state of one interface: IRQs and their affinity, RPS masks, NUMA node, ethtool. */
export interface NicFacts {
  name: string;
  /** IRQ number → smp_affinity_list CPUs. */
  irqAffinity: Fact<Record<string, number[]>>;
  /** rx queue name (rx-0 …) → rps_cpus mask as the kernel prints it. */
  rpsMasks: Fact<Record<string, string>>;
  /** -1 when the kernel does not know (single node). */
  numaNode: Fact<number>;
  ring: Fact<NicRingFacts>;
  coalesce: Fact<NicCoalesceFacts>;
}

export type { CpuInfoFacts } from '../types.ts';

/** systemctl is-active / is-enabled answers, verbatim (active, inactive, enabled, disabled, masked, not-found …). */
export interface UnitState {
  active: string;
  enabled: string;
}

export interface AgentPackageFacts {
  installed: boolean;
  version?: string;
  detail: string;
}

/** `systemctl show` of the agent's unit; the journal's last lines when it is not running. */
export interface AgentServiceFacts {
  loadState: string;
  activeState: string;
  subState: string;
  result: string;
  /** The exit status of the unit's main process (its last run). */
  execMainStatus: number;
  /** When the main process started, µs on the monotonic clock (0: never). */
  startedMonotonicUs: number;
  /** Read only when the unit is down. */
  journal?: Fact<string[]>;
}

/** The agent RPM's install time and its unit's last start, epoch seconds of the host's clock; null: not installed / never started. */
export interface AgentTimesFacts {
  installedAt: number | null;
  startedAt: number | null;
}

/** One file of the agent package that `rpm -V` reports changed since install, or missing. */
export interface AgentFileChange {
  path: string;
  /** rpm's file attribute: c config, d doc, g ghost, l license, r readme, P public key; '' none. */
  attr: string;
  /** rpm -V's tests that failed, by name (size, digest, mode …); empty when the file is missing. */
  changed: string[];
  /** Tests rpm could not perform (`?`), by name. */
  untested: string[];
  missing: boolean;
}

/** `rpm -V` of the agent package: not installed, or the files changed since install (none: it verifies clean). */
export interface AgentFilesFacts {
  installed: boolean;
  changes: AgentFileChange[];
}

/** One bound UDP socket of /proc/net/udp or /proc/net/udp6. */
export interface UdpSocketFact {
  family: 4 | 6;
  /** Dotted IPv4, or the IPv6 address fully written (`0:0:0:0:0:ffff:7f00:1`). */
  address: string;
  port: number;
}

/** /etc/os-release's ID and VERSION_ID. */
export interface OsReleaseFacts {
  id: string;
  versionId: string;
  path: string;
}

/** The route table that applies to one subnet (its own association, else the VPC's main table). */
export interface SubnetRouteFacts {
  subnetId: string;
  routeTableId: string;
  /** true when the table is the VPC's main table (no explicit association). */
  main: boolean;
  /** Where 0.0.0.0/0 goes (igw-…, nat-…, …), when there is an active default route. */
  defaultTarget?: string;
  /** The internet gateway attached to the subnet's VPC, when there is one. */
  internetGateway?: string;
}

/** One outbound rule of a security group. */
export interface EgressRuleFacts {
  protocol: string;
  fromPort?: number;
  toPort?: number;
  cidrs: string[];
  prefixListIds: string[];
}

export interface EgressGroupFacts {
  groupId: string;
  outbound: EgressRuleFacts[];
}

/** Everything the doctor reads besides the HostFacts plan() uses. */
export interface DoctorFacts {
  cmdline: Fact<string>;
  cpuInfo: Fact<CpuInfoFacts>;
  /** ip_local_reserved_ports as the kernel prints it. */
  reservedPorts: Fact<string>;
  nics: NicFacts[];
  irqbalance: Fact<UnitState>;
  agentUnit: Fact<UnitState>;
  agentPackage: Fact<AgentPackageFacts>;
  /** The agent's unit in detail (systemctl show) and its journal when down. */
  agentService: Fact<AgentServiceFacts>;
  /** The host's OS (Amazon Linux 2 reached end of support). */
  osRelease: Fact<OsReleaseFacts>;
  /** The rendered agent config under --root: readable by root (the agent's user)? */
  agentConfig: Fact<{ path: string; mode: number }>;
  /** Route table of the subnet of the interface holding the Elastic IP. */
  route: Fact<SubnetRouteFacts>;
  egress: Fact<EgressGroupFacts[]>;
  /** The agent RPM's install time against its unit's last start (agent-restarted); absent: not read. */
  agentTimes?: Fact<AgentTimesFacts>;
  /** `rpm -V` of the agent package (agent-files); absent: not read. */
  agentFiles?: Fact<AgentFilesFacts>;
  /** Bound UDP sockets (/proc/net/udp, /proc/net/udp6) for receiver-listening; absent: not read. */
  udpSockets?: Fact<UdpSocketFact[]>;
  /** Ring size the rendered tuning unit asks for, when it exists under --root. */
  renderedRing?: number;
}
