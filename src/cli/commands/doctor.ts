/**
 * doctor [mission]: every documented host-readiness check, one line each (src/doctor/diagnose-host.ts);
 * exit 0 when none fails, 6 otherwise. Only a bad mission file (or a region other than the
 * instance's) stops the run (exit 2).
 */
import { doctorExitCode, formatChecks } from '../../doctor/run-checks.ts';
import { readMission } from '../../mission/read-mission.ts';
import { doctorChecksFor, type DoctorRunArgs } from '../doctor-wiring.ts';
import { jsonText } from '../json-text.ts';
import { checkRegionOfHost } from '../region-check.ts';
import type { Runtime } from '../runtime.ts';

export type DoctorArgs = DoctorRunArgs;

export async function runDoctor(args: DoctorArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  const mission = args.mission ? await readMission(args.mission) : undefined;
  await checkRegionOfHost(rt, mission);
  const checks = await doctorChecksFor(args, mission, rt);
  if (args.json) io.out(jsonText({ checks }));
  else if (!args.quiet) io.out(formatChecks(checks));
  return doctorExitCode(checks);
}
