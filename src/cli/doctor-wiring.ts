/**
 * doctor's checks from the run: the ports and options doctor and `--report-compliance` (apply,
 * status) both use, so a compliance report carries the same verdicts `doctor` prints.
 */
import { parseAgentVersion } from '../agent-releases.ts';
import type { AgentReading } from '../apply/compliance-report.ts';
import { diagnoseHost } from '../doctor/diagnose-host.ts';
import { readAgentPackage } from '../facts/linux/agent-package.ts';
import type { CheckResult } from '../doctor/types.ts';
import { programOptions } from '../facts/linux/host-programs.ts';
import { osReleasePath } from '../facts/linux/os-release.ts';
import { resolveProcRoot } from '../facts/linux/proc-files.ts';
import { placeholder, type Word } from '../shell-quote.ts';
import type { Mission } from '../types.ts';
import type { GlobalArgs } from './io.ts';
import { contactsFor, ec2For, loadFacts, sysRootOf } from './ports.ts';
import type { Runtime } from './runtime.ts';
import { toolCommand } from './tool-command.ts';

export interface DoctorRunArgs extends GlobalArgs {
  mission?: string;
  skipEc2Checks?: boolean;
}

export async function doctorChecksFor(args: DoctorRunArgs, mission: Mission | undefined, rt: Runtime): Promise<CheckResult[]> {
  const { io } = rt;
  const sysRoot = sysRootOf(args, io);
  const site = { where: rt.where, cwd: io.cwd };
  return diagnoseHost(
    mission,
    {
      hostFacts: (skipEc2) => loadFacts({ ...args, facts: undefined, skipEc2Checks: skipEc2 }, rt),
      ec2: (region) => ec2For(region, rt),
      contacts: (region) => contactsFor(region, rt),
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
      awsClock: rt.run.awsClock,
    },
  );
}

/**
 * The installed agent's version for `--report-compliance` (the fleet's AGENT column), read as
 * doctor reads it (`rpm -q`, the same bounded runner and bin dir); why not, when it cannot be.
 */
export async function agentVersionFor(args: DoctorRunArgs, rt: Runtime): Promise<AgentReading> {
  try {
    const pkg = await readAgentPackage(programOptions(rt.io.env, sysRootOf(args, rt.io), rt.run.deadline));
    if (!pkg.ok) return { unknown: pkg.reason };
    if (!pkg.value.installed || pkg.value.version === undefined) return { unknown: 'aws-groundstation-agent is not installed' };
    const version = pkg.value.version.replace(/-[^-]*$/, '');
    return parseAgentVersion(version) ? { version } : { unknown: `rpm -q gave ${JSON.stringify(version.slice(0, 40))}, not four numbers` };
  } catch (err) {
    return { unknown: (err as Error).message.split('\n')[0] };
  }
}
