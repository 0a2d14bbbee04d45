/**
 * apply: make the host converge on the plan. One group per host and mission, found again by
 * state file or tags; same hash → keep it (tags reconciled in place, files re-rendered);
 * otherwise create the new group, switch the files to it, then delete the old one. Every step
 * is safe to repeat, so a crash anywhere converges on the next run.
 */
import type { GroundStationPort } from '../aws/groundstation.ts';
import type { GroupState, Plan } from '../types.ts';
import { TransientError } from '../errors.ts';
import { diffGroupAgainstPlan } from '../plan/group-fit.ts';
import { TAG_HASH } from '../plan/ownership-tags.ts';
import { renderHostFiles } from '../render/render-files.ts';
import { compareFiles, stateFileOf, writeChangedFiles, type FileChange } from './file-changes.ts';
import { getOwnedGroup, listOwnedGroups } from './find-groups.ts';
import { diffTags, reconcileTags } from './reconcile-tags.ts';
import { readState, writeState, type HostState } from './state-file.ts';
import { writeOutputs } from './outputs-file.ts';

export type GroupAction = 'create' | 'keep' | 'replace';

export interface ConvergeResult {
  action: GroupAction;
  /** Undefined only in a dry run that would create. */
  group?: GroupState;
  retired: string[];
  tagsChanged: string[];
  files: FileChange[];
  dryRun: boolean;
}

export interface ConvergeOptions {
  plan: Plan;
  gs: GroundStationPort;
  root: string;
  dryRun: boolean;
  log?: (msg: string) => void;
}

/** Placeholder ARN for a dry run that would create: the real one exists only after create. */
export function pendingArn(plan: Plan): string {
  return `arn:aws:groundstation:${plan.region}:${plan.accountId}:dataflow-endpoint-group/00000000-0000-0000-0000-000000000000`;
}

const fits = (g: GroupState, plan: Plan) => g.tags[TAG_HASH] === plan.groupHash && diffGroupAgainstPlan(g, plan).length === 0;

interface Located { keep?: GroupState; retire: string[] }

async function locate(plan: Plan, gs: GroundStationPort, state: HostState | undefined): Promise<Located> {
  const mine = state && state.mission === plan.mission && state.instanceId === plan.instanceId ? state : undefined;
  if (mine) {
    const g = await getOwnedGroup(gs, mine.groupId, plan.mission, plan.instanceId);
    if (g && fits(g, plan)) return { keep: g, retire: mine.retiring.filter((id) => id !== g.id) };
  }
  const owned = await listOwnedGroups(gs, plan.mission, plan.instanceId);
  const matching = owned.filter((g) => fits(g, plan));
  const keep = matching.find((g) => g.id === mine?.groupId) ?? matching[0];
  return { keep, retire: owned.filter((g) => g !== keep).map((g) => g.id) };
}

function stateFor(plan: Plan, group: GroupState, retiring: string[], files: FileChange[]): HostState {
  return {
    version: 1, mission: plan.mission, instanceId: plan.instanceId, region: plan.region,
    groupId: group.id, groupArn: group.arn, groupHash: plan.groupHash, retiring, files: files.map(stateFileOf),
  };
}

async function retireGroups(gs: GroundStationPort, plan: Plan, ids: string[], log: (m: string) => void): Promise<string[]> {
  const done: string[] = [];
  for (const id of ids) {
    // Re-check ownership right before deleting: never delete a group this host did not create.
    const g = await getOwnedGroup(gs, id, plan.mission, plan.instanceId);
    if (g) {
      await gs.deleteGroup(id);
      log(`deleted old group ${g.arn}`);
    }
    done.push(id);
  }
  return done;
}

const CREATE_ATTEMPTS = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Creates the group at most once per attempt, and before each retry looks for it by its tags:
 * a create whose answer was lost (timeout, dropped connection, 5xx after the fact) may have
 * made the group anyway, and a second one must never be made.
 */
async function createGroup(gs: GroundStationPort, plan: Plan): Promise<GroupState> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await gs.getGroup(await gs.createGroup(plan.request));
    } catch (err) {
      if (!(err instanceof TransientError) || attempt >= CREATE_ATTEMPTS) throw err;
      const made = (await listOwnedGroups(gs, plan.mission, plan.instanceId)).find((g) => fits(g, plan));
      if (made) return made;
      await sleep(250 * 2 ** attempt);
    }
  }
}

export async function converge(o: ConvergeOptions): Promise<ConvergeResult> {
  const log = o.log ?? (() => {});
  const { plan, gs, root } = o;
  const state = await readState(root);
  const { keep, retire } = await locate(plan, gs, state);
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
    group = await createGroup(gs, plan);
    log(`created group ${group.arn}`);
    // Record the new group before anything else, so a crash from here on finds it by state.
    await writeState(root, stateFor(plan, group, retire, []));
  }
  const files = await compareFiles(root, renderHostFiles(plan, group.arn));
  await writeChangedFiles(files);
  await writeState(root, stateFor(plan, group, retire, files));
  const retired = await retireGroups(gs, plan, retire, log);
  await writeState(root, stateFor(plan, group, [], files));
  await writeOutputs(root, plan, group);
  return { action, group, retired, tagsChanged, files, dryRun: false };
}
