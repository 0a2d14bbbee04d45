/** status: health of the group this host manages and drift of its files (src/apply/read-status.ts); exit 0 healthy, 6 not. */
import { readStatus } from '../../apply/read-status.ts';
import { EXIT } from '../../errors.ts';
import { readMission } from '../../mission/read-mission.ts';
import { placeholder } from '../../shell-quote.ts';
import { formatStatusReport, statusJson } from '../format-status.ts';
import { jsonText } from '../json-text.ts';
import type { GlobalArgs } from '../io.ts';
import { contactsFor, ec2For, groundStationFor, hostIdentityFor } from '../ports.ts';
import type { Runtime } from '../runtime.ts';
import { reportComplianceFor } from '../compliance-wiring.ts';
import { agentVersionFor, doctorChecksFor } from '../doctor-wiring.ts';
import { toolCommand } from '../tool-command.ts';

export interface StatusArgs extends GlobalArgs {
  mission?: string;
  wait?: number;
  all?: boolean;
  pollSeconds?: number;
  reportCompliance?: boolean;
  skipEc2Checks?: boolean;
}

/**
 * `status MISSION`: what applying it would change, from apply's own preview (nothing written).
 * Loaded only then: a plain status renders nothing and loads no templates.
 */
async function pendingFor(args: StatusArgs & { mission: string }, rt: Runtime): Promise<string[]> {
  const [{ applyMission }, { pendingChanges }, { applyInputs, applyPorts, previewOptions }] = await Promise.all([
    import('../../apply/apply-mission.ts'),
    import('../../apply/preview-apply.ts'),
    import('../apply-wiring.ts'),
  ]);
  const preview = await applyMission(await applyInputs(args, rt, {}), applyPorts(rt), previewOptions(args), rt.run);
  return pendingChanges(preview);
}

export async function runStatus(args: StatusArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  const mission = args.mission ? await readMission(args.mission) : undefined;
  const ports = {
    groundStation: (region: string) => groundStationFor(region, rt),
    contacts: (region: string) => contactsFor(region, rt),
    ec2: (region: string) => ec2For(region, rt),
    hostIdentity: () => hostIdentityFor(rt),
  };
  const options = {
    root: args.root,
    regionOverride: io.env.AWS_REGION,
    waitSeconds: args.wait ?? 0,
    pollSeconds: args.pollSeconds ?? 2,
    orphans: args.all === true,
    ...(args.mission !== undefined && { pending: await pendingFor({ ...args, mission: args.mission }, rt) }),
  };
  const outcome = await readStatus(mission, ports, options, rt.run);
  if (args.json) io.out(jsonText(statusJson(outcome, options.waitSeconds)));
  else if (!args.quiet) {
    const applyCommand = toolCommand({ where: rt.where, cwd: io.cwd }, 'apply', args.mission ?? placeholder('<mission>'));
    io.out(formatStatusReport(outcome, options.waitSeconds, applyCommand));
  }
  if (args.reportCompliance)
    await reportComplianceFor(
      rt,
      { root: args.root, mission: mission?.name, command: 'Status', statuses: outcome.statuses },
      () => doctorChecksFor(args, mission, rt),
      () => agentVersionFor(args, rt),
    );
  return outcome.healthy ? EXIT.ok : EXIT.problems;
}
