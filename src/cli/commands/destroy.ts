/** destroy: always requires --yes; deletes only what this tool created. */
import type { Runtime } from '../runtime.ts';
import { destroyHost } from '../../apply/destroy-host.ts';
import { LOCK_PATH, STATE_PATH, underRoot } from '../../host-paths.ts';
import { readState } from '../../apply/state-file.ts';
import { acquireLock } from '../../apply/lock.ts';
import { findOrphans } from '../../apply/orphans.ts';
import { readLiveInstanceIds } from '../../facts/ec2/ec2-instances.ts';
import { UsageError } from '../../errors.ts';
import { readHostIdentity } from '../host-identity.ts';
import type { GlobalArgs } from '../io.ts';
import { contactsFor, ec2For, groundStationFor } from '../ports.ts';
import { locateStates } from './locate-state.ts';
import { destroyGuardSite, refuseWhileHeld } from '../../apply/destroy-guard.ts';
import { guardPolicyOf, notifyOn, type GuardArgs } from '../contact-guard.ts';
import { createHoldCheck } from '../../contacts/hold-check.ts';

export interface DestroyArgs extends GlobalArgs, GuardArgs { mission?: string; yes?: boolean; orphans?: boolean; lockWait?: number }

async function destroyOrphans(args: DestroyArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  const { region } = await readHostIdentity(rt);
  const gs = groundStationFor(region, rt);
  const ec2 = ec2For(region, rt);
  const orphans = await findOrphans(gs, (ids) => readLiveInstanceIds(ec2, ids));
  for (const o of orphans) await gs.deleteGroup(o.id);
  if (args.json) io.out(JSON.stringify({ deletedGroups: orphans.map((o) => o.id), orphans }));
  else if (!args.quiet) io.out(orphans.length ? orphans.map((o) => `deleted orphaned group ${o.arn} (mission ${o.mission}, instance ${o.instanceId} is gone)`).join('\n') : 'no orphaned groups');
  return 0;
}

function nothingToDestroy(args: DestroyArgs, rt: Runtime): number {
  const { io } = rt;
  if (args.json) io.out(JSON.stringify({ deletedGroups: [], keptGroups: [], removedFiles: [], nothingToDestroy: true }));
  else if (!args.quiet) io.out(`nothing to destroy: no state file at ${underRoot(args.root, STATE_PATH)} (already destroyed, or never applied here; pass the mission file to look its group up by tags)`);
  return 0;
}

export async function runDestroy(args: DestroyArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  if (!args.yes) {
    throw new UsageError('destroy deletes the dataflow endpoint group and the agent config; nothing was done', ['add --yes to confirm']);
  }
  if (args.orphans) return destroyOrphans(args, rt);
  const release = await acquireLock(underRoot(args.root, LOCK_PATH), (args.lockWait ?? 120) * 1000, { progress: rt.run.progress });
  try {
    // A re-run of a decommission script: no state and no mission to look up is success.
    if (!args.mission && !(await readState(args.root))) return nothingToDestroy(args, rt);
    const { states, gs, region } = await locateStates(args, rt);
    const site = await destroyGuardSite(gs, states);
    if (site) {
      const policy = { ...guardPolicyOf(args), waitForContacts: false };
      await refuseWhileHeld(createHoldCheck(policy, { contacts: contactsFor(region, rt), ...site, deadline: rt.run.deadline, run: rt.run, warn: notifyOn(rt) }));
    }
    const r = await destroyHost(gs, args.root, states);
    if (args.json) io.out(JSON.stringify(r));
    else if (!args.quiet) {
      const lines = [
        r.deletedGroups.length ? `deleted group(s): ${r.deletedGroups.join(', ')}` : 'no group of this host to delete',
        ...(r.keptGroups.length ? [`left alone (not created by gs-agent-config): ${r.keptGroups.join(', ')}`] : []),
        `removed: ${r.removedFiles.join(', ')}`,
        'the agent now has no config: stop it with `systemctl stop aws-groundstation-agent` if it still runs',
      ];
      io.out(lines.join('\n'));
    }
    return 0;
  } finally {
    await release();
  }
}
