/**
 * The destroy use-case: under the lock, find this host's groups (locate-state.ts), refuse while
 * a contact holds the host (destroy never waits for one), then delete the groups it owns and
 * remove the files it wrote (destroy-host.ts). A state file of another instance is refused
 * (exit 6, nothing deleted); a mission other than the applied one touches nothing. And
 * `--orphans`: delete the groups whose instance EC2 positively reports gone. Prints nothing.
 */
import type { ContactsPort } from '../aws/contacts.ts';
import type { GuardPolicy } from '../contacts/hold-check.ts';
import type { Ec2FactsOptions } from '../facts/ec2/ec2.ts';
import { ProblemsFoundError } from '../errors.ts';
import { readInstanceStates } from '../facts/ec2/ec2-instances.ts';
import { LOCK_PATH, underRoot } from '../host-paths.ts';
import type { RunContext } from '../run-context.ts';
import { destroyGuardSite, refuseDestroyWhileHeld, refuseOrphansWhileHeld } from './destroy-guard.ts';
import { destroyHost, type DestroyResult } from './destroy-host.ts';
import { locateStates, type LocatePorts } from './locate-state.ts';
import { acquireLock } from './lock.ts';
import { getGroupIfExists } from './find-groups.ts';
import { selectOrphans, type OrphanSelection } from './orphans.ts';
import { readState, strangerStateText, type HostState } from './state-file.ts';
import { TAG_INSTANCE } from '../ownership-tags.ts';
import { shellQuote } from '../shell-quote.ts';
import { STATE_PATH } from '../host-paths.ts';

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
    const { states, gs, region, instanceId, stranger, appliedMission } = await locateStates(
      options.root,
      missionName,
      ports,
      options.regionOverride,
    );
    if (stranger) throw strangerRefusal(options.root, stranger, instanceId);
    // One host, one group: destroy of a mission that is not the one applied here touches nothing.
    if (appliedMission) return { deletedGroups: [], keptGroups: [], removedFiles: [], appliedMission };
    const site = await destroyGuardSite(gs, states);
    // Refused, never waited for: destroy is a decommission step, not a converge.
    if (site) await refuseDestroyWhileHeld(site, { contacts: ports.contacts(region), policy: options.guard, run, warn: ports.notify });
    return await destroyHost(gs, options.root, states);
  } finally {
    await release();
  }
}

/** Exit 6: the state file is another instance's; destroy deletes and removes nothing for it. */
function strangerRefusal(root: string, stranger: HostState, instanceId: string): ProblemsFoundError {
  return new ProblemsFoundError(`${strangerStateText(root, stranger, instanceId)}; destroy deleted nothing`, [
    `apply this host's mission to make this host's own group (it starts fresh and leaves ${stranger.instanceId}'s group alone)`,
    `when ${stranger.instanceId} is terminated, its group is an orphan: gs-agent-config status --all, then destroy --orphans --yes`,
    `when this host never ran gs-agent-config, remove the copied file: rm ${shellQuote(underRoot(root, STATE_PATH))}`,
  ]);
}

export interface OrphanPorts extends LocatePorts {
  ec2: (region: string) => Ec2FactsOptions;
  contacts: (region: string) => ContactsPort;
  /** Says a warning at once (a --force override). */
  notify: (warning: string) => void;
}

/**
 * Deletes the groups tagged by this tool whose instance EC2 positively reports gone, in this
 * instance's region; never this host's own; a group whose instance cannot be judged is left
 * (`unknown`). Refused (exit 8, nothing deleted) while a contact holds any of the orphans. Each
 * is re-read right before its delete: still tagged for the instance judged.
 */
export async function deleteOrphans(ports: OrphanPorts, guard: GuardPolicy, run: RunContext): Promise<OrphanSelection> {
  const { instanceId, region } = await ports.hostIdentity();
  const gs = ports.groundStation(region);
  const selection = await selectOrphans(gs, (ids) => readInstanceStates(ports.ec2(region), ids), instanceId);
  const g = { contacts: ports.contacts(region), policy: guard, run, warn: ports.notify };
  await refuseOrphansWhileHeld(
    gs,
    selection.orphans.map((o) => o.id),
    g,
  );
  const deleted = [];
  for (const o of selection.orphans) {
    const current = await getGroupIfExists(gs, o.id);
    if (current?.tags[TAG_INSTANCE] !== o.instanceId || o.instanceId === instanceId) continue;
    await gs.deleteGroup(o.id);
    deleted.push(o);
  }
  return { ...selection, orphans: deleted };
}
