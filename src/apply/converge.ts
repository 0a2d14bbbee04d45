/**
 * apply: make the host converge on the plan, whichever the group source: the tool's own group
 * (found again by state file or tags, kept when it matches, else created new; owned-group.ts)
 * or an existing group the mission names (read and fit-checked; existing-group.ts). Then one
 * tail for both: render the files from the group, compare them with the disk, ask whether a
 * contact holds the host, write the files, record the state, retire this host's other groups
 * (one host, one group: whatever their mission), write the outputs. The state file counts only
 * when it names this instance (IMDS). Every step is safe to repeat, so a crash anywhere
 * converges on the next run.
 */
import type { GroundStationPort } from '../aws/groundstation.ts';
import type { Hold } from '../contacts/hold.ts';
import type { RunDeadline } from '../run-deadline.ts';
import { renderHostFiles } from '../render/render-files.ts';
import { keptKeysWarning, readKeptAgentKeys } from './kept-agent-keys.ts';
import type { GroupState, HostFacts, Mission, Plan } from '../types.ts';
import { deferredRecord, holdBackAgentConfig, pendingSteps, type Deferral, type DisruptiveStep } from './deferral.ts';
import { readExistingGroup } from './existing-group.ts';
import { compareFiles, writeChangedFiles, type FileChange } from './file-changes.ts';
import { writeOutputs } from './outputs-file.ts';
import { invalidIpAgainText } from './ip-ownership.ts';
import { createOwnedGroup, locateOwnedGroup, pendingArn } from './owned-group.ts';
import { stateIds } from './ownership.ts';
import { diffTags, reconcileTags, type TagChange } from './reconcile-tags.ts';
import { retireGroups } from './retire-groups.ts';
import { readOwnState, strangerStateText, writeState, type HostState } from './state-file.ts';
import { stateRecord, type GroupNotes } from './state-record.ts';

export type GroupAction = 'create' | 'keep' | 'replace';

/**
 * Where the group comes from. `owned`: the tool's own, created when none fits; with the Elastic
 * IP verified on this host, one reporting INVALID_IP_OWNERSHIP is replaced (ip-ownership.ts).
 * `existing`: the group the mission names (`group:`), never created, tagged or deleted.
 */
export type GroupSource = { kind: 'owned'; eipVerified: boolean } | { kind: 'existing'; ref: string; mission: Mission; facts: HostFacts };

/**
 * Asked before any disruptive step, with the groups whose agent addresses are this host's
 * besides the planned ones; undefined: the host is free.
 */
export type GroupHoldCheck = (steps: DisruptiveStep[], hostGroupIds: string[]) => Promise<Hold | undefined>;

export interface ConvergeOptions {
  /** The mission's plan on this host. */
  plan: Plan;
  source: GroupSource;
  gs: GroundStationPort;
  root: string;
  dryRun: boolean;
  /** The run's deadline, for the waits between create retries and read-backs. */
  deadline?: RunDeadline;
  checkHold?: GroupHoldCheck;
  /** Disruptive steps the caller will take after converge (live tuning). */
  extraSteps?: DisruptiveStep[];
  /** A warning for the run's outcome (the tagging API refused …). */
  warn: (warning: string) => void;
}

export interface ConvergeResult {
  action: GroupAction;
  /** The plan the files are rendered from: the mission's, or the mission with an existing group's values. */
  plan: Plan;
  /** Undefined only in a dry run that would create. */
  group?: GroupState;
  retired: string[];
  tagsChanged: string[];
  /** In a dry run: the tag keys with their values before and after. */
  tagChanges?: TagChange[];
  files: FileChange[];
  dryRun: boolean;
  /** Held by a contact (either group source): these steps were left for the next run (the agent config and old groups untouched). */
  deferred?: Deferral;
  /** The agent must be restarted (its config changed now, or a deferred restart is due). */
  restartDue?: boolean;
  /** What the run found wrong and could not fix (exit 6): a group reporting INVALID_IP_OWNERSHIP again. */
  problems: string[];
}

/** The group to keep or use (none: the tool's own is created), those to retire, and the plan to render. */
interface Found {
  plan: Plan;
  action: GroupAction;
  group?: GroupState;
  retire: string[];
  /** What the state file records of the group kept or created. */
  notes: GroupNotes;
  problems: string[];
}

async function findGroup(o: ConvergeOptions, own: HostState | undefined, known: Set<string>): Promise<Found> {
  if (o.source.kind === 'existing') {
    const { group, plan, retire } = await readExistingGroup(o.gs, o.source.ref, o.source.mission, o.source.facts, o.plan, own, o.warn);
    return { plan, action: 'keep', group, retire, notes: {}, problems: [] };
  }
  const l = await locateOwnedGroup(o.plan, o.gs, own, known, { eipVerified: o.source.eipVerified, warn: o.warn });
  // A group just made is confirmed by the next run's listing (any listing may lag behind a create).
  const notes: GroupNotes = l.keep
    ? { confirmed: l.confirmed, replacedInvalidIp: own?.groupId === l.keep.id ? own.replacedInvalidIp : undefined }
    : { confirmed: false, replacedInvalidIp: l.replacesInvalidIp };
  return {
    plan: o.plan,
    action: l.keep ? 'keep' : l.retire.length ? 'replace' : 'create',
    group: l.keep,
    retire: l.retire,
    notes,
    problems: l.invalidIpAgain ? [invalidIpAgainText(o.plan.publicIp)] : [],
  };
}

export async function converge(o: ConvergeOptions): Promise<ConvergeResult> {
  const { gs, root } = o;
  const owned = o.source.kind === 'owned';
  const { own, stranger } = await readOwnState(root, o.plan.instanceId);
  if (stranger)
    o.warn(
      `${strangerStateText(root, stranger, o.plan.instanceId)}; starting fresh: this host's own group is found or made, and nothing of ${stranger.instanceId}'s is deleted`,
    );
  const known = stateIds(own);
  // Keys of the agent config on disk the tool does not write: kept on rewrite, and said.
  const kept = readKeptAgentKeys(root);
  const keptWarning = keptKeysWarning(kept);
  if (keptWarning) o.warn(keptWarning);
  const found = await findGroup(o, own, known);
  const { plan, action, problems } = found;
  if (o.dryRun) {
    const files = await compareFiles(root, renderHostFiles(plan, found.group?.arn ?? pendingArn(plan), kept.kept));
    const diff = owned && found.group ? diffTags(found.group.tags, plan.request.tags ?? {}) : undefined;
    const tagsChanged = diff?.keys ?? [];
    const tagChanges = diff?.changes ?? [];
    return { action, plan, group: found.group, retired: found.retire, tagsChanged, tagChanges, files, dryRun: true, problems };
  }
  const tagsChanged = found.group && owned ? await reconcileTags(gs, found.group, plan.request.tags ?? {}) : [];
  const group = found.group ?? (await createOwnedGroup(gs, plan, root, known, found.retire, o.deadline, found.notes));
  const files = await compareFiles(root, renderHostFiles(plan, group.arn, kept.kept));
  // Never delete what is kept: a create retried after a lost answer may find a group being replaced (INVALID_IP_OWNERSHIP).
  const retiring = found.retire.filter((id) => id !== group.id);
  // The groups whose agent addresses are this host's when the check runs: those the state file
  // names by then, the one kept or made, and every group about to be retired (whatever its mission).
  const hostGroupIds = [...new Set([...(owned ? stateIds(own) : []), group.id, ...retiring])];
  const steps = pendingSteps(files, retiring, own, o.extraSteps);
  const hold = steps.length && o.checkHold ? await o.checkHold(steps, hostGroupIds) : undefined;
  const result = { action, plan, group, tagsChanged, dryRun: false, problems };
  if (hold) return { ...result, ...(await deferSteps(plan, root, group, retiring, files, { hold, steps }, owned, found.notes)) };
  await writeChangedFiles(files);
  await writeState(root, stateRecord(plan, group, retiring, files, owned, found.notes));
  const retired = await retireGroups(gs, plan.instanceId, retiring, group.id, known);
  await writeState(root, stateRecord(plan, group, [], files, owned, found.notes));
  await writeOutputs(root, plan, group);
  return { ...result, retired, files, restartDue: steps.includes('restart') };
}

/** Held (either group source): write all but the agent config switch, keep the old groups, record what is left. */
async function deferSteps(
  plan: Plan,
  root: string,
  group: GroupState,
  retire: string[],
  files: FileChange[],
  deferred: Deferral,
  owned: boolean,
  notes: GroupNotes,
): Promise<Pick<ConvergeResult, 'retired' | 'files' | 'deferred'>> {
  const { write, recorded, activeGroupArn } = await holdBackAgentConfig(files);
  await writeChangedFiles(write);
  await writeState(root, {
    ...stateRecord(plan, group, retire, [], owned, notes),
    files: recorded,
    deferred: deferredRecord(deferred, activeGroupArn),
  });
  await writeOutputs(root, plan, group);
  return { retired: [], files: write, deferred };
}
