/** destroy: always requires --yes; deletes only what this tool created (src/apply/destroy-mission.ts). */
import { deleteOrphans, destroyMission } from '../../apply/destroy-mission.ts';
import { display } from '../../display.ts';
import { EXIT, ProblemsFoundError, UsageError } from '../../errors.ts';
import { STATE_PATH, underRoot } from '../../host-paths.ts';
import { readMission } from '../../mission/read-mission.ts';
import { guardPolicyOf, notifyOn, type GuardArgs } from '../contact-guard.ts';
import type { GlobalArgs } from '../io.ts';
import { formatError } from '../print-error.ts';
import { contactsFor, ec2For, groundStationFor, hostIdentityFor } from '../ports.ts';
import type { Runtime } from '../runtime.ts';

export interface DestroyArgs extends GlobalArgs, GuardArgs {
  mission?: string;
  yes?: boolean;
  orphans?: boolean;
  lockWait: number;
}

async function runDestroyOrphans(args: DestroyArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  const { orphans, unknown } = await deleteOrphans(
    {
      groundStation: (region) => groundStationFor(region, rt),
      ec2: (region) => ec2For(region, rt),
      contacts: (region) => contactsFor(region, rt),
      hostIdentity: () => hostIdentityFor(rt),
      notify: notifyOn(rt),
    },
    guardPolicyOf(args),
    rt.run,
  );
  const group = (o: (typeof unknown)[number]) => `${display(o.arn)} (mission ${display(o.mission)}, instance ${display(o.instanceId)}`;
  if (args.json) io.out(JSON.stringify({ deletedGroups: orphans.map((o) => o.id), orphans, unknown }));
  else if (!args.quiet)
    io.out(
      [
        ...orphans.map((o) => `deleted orphaned group ${group(o)} is gone: ${display(o.evidence)})`),
        ...unknown.map((o) => `left alone: group ${group(o)}: unknown, ${display(o.evidence)})`),
        ...(orphans.length === 0 && unknown.length === 0 ? ['no orphaned groups'] : []),
      ].join('\n'),
    );
  if (unknown.length === 0) return 0;
  // Exit 6: no evidence is not evidence; the groups whose instance could not be judged stay.
  const n = unknown.length;
  const problem = new ProblemsFoundError(
    `${n} group${n === 1 ? '' : 's'} of other instances left alone: EC2 gave no evidence that ${n === 1 ? 'its instance is' : 'their instances are'} gone`,
    [
      'an orphan is deleted only when EC2 answers that its instance is terminated or does not exist (InvalidInstanceID.NotFound)',
      'run destroy --orphans --yes again when EC2 answers; check ec2:DescribeInstances in the role policy',
    ],
  );
  io.err(formatError(problem, false).text);
  return EXIT.problems;
}

export async function runDestroy(args: DestroyArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  if (!args.yes) {
    throw new UsageError('destroy deletes the dataflow endpoint group and the agent config; nothing was done', ['add --yes to confirm']);
  }
  if (args.orphans) return runDestroyOrphans(args, rt);
  const mission = args.mission ? await readMission(args.mission) : undefined;
  const r = await destroyMission(
    mission?.name,
    {
      groundStation: (region) => groundStationFor(region, rt),
      contacts: (region) => contactsFor(region, rt),
      hostIdentity: () => hostIdentityFor(rt),
      notify: notifyOn(rt),
    },
    { root: args.root, regionOverride: io.env.AWS_REGION, lockWaitSeconds: args.lockWait, guard: guardPolicyOf(args) },
    rt.run,
  );
  if (r === null) {
    if (args.json) io.out(JSON.stringify({ deletedGroups: [], keptGroups: [], removedFiles: [], nothingToDestroy: true }));
    else if (!args.quiet)
      io.out(
        `nothing to destroy: no state file at ${underRoot(args.root, STATE_PATH)} (already destroyed, or never applied here; pass the mission file to look its group up by tags)`,
      );
    return 0;
  }
  if (r.appliedMission !== undefined) {
    if (args.json) io.out(JSON.stringify(r));
    else if (!args.quiet)
      io.out(
        `nothing destroyed: the mission applied on this host is ${display(r.appliedMission)}, not ${display(mission!.name)} (one host, one group: applying ${display(r.appliedMission)} replaced the group of the mission it was renamed from); to remove it, run destroy --yes with its mission file or with none`,
      );
    return 0;
  }
  if (args.json) io.out(JSON.stringify(r));
  else if (!args.quiet) {
    io.out(
      [
        r.deletedGroups.length ? `deleted group(s): ${r.deletedGroups.join(', ')}` : 'no group of this host to delete',
        ...(r.keptGroups.length ? [`left alone (not created by gs-agent-config): ${r.keptGroups.join(', ')}`] : []),
        `removed: ${r.removedFiles.join(', ')}`,
        'the agent now has no config: stop it with `systemctl stop aws-groundstation-agent` if it still runs',
      ].join('\n'),
    );
  }
  return 0;
}
