/**
 * The doctor checks `plan` can make from what it already has (the mission, the host facts and
 * the plan), with no extra I/O so apply stays as fast: the failing ones become plan warnings.
 * sg-inbound is not repeated: the plan's ingress pre-flight already warns with the same fix.
 */
import type { HostFacts, Mission, Plan } from '../types.ts';
import { runChecks } from './run-checks.ts';
import type { DoctorFacts, Fact } from './types.ts';

export const PLAN_CHECKS = ['nic-naming', 'instance-bandwidth'] as const;

const notRead = <T>(): Fact<T> => ({ ok: false, reason: 'not read by plan (run doctor)' });

function planOnlyFacts(): DoctorFacts {
  return {
    cmdline: notRead(), cpuInfo: notRead(), reservedPorts: notRead(), nics: [], irqbalance: notRead(), agentUnit: notRead(),
    agentPackage: notRead(), agentConfig: notRead(), route: notRead(), egress: notRead(),
  };
}

/** One warning line per failing check: `doctor <id>: <evidence>. Fix: <fix>`. */
export function planCheckWarnings(mission: Mission, facts: HostFacts, plan: Plan): string[] {
  const results = runChecks({ mission, host: { ok: true, value: facts }, plan: { ok: true, value: plan }, doctor: planOnlyFacts() }, PLAN_CHECKS);
  return results.filter((r) => r.status === 'fail').map((r) => `doctor ${r.id}: ${r.evidence}. Fix: ${r.fix}`);
}
