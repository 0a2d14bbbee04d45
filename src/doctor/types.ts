/**
 * The doctor's data: check results, and the host facts only the doctor reads (kernel
 * arguments, CPU model, live IRQ/RPS/sysctl/NIC state, services, the agent package, route
 * tables and outbound rules). Every source is a Fact: its value, or why it could not be read,
 * so one unreadable source makes its checks "unknown" and never stops the others.
 */
import type { HostFacts, Mission, Plan } from '../types.ts';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'unknown';

/** One line of `doctor`: what was looked at and the exact command or step that fixes it. */
export interface CheckResult {
  id: string;
  status: CheckStatus;
  evidence: string;
  /** Empty when there is nothing to fix. */
  fix: string;
}

/** A value read from one source, or the reason it could not be read. */
export type Fact<T> = { ok: true; value: T } | { ok: false; reason: string };

/** `ethtool -g` and `-c` of one interface. */
export interface NicRingFacts { rxMax: number; rxCurrent: number }
export interface NicCoalesceFacts { rxUsecs?: number; txUsecs?: number }

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

export interface CpuInfoFacts { vendor?: string; family?: number; model?: number; stepping?: number; modelName?: string }

/** systemctl is-active / is-enabled answers, verbatim (active, inactive, enabled, disabled, masked, not-found …). */
export interface UnitState { active: string; enabled: string }

export interface AgentPackageFacts { installed: boolean; version?: string; detail: string }

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
export interface EgressRuleFacts { protocol: string; fromPort?: number; toPort?: number; cidrs: string[]; prefixListIds: string[] }

export interface EgressGroupFacts { groupId: string; outbound: EgressRuleFacts[] }

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
  /** The rendered agent config under --root: readable by root (the agent's user)? */
  agentConfig: Fact<{ path: string; mode: number }>;
  /** Route table of the subnet of the interface holding the Elastic IP. */
  route: Fact<SubnetRouteFacts>;
  egress: Fact<EgressGroupFacts[]>;
  /** Ring size the rendered tuning unit asks for, when it exists under --root. */
  renderedRing?: number;
}

/**
 * The plan, or why there is none. `fix` is set when the host was read but the mission does not
 * fit it (several Elastic IPs, too few cores …): a readiness failure of its own, which the
 * checks that need the plan report as "fail" with that fix, not "unknown".
 */
export type PlanFact = { ok: true; value: Plan } | { ok: false; reason: string; fix?: string };

/** What every check sees. Host facts and the plan may be missing, with the reason. */
export interface DoctorInput {
  mission?: Mission;
  host: Fact<HostFacts>;
  plan: PlanFact;
  doctor: DoctorFacts;
}

/** The result of a check that needs the plan when there is none. */
export function withoutPlan(id: string, plan: { reason: string; fix?: string }): CheckResult {
  return plan.fix !== undefined ? { id, status: 'fail', evidence: plan.reason, fix: plan.fix } : { id, status: 'unknown', evidence: plan.reason, fix: '' };
}

/** A check: a pure function of the input. */
export type Check = (input: DoctorInput) => CheckResult;
