/**
 * The doctor checks `plan` can make from what it already has (the mission, the host facts and
 * the plan) plus two small /proc reads (cmdline, cpuinfo; not with --facts): no program runs
 * and apply does none of it. The failing ones become plan warnings. sg-inbound is not
 * repeated: the plan's ingress pre-flight already warns with the same fix.
 */
import type { HostFacts, Mission, Plan } from '../types.ts';
import { readCmdline, readCpuInfo } from '../facts/linux/proc-files.ts';
import { runChecks } from './run-checks.ts';
import type { DoctorFacts, Fact } from '../facts/types.ts';

export const PLAN_CHECKS = ['kernel-args', 'nic-naming', 'cpu-generation', 'instance-bandwidth'] as const;

const notRead = <T>(): Fact<T> => ({ ok: false, reason: 'not read by plan (run doctor)' });

/** What plan read from /proc for the checks; absent with --facts (the recorded host is not this machine). */
export type PlanProcFacts = Pick<DoctorFacts, 'cmdline' | 'cpuInfo'>;

function planOnlyFacts(proc?: PlanProcFacts): DoctorFacts {
  return {
    cmdline: proc?.cmdline ?? notRead(), cpuInfo: proc?.cpuInfo ?? notRead(), reservedPorts: notRead(), nics: [], irqbalance: notRead(), agentUnit: notRead(),
    agentPackage: notRead(), agentConfig: notRead(), route: notRead(), egress: notRead(),
  };
}

/** One warning line per failing check: `doctor <id>: <evidence>. Fix: <fix>`. */
export function planCheckWarnings(mission: Mission, facts: HostFacts, plan: Plan, proc?: PlanProcFacts): string[] {
  const results = runChecks({ mission, host: { ok: true, value: facts }, plan: { ok: true, value: plan }, doctor: planOnlyFacts(proc) }, PLAN_CHECKS);
  return results.filter((r) => r.status === 'fail').map((r) => `doctor ${r.id}: ${r.evidence}. Fix: ${r.fix}`);
}

/** The /proc part for plan: two bounded file reads, or nothing when /proc is not to be read. */
export function readPlanProcFacts(procRoot: Fact<string>): PlanProcFacts | undefined {
  if (!procRoot.ok) return undefined;
  return { cmdline: readCmdline(procRoot.value), cpuInfo: readCpuInfo(procRoot.value) };
}
