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
import { toolCommand } from '../tool-command.ts';

export interface StatusArgs extends GlobalArgs {
  mission?: string;
  wait?: number;
  all?: boolean;
  pollSeconds?: number;
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
  };
  const outcome = await readStatus(mission, ports, options, rt.run);
  if (args.json) io.out(jsonText(statusJson(outcome, options.waitSeconds)));
  else if (!args.quiet) {
    const applyCommand = toolCommand({ where: rt.where, cwd: io.cwd }, 'apply', args.mission ?? placeholder('<mission>'));
    io.out(formatStatusReport(outcome, options.waitSeconds, applyCommand));
  }
  return outcome.healthy ? EXIT.ok : EXIT.problems;
}
