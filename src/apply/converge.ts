/**
 * apply: make the host converge on the plan. One group per host and mission, found again by
 * state file or tags; same hash → keep it (tags reconciled in place, files re-rendered);
 * otherwise create the new group, switch the files to it, then delete the old one. Every step
 * is safe to repeat, so a crash anywhere converges on the next run.
 */
import { pauseWithin, type GroundStationPort } from '../aws/groundstation.ts';
import type { GroupState, Plan } from '../types.ts';
import { InternalError, TransientError } from '../errors.ts';
import { uniqueById } from '../aws/paginate.ts';
import type { RunDeadline } from '../run-deadline.ts';
import { diffGroupAgainstPlan } from '../plan/group-fit.ts';
import { isOwnedBy, TAG_HASH, TAG_INSTANCE, TAG_MISSION } from '../ownership-tags.ts';
import { renderHostFiles } from '../render/render-files.ts';
import { compareFiles, stateFileOf, writeChangedFiles, type FileChange } from './file-changes.ts';
import { getGroupIfExists, listOwnedGroups } from './find-groups.ts';
import { diffTags, reconcileTags } from './reconcile-tags.ts';
import { readState, writeState, type HostState } from './state-file.ts';
import { writeOutputs } from './outputs-file.ts';
import { replaceInvalidIp } from './ip-ownership.ts';
import { deferredRecord, holdBackAgentConfig, pendingSteps, type Deferral, type DisruptiveStep, type HoldCheck } from './deferral.ts';

export type GroupAction = 'create' | 'keep' | 'replace';

export interface ConvergeResult {
  action: GroupAction;
  /** Undefined only in a dry run that would create. */
  group?: GroupState;
  retired: string[];
  tagsChanged: string[];
  files: FileChange[];
  dryRun: boolean;
  /** Set when a contact held the host: these steps were left for the next run (the agent config and old groups untouched). */
  deferred?: Deferral;
  /** The agent must be restarted (its config changed now, or a deferred restart is due). */
  restartDue?: boolean;
}

export interface ConvergeOptions {
  plan: Plan;
  gs: GroundStationPort;
  root: string;
  dryRun: boolean;
  log?: (msg: string) => void;
  /** The run's deadline, for the waits between create retries and read-backs. */
  deadline?: RunDeadline;
  /** Asked before any disruptive step; a hold defers them (src/apply/deferral.ts). */
  checkHold?: HoldCheck;
  /** Disruptive steps the caller will take after converge (live tuning). */
  extraSteps?: DisruptiveStep[];
  /** The Elastic IP is verified on this host now: a group reporting INVALID_IP_OWNERSHIP is replaced (ip-ownership.ts). */
  eipVerified?: boolean;
}

/** A converge log that keeps only its warnings, as plan warnings (the report prints them). */
export function warningsInto(plan: Plan): (msg: string) => void {
  return (msg) => {
    if (msg.startsWith('warning: ')) plan.warnings.push(msg.slice('warning: '.length));
  };
}

/** Placeholder ARN for a dry run that would create: the real one exists only after create. */
export function pendingArn(plan: Plan): string {
  return arnOf(plan, '00000000-0000-0000-0000-000000000000');
}

/** Groups this host knows from its own state file: made by it, whatever their tags say yet. */
function stateIds(plan: Plan, state: HostState | undefined): Set<string> {
  const mine = state && state.mission === plan.mission && state.instanceId === plan.instanceId && state.owned !== false;
  return new Set(mine ? [state.groupId, ...state.retiring] : []);
}

/** The group's tags name another owner (a different mission or instance). */
function claimedByOther(g: GroupState, plan: Plan): boolean {
  const m = g.tags[TAG_MISSION];
  const i = g.tags[TAG_INSTANCE];
  return (m !== undefined && m !== plan.mission) || (i !== undefined && i !== plan.instanceId);
}

/**
 * Ours: its tags say so, or our state file recorded it and its tags (not yet visible after a
 * create: the reads are eventually consistent) do not name another owner.
 */
function isOurs(g: GroupState, plan: Plan, known: Set<string>): boolean {
  return isOwnedBy(g.tags, plan.mission, plan.instanceId) || (known.has(g.id) && !claimedByOther(g, plan));
}

/** Same endpoints and durations; the hash tag agrees, or is not visible yet on a group our state knows. */
function fits(g: GroupState, plan: Plan, known: Set<string>): boolean {
  const hash = g.tags[TAG_HASH];
  const hashOk = hash === plan.groupHash || (hash === undefined && known.has(g.id));
  return hashOk && diffGroupAgainstPlan(g, plan).length === 0;
}

interface Located { keep?: GroupState; retire: string[] }

async function locate(plan: Plan, gs: GroundStationPort, state: HostState | undefined, log: (m: string) => void): Promise<Located> {
  const known = stateIds(plan, state);
  const recorded = known.size ? state!.groupId : undefined;
  if (recorded) {
    const g = await getGroupIfExists(gs, recorded);
    if (g && isOurs(g, plan, known) && fits(g, plan, known)) return checked({ keep: g, retire: [...known].filter((id) => id !== g.id) });
  }
  const tagged = await listOwnedGroups(gs, plan.mission, plan.instanceId, { log });
  const taggedIds = new Set(tagged.map((g) => g.id));
  const fromState = [];
  for (const id of known) {
    if (taggedIds.has(id)) continue;
    const g = await getGroupIfExists(gs, id);
    if (g && isOurs(g, plan, known)) fromState.push(g);
  }
  const owned = uniqueById([...tagged, ...fromState]);
  const matching = owned.filter((g) => fits(g, plan, known));
  const keep = matching.find((g) => g.id === recorded) ?? matching[0];
  return checked({ keep, retire: owned.filter((g) => g.id !== keep?.id).map((g) => g.id) });
}

/** The kept group is never retired: compared by id, asserted, whatever the listing said. */
function checked(l: Located): Located {
  const retire = [...new Set(l.retire)];
  if (l.keep && retire.includes(l.keep.id)) throw new InternalError(`group ${l.keep.id} is both kept and retired`);
  return { keep: l.keep, retire };
}

function stateFor(plan: Plan, group: { id: string; arn: string }, retiring: string[], files: FileChange[]): HostState {
  return {
    version: 1, mission: plan.mission, instanceId: plan.instanceId, region: plan.region,
    groupId: group.id, groupArn: group.arn, groupHash: plan.groupHash, retiring, files: files.map(stateFileOf),
    ...(plan.profiles && { profiles: plan.profiles.map((p) => ({ name: p.name, ...(p.missionProfile !== undefined && { missionProfile: p.missionProfile }) })) }),
  };
}

async function retireGroups(gs: GroundStationPort, plan: Plan, ids: string[], keepId: string, known: Set<string>, log: (m: string) => void): Promise<string[]> {
  const done: string[] = [];
  for (const id of ids) {
    if (id === keepId) throw new InternalError(`refusing to delete group ${id}: it is the group this host keeps`);
    // Re-check ownership right before deleting: never delete a group this host did not create.
    const g = await getGroupIfExists(gs, id);
    if (g && isOurs(g, plan, known)) {
      await gs.deleteGroup(id);
      log(`deleted old group ${g.arn}`);
    }
    done.push(id);
  }
  return done;
}

const CREATE_ATTEMPTS = 3;
/** Reads of a new group until it equals the request: 0.25 + 0.5 + 1 + 2 + 4 s at most. */
const READ_BACK_DELAYS_MS = [250, 500, 1000, 2000, 4000];

/** Group ARNs as Ground Station (only in the `aws` partition) forms them; replaced by the ARN read back. */
function arnOf(plan: Plan, id: string): string {
  return `arn:aws:groundstation:${plan.region}:${plan.accountId}:dataflow-endpoint-group/${id}`;
}

/** What differs between a group read back and the request that made it (endpoints, durations, tags). */
function readBackDiff(g: GroupState | undefined, plan: Plan): string[] {
  if (!g) return ['the group is not visible yet'];
  const wanted = plan.request.tags ?? {};
  const tags = Object.keys({ ...wanted, ...g.tags }).filter((k) => !k.startsWith('aws:') && g.tags[k] !== wanted[k]);
  return [...diffGroupAgainstPlan(g, plan), ...tags.map((k) => `tag ${k}: group has ${JSON.stringify(g.tags[k] ?? null)}, sent ${JSON.stringify(wanted[k] ?? null)}`)];
}

/** The new group as read back once it equals the request; never a group that differs from the plan. */
async function readBack(gs: GroundStationPort, plan: Plan, id: string, deadline: RunDeadline | undefined): Promise<GroupState> {
  let diff: string[] = [];
  for (const delay of [0, ...READ_BACK_DELAYS_MS]) {
    if (delay) await pauseWithin(deadline, delay, 'GetDataflowEndpointGroup', 'reading the new group back');
    const g = await getGroupIfExists(gs, id);
    diff = readBackDiff(g, plan);
    if (diff.length === 0) return g!;
  }
  throw new TransientError(`group ${id} was created, but reading it back does not give what was sent: ${diff.slice(0, 3).join('; ')}`, [
    'the group is recorded in the state file; run apply again: it is kept once it reads back right, replaced otherwise',
  ]);
}


/**
 * Creates the group at most once per attempt, and before each retry looks for it by reading
 * Ground Station directly (the tagging index may not show it yet): a create whose answer was
 * lost (timeout, dropped connection, 5xx or no id after the fact) may have made the group
 * anyway, and a second one must never be made. Returns the new group's id.
 */
async function createGroup(gs: GroundStationPort, plan: Plan, known: Set<string>, deadline: RunDeadline | undefined, retiring: string[]): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await gs.createGroup(plan.request);
    } catch (err) {
      if (!(err instanceof TransientError) || attempt >= CREATE_ATTEMPTS) throw err;
      // A group being retired (one reporting INVALID_IP_OWNERSHIP fits the plan too) is not the one just made.
      const made = (await listOwnedGroups(gs, plan.mission, plan.instanceId, { direct: true })).find((g) => fits(g, plan, known) && !retiring.includes(g.id));
      if (made) return made.id;
      await pauseWithin(deadline, 250 * 2 ** attempt, 'CreateDataflowEndpointGroupV2', 'before retrying');
    }
  }
}

export async function converge(o: ConvergeOptions): Promise<ConvergeResult> {
  const log = o.log ?? (() => {});
  const { plan, gs, root } = o;
  const state = await readState(root);
  const known = stateIds(plan, state);
  const located = await locate(plan, gs, state, log);
  const { keep, retire } = replaceInvalidIp(located, o);
  const action: GroupAction = keep ? 'keep' : retire.length ? 'replace' : 'create';
  if (o.dryRun) {
    const files = await compareFiles(root, renderHostFiles(plan, keep?.arn ?? pendingArn(plan)));
    const tagsChanged = keep ? diffTags(keep.tags, plan.request.tags ?? {}).keys : [];
    return { action, group: keep, retired: retire, tagsChanged, files, dryRun: true };
  }
  let group = keep;
  let tagsChanged: string[] = [];
  if (group) {
    tagsChanged = await reconcileTags(gs, group, plan.request.tags ?? {});
  } else {
    const id = await createGroup(gs, plan, known, o.deadline, retire);
    // Record the new group before anything else, so a crash (or a read-back that never agrees)
    // from here on finds it by state, whatever the eventually consistent reads show.
    await writeState(root, stateFor(plan, { id, arn: arnOf(plan, id) }, retire, []));
    known.add(id);
    group = await readBack(gs, plan, id, o.deadline);
    log(`created group ${group.arn}`);
    await writeState(root, stateFor(plan, group, retire, []));
  }
  const files = await compareFiles(root, renderHostFiles(plan, group.arn));
  // Never delete what is kept: a create retried after a lost answer may find a group being replaced (INVALID_IP_OWNERSHIP).
  const retiring = retire.filter((id) => id !== group.id);
  const steps = pendingSteps(files, retiring, state, o.extraSteps);
  const hold = steps.length && o.checkHold ? await o.checkHold(steps) : undefined;
  if (hold) return deferSteps(o, group, retiring, files, { hold, steps }, { action, tagsChanged });
  await writeChangedFiles(files);
  await writeState(root, stateFor(plan, group, retiring, files));
  const retired = await retireGroups(gs, plan, retiring, group.id, known, log);
  await writeState(root, stateFor(plan, group, [], files));
  await writeOutputs(root, plan, group);
  return { action, group, retired, tagsChanged, files, dryRun: false, restartDue: steps.includes('restart') };
}

/** Held: write all but the agent config switch, keep the old groups, record what is left. */
async function deferSteps(o: ConvergeOptions, group: GroupState, retire: string[], files: FileChange[], deferred: Deferral, r: Pick<ConvergeResult, 'action' | 'tagsChanged'>): Promise<ConvergeResult> {
  const { write, recorded, activeGroupArn } = await holdBackAgentConfig(files);
  await writeChangedFiles(write);
  await writeState(o.root, { ...stateFor(o.plan, group, retire, []), files: recorded, deferred: deferredRecord(deferred, activeGroupArn) });
  await writeOutputs(o.root, o.plan, group);
  return { ...r, group, retired: [], files: write, dryRun: false, deferred };
}
