/** Every doctor check in a fixed order, run over one input; and the exit code they give. */
import { cpuGeneration, instanceBandwidth, nicNuma } from './checks/cpu-checks.ts';
import { kernelArgs, nicNaming } from './checks/kernel-checks.ts';
import { eipPublicSubnet, sgInbound, sgOutbound443 } from './checks/network-checks.ts';
import { agentInstalled, irqbalance } from './checks/service-checks.ts';
import { agentRestarted, agentRunning, agentVersion, osSupport } from './checks/agent-checks.ts';
import { receiverListening } from './checks/receiver-checks.ts';
import { agentFiles } from './checks/agent-files-check.ts';
import { ringMax, tuningLive } from './checks/tuning-checks.ts';
import { displayLines } from '../display.ts';
import type { Check, CheckResult, DoctorInput } from './types.ts';

export const CHECKS: ReadonlyArray<readonly [string, Check]> = [
  ['eip-public-subnet', eipPublicSubnet],
  ['sg-inbound', sgInbound],
  ['sg-outbound-443', sgOutbound443],
  ['kernel-args', kernelArgs],
  ['nic-naming', nicNaming],
  ['irqbalance', irqbalance],
  ['agent-installed', agentInstalled],
  ['cpu-generation', cpuGeneration],
  ['instance-bandwidth', instanceBandwidth],
  ['nic-numa', nicNuma],
  ['ring-max', ringMax],
  ['tuning-live', tuningLive],
  ['agent-running', agentRunning],
  ['agent-version', agentVersion],
  ['os-support', osSupport],
  ['agent-restarted', agentRestarted],
  ['receiver-listening', receiverListening],
  ['agent-files', agentFiles],
];

export const CHECK_IDS = CHECKS.map(([id]) => id);

/** Runs the checks; a check that throws is a bug in it, reported as its own "unknown" line rather than hiding the others. */
export function runChecks(input: DoctorInput, only: readonly string[] = CHECK_IDS): CheckResult[] {
  return CHECKS.filter(([id]) => only.includes(id)).map(([id, check]) => {
    try {
      return check(input);
    } catch (err) {
      return { id, status: 'unknown', evidence: `check failed: ${(err as Error).message}`, fix: '' };
    }
  });
}

/** 6 (problems found) when a check fails, else 0. */
export const doctorExitCode = (results: CheckResult[]) => (results.some((r) => r.status === 'fail') ? 6 : 0);

/** One line per check: id, status, evidence, and the fix when there is one; escaped (evidence quotes the host and AWS). */
export function formatChecks(results: CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.id.length));
  return displayLines(results.map((r) => `${r.id.padEnd(width)}  ${r.status.padEnd(7)}  ${r.evidence}${r.fix ? `. Fix: ${r.fix}` : ''}`));
}
