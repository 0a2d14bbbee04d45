/** `--report-compliance` wiring for apply and status: ports from the run; the warning goes to stderr, the exit code stays. */
import { reportCompliance } from '../apply/compliance-report.ts';
import type { HostStatus } from '../apply/host-status.ts';
import { display } from '../display.ts';
import { groundStationFor, hostIdentityFor, ssmFor } from './ports.ts';
import type { Runtime } from './runtime.ts';

export async function reportComplianceFor(
  rt: Runtime,
  o: { root: string; mission?: string; command: 'Apply' | 'Status'; statuses?: HostStatus[]; quiet?: boolean },
): Promise<void> {
  const warning = await reportCompliance(
    {
      groundStation: (region) => groundStationFor(region, rt),
      hostIdentity: () => hostIdentityFor(rt),
      ssm: (region) => ssmFor(region, rt),
    },
    { ...o, regionOverride: rt.io.env.AWS_REGION, nowMs: rt.run.wallClock() },
  );
  if (warning) rt.io.err(`warning: ${display(warning)}`);
}
