/**
 * doctor [mission]: every documented host-readiness check, one line each (src/doctor/diagnose-host.ts);
 * exit 0 when none fails, 6 otherwise. Only a bad mission file (or a region other than the
 * instance's) stops the run (exit 2).
 */
import { diagnoseHost } from '../../doctor/diagnose-host.ts';
import { doctorExitCode, formatChecks } from '../../doctor/run-checks.ts';
import { programOptions } from '../../facts/linux/host-programs.ts';
import { resolveProcRoot } from '../../facts/linux/proc-files.ts';
import { osReleasePath } from '../../facts/linux/os-release.ts';
import { readMission } from '../../mission/read-mission.ts';
import { placeholder, type Word } from '../../shell-quote.ts';
import type { GlobalArgs } from '../io.ts';
import { jsonText } from '../json-text.ts';
import { ec2For, loadFacts, sysRootOf } from '../ports.ts';
import { checkRegionOfHost } from '../region-check.ts';
import type { Runtime } from '../runtime.ts';
import { toolCommand } from '../tool-command.ts';

export interface DoctorArgs extends GlobalArgs {
  mission?: string;
  skipEc2Checks?: boolean;
}

export async function runDoctor(args: DoctorArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  const mission = args.mission ? await readMission(args.mission) : undefined;
  await checkRegionOfHost(rt, mission);
  const sysRoot = sysRootOf(args, io);
  const site = { where: rt.where, cwd: io.cwd };
  const checks = await diagnoseHost(
    mission,
    {
      hostFacts: (skipEc2) => loadFacts({ ...args, facts: undefined, skipEc2Checks: skipEc2 }, rt),
      ec2: (region) => ec2For(region, rt),
    },
    {
      root: args.root,
      sysRoot,
      procRoot: resolveProcRoot(args.procRoot, io.env, sysRoot),
      programs: programOptions(io.env, sysRoot, rt.run.deadline),
      skipEc2Checks: args.skipEc2Checks === true,
      regionOverride: io.env.AWS_REGION,
      applyCommand: (extra: readonly Word[]) => toolCommand(site, 'apply', args.mission ?? placeholder('<mission>'), extra),
      osReleasePath: osReleasePath(args.root, io.env),
      awsNow: () => rt.run.awsClock.now(),
    },
  );
  if (args.json) io.out(jsonText({ checks }));
  else if (!args.quiet) io.out(formatChecks(checks));
  return doctorExitCode(checks);
}
