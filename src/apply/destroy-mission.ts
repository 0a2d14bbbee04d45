/**
 * The destroy use-case: under the lock, find this host's groups (locate-state.ts), refuse while
 * a contact holds the host (destroy never waits for one), then delete the groups it owns and
 * remove the files it wrote (destroy-host.ts). And `--orphans`: delete the groups of instances
 * that no longer exist. Prints nothing.
 */
import type { ContactsPort } from '../aws/contacts.ts';
import type { GuardPolicy } from '../contacts/hold-check.ts';
import type { Ec2FactsOptions } from '../facts/ec2/ec2.ts';
import { readLiveInstanceIds } from '../facts/ec2/ec2-instances.ts';
import { LOCK_PATH, underRoot } from '../host-paths.ts';
import type { RunContext } from '../run-context.ts';
import { destroyGuardSite, refuseDestroyWhileHeld, refuseOrphansWhileHeld } from './destroy-guard.ts';
import { destroyHost, type DestroyResult } from './destroy-host.ts';
import { locateStates, type LocatePorts } from './locate-state.ts';
import { acquireLock } from './lock.ts';
import { findOrphans, type ToolGroup } from './orphans.ts';
import { readState } from './state-file.ts';

export interface DestroyPorts extends LocatePorts {
  contacts: (region: string) => ContactsPort;
  /** Says a warning at once (a --force override). */
  notify: (warning: string) => void;
}

export interface DestroyOptions {
  /** --root: where the state, lock and rendered files are. */
  root: string;
  /** AWS_REGION: wins over the region the state file records. */
  regionOverride?: string;
  lockWaitSeconds: number;
  guard: GuardPolicy;
}

/** What was deleted and removed; null when there was nothing to destroy (no state file, no mission to look up). */
export async function destroyMission(
  missionName: string | undefined,
  ports: DestroyPorts,
  options: DestroyOptions,
  run: RunContext,
): Promise<DestroyResult | null> {
  const release = await acquireLock(underRoot(options.root, LOCK_PATH), options.lockWaitSeconds * 1000, { progress: run.progress });
  try {
    // A re-run of a decommission script: no state and no mission to look up is success.
    if (!missionName && !(await readState(options.root))) return null;
    const { states, gs, region } = await locateStates(options.root, missionName, ports, options.regionOverride);
    const site = await destroyGuardSite(gs, states);
    // Refused, never waited for: destroy is a decommission step, not a converge.
    if (site) await refuseDestroyWhileHeld(site, { contacts: ports.contacts(region), policy: options.guard, run, warn: ports.notify });
    return await destroyHost(gs, options.root, states);
  } finally {
    await release();
  }
}

export interface OrphanPorts extends LocatePorts {
  ec2: (region: string) => Ec2FactsOptions;
  contacts: (region: string) => ContactsPort;
  /** Says a warning at once (a --force override). */
  notify: (warning: string) => void;
}

/**
 * Deletes the groups tagged by this tool whose instance no longer exists (EC2), in this
 * instance's region; refused (exit 8, nothing deleted) while a contact holds any of them.
 */
export async function deleteOrphans(ports: OrphanPorts, guard: GuardPolicy, run: RunContext): Promise<ToolGroup[]> {
  const { region } = await ports.hostIdentity();
  const gs = ports.groundStation(region);
  const orphans = await findOrphans(gs, (ids) => readLiveInstanceIds(ports.ec2(region), ids));
  const g = { contacts: ports.contacts(region), policy: guard, run, warn: ports.notify };
  await refuseOrphansWhileHeld(
    gs,
    orphans.map((o) => o.id),
    g,
  );
  for (const o of orphans) await gs.deleteGroup(o.id);
  return orphans;
}
