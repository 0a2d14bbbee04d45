/**
 * doctor [mission]: every documented host-readiness check, one line each; exit 0 when none
 * fails, 6 otherwise. A source that cannot be read (IMDS, EC2, a /proc file, a program) makes
 * its checks "unknown" with the reason; only a bad mission file stops the run (exit 2).
 */
import type { Runtime } from '../runtime.ts';
import type { PlanFact } from '../../doctor/types.ts';
import type { Fact } from '../../facts/types.ts';
import { readDoctorFacts } from '../../doctor/read-doctor-facts.ts';
import { doctorExitCode, formatChecks, runChecks } from '../../doctor/run-checks.ts';
import { AwsCallError, GsAgentConfigError } from '../../errors.ts';
import { programOptions } from '../../facts/linux/host-programs.ts';
import { readMission } from '../../mission/read-mission.ts';
import { resolveProcRoot } from '../../facts/linux/proc-files.ts';
import { plan as planHost } from '../../plan/plan.ts';
import type { HostFacts, Mission } from '../../types.ts';
import type { GlobalArgs } from '../io.ts';
import { ec2For, loadFacts, regionOf, sysRootOf } from '../ports.ts';

export interface DoctorArgs extends GlobalArgs { mission?: string; skipEc2Checks?: boolean }

/** A tool error as a reason; anything else is a bug and propagates. */
function reasonOf(err: unknown): string {
  if (!(err instanceof GsAgentConfigError)) throw err;
  return err.message;
}

async function hostFact(args: DoctorArgs, rt: Runtime): Promise<Fact<HostFacts>> {
  try {
    return { ok: true, value: await loadFacts({ ...args, facts: undefined }, rt) };
  } catch (err) {
    const reason = reasonOf(err);
    // EC2 refused DescribeAddresses: the host itself (IMDS, /sys) is still worth checking; the EC2 checks then say why not.
    if (!(err instanceof AwsCallError) || args.skipEc2Checks) return { ok: false, reason: `host facts unavailable: ${reason}` };
    try {
      const facts = await loadFacts({ ...args, facts: undefined, skipEc2Checks: true }, rt);
      return { ok: true, value: { ...facts, ec2Unchecked: [...(facts.ec2Unchecked ?? []), reason] } };
    } catch (again) {
      return { ok: false, reason: `host facts unavailable: ${reasonOf(again)}` };
    }
  }
}

function planFact(mission: Mission | undefined, host: Fact<HostFacts>): PlanFact {
  if (!mission) return { ok: false, reason: 'no mission given: pass the mission file for the checks that need the plan' };
  if (!host.ok) return host;
  try {
    return { ok: true, value: planHost(mission, host.value) };
  } catch (err) {
    // The host was read: a mission that does not fit it is a failure, with the error's own advice as the fix.
    const fix = err instanceof GsAgentConfigError && err.details.length ? err.details.join('; ') : 'see gs-agent-config plan for the details';
    return { ok: false, reason: `the mission cannot be planned on this host: ${reasonOf(err)}`, fix };
  }
}

export async function runDoctor(args: DoctorArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  const mission = args.mission ? await readMission(args.mission) : undefined;
  const host = await hostFact(args, rt);
  const plan = planFact(mission, host);
  const sysRoot = sysRootOf(args, io);
  const doctor = await readDoctorFacts(host, plan, {
    procRoot: resolveProcRoot(args.procRoot, io.env, sysRoot),
    sysRoot,
    root: args.root,
    programs: programOptions(io.env, sysRoot),
    ec2: args.skipEc2Checks || !host.ok ? false : ec2For(regionOf(host.value, io), rt),
  });
  const checks = runChecks({ mission, host, plan, doctor });
  if (args.json) io.out(JSON.stringify({ checks }));
  else if (!args.quiet) io.out(formatChecks(checks));
  return doctorExitCode(checks);
}
