/** destroy: always requires --yes; deletes only what this tool created (src/apply/destroy-mission.ts). */
import { deleteOrphans, destroyMission } from '../../apply/destroy-mission.ts';
import { displayLines } from '../../display.ts';
import { DeferredError, EXIT, ProblemsFoundError, UsageError } from '../../errors.ts';
import { STATE_PATH, underRoot } from '../../host-paths.ts';
import { readMission } from '../../mission/read-mission.ts';
import { guardPolicyOf, notifyOn, type GuardArgs } from '../contact-guard.ts';
import type { GlobalArgs } from '../io.ts';
import { jsonText } from '../json-text.ts';
import { formatError } from '../print-error.ts';
import { contactsFor, ec2For, groundStationFor, hostIdentityFor } from '../ports.ts';
import { refuseRealRootInRehearsal } from '../rehearsal-guard.ts';
import type { Runtime } from '../runtime.ts';
import { toolCommand } from '../tool-command.ts';

export interface DestroyArgs extends GlobalArgs, GuardArgs {
  mission?: string;
  yes?: boolean;
  orphans?: boolean;
  lockWait: number;
}

/** destroy refused while a contact holds the host (exit 8): the same destroy to paste once it is over. */
function withRerun(err: DeferredError, args: DestroyArgs, rt: Runtime): DeferredError {
  const command = toolCommand({ where: rt.where, cwd: rt.io.cwd }, 'destroy', args.mission, ['--yes']);
  return new DeferredError(err.message, [...err.details, `the same destroy, to run then: ${command}`], { cause: err });
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
  const group = (o: (typeof unknown)[number]) => `${o.arn} (mission ${o.mission}, instance ${o.instanceId}`;
  if (args.json) io.out(jsonText({ deletedGroups: orphans.map((o) => o.id), orphans, unknown }));
  else if (!args.quiet)
    io.out(
      displayLines([
        ...orphans.map((o) => `deleted orphaned group ${group(o)} is gone: ${o.evidence})`),
        ...unknown.map((o) => `left alone: group ${group(o)}: unknown, ${o.evidence})`),
        ...(orphans.length === 0 && unknown.length === 0 ? ['no orphaned groups'] : []),
      ]),
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
  // --orphans deletes groups of instances that are gone and writes nothing on this host.
  if (args.orphans) return runDestroyOrphans(args, rt);
  refuseRealRootInRehearsal(io.env, rt.where);
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
  ).catch((err: unknown) => {
    throw err instanceof DeferredError ? withRerun(err, args, rt) : err;
  });
  if (r === null) {
    if (args.json) io.out(jsonText({ deletedGroups: [], keptGroups: [], removedFiles: [], nothingToDestroy: true }));
    else if (!args.quiet)
      io.out(
        displayLines([
          `nothing to destroy: no state file at ${underRoot(args.root, STATE_PATH)} (already destroyed, or never applied here; pass the mission file to look its group up by tags)`,
        ]),
      );
    return 0;
  }
  if (r.appliedMission !== undefined) {
    if (args.json) io.out(jsonText(r));
    else if (!args.quiet)
      io.out(
        displayLines([
          `nothing destroyed: the mission applied on this host is ${r.appliedMission}, not ${mission!.name} (one host, one group: applying ${r.appliedMission} replaced the group of the mission it was renamed from); to remove it, run destroy --yes with its mission file or with none`,
        ]),
      );
    return 0;
  }
  if (args.json) io.out(jsonText(r));
  else if (!args.quiet) {
    io.out(
      displayLines([
        r.deletedGroups.length ? `deleted group(s): ${r.deletedGroups.join(', ')}` : 'no group of this host to delete',
        ...(r.keptGroups.length ? [`left alone (not created by gs-agent-config): ${r.keptGroups.join(', ')}`] : []),
        `removed: ${r.removedFiles.join(', ')}`,
        'the agent now has no config: stop it with `systemctl stop aws-groundstation-agent` if it still runs',
      ]),
    );
  }
  return 0;
}
