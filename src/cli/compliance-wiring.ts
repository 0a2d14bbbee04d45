/**
 * `--report-compliance` wiring for apply and status: ports from the run, doctor's failing and
 * unknown checks (the same verdicts `doctor` prints); the warning goes to stderr, the exit code stays.
 */
import { reportCompliance, type AgentReading, type FailingCheck } from '../apply/compliance-report.ts';
import type { CheckResult } from '../doctor/types.ts';
import type { HostStatus } from '../apply/host-status.ts';
import { display } from '../display.ts';
import { groundStationFor, hostIdentityFor, ssmFor } from './ports.ts';
import type { Runtime } from './runtime.ts';

export async function reportComplianceFor(
  rt: Runtime,
  o: { root: string; mission?: string; command: 'Apply' | 'Status'; statuses?: HostStatus[]; quiet?: boolean },
  doctor: () => Promise<CheckResult[]>,
  agent?: () => Promise<AgentReading>,
): Promise<void> {
  const [checks, reading] = await Promise.all([notPassing(doctor, rt), agent?.()]);
  const warning = await reportCompliance(
    {
      groundStation: (region) => groundStationFor(region, rt),
      hostIdentity: () => hostIdentityFor(rt),
      ssm: (region) => ssmFor(region, rt),
    },
    { ...o, regionOverride: rt.io.env.AWS_REGION, nowMs: rt.run.wallClock() },
    checks,
    reading,
  );
  if (warning) rt.io.err(`warning: ${display(warning)}`);
}

/**
 * doctor's failing checks (what `doctor` exits 6 for); a check it could not judge (`unknown`) is
 * left to `doctor` on the host, as a compliance report is not a disruptive step. A doctor that
 * could not run is a warning and an item of its own, never a failed run.
 */
async function notPassing(doctor: () => Promise<CheckResult[]>, rt: Runtime): Promise<FailingCheck[]> {
  try {
    return (await doctor()).filter((c) => c.status === 'fail');
  } catch (err) {
    const why = (err as Error).message.split('\n')[0];
    rt.io.err(`warning: ${display(`doctor's checks could not be run for the compliance report: ${why}`)}`);
    return [{ id: 'doctor', status: 'unknown', evidence: `doctor could not run: ${why}`, fix: 'run gs-agent-config doctor on the host' }];
  }
}
