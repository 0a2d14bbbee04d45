/**
 * apply for a mission that names an existing group (`group: <ARN or id>`), owned by IaC: read
 * it, check that it fits this host, render the files from it as it is. The tool creates,
 * tags and deletes nothing of that group, and records it as not owned (destroy leaves it).
 * A group this host created earlier for the mission is retired, as a replace would: two groups
 * with the same endpoint names would compete for the same contacts.
 */
import type { GroundStationPort } from '../aws/groundstation.ts';
import type { GroupState, HostFacts, Mission, Plan } from '../types.ts';
import { ProblemsFoundError } from '../errors.ts';
import { diffGroupAgainstHost, planFromGroup } from '../plan/group-host-fit.ts';
import { renderHostFiles } from '../render/render-files.ts';
import { compareFiles, stateFileOf, writeChangedFiles, type FileChange } from './file-changes.ts';
import { getOwnedGroup, listOwnedGroups } from './find-groups.ts';
import { writeOutputs } from './outputs-file.ts';
import { readState, writeState, type HostState } from './state-file.ts';

export interface UseGroupOptions {
  mission: Mission;
  facts: HostFacts;
  /** The mission's own plan on this host: the host side (Elastic IP, account) the group must match. */
  plan: Plan;
  gs: GroundStationPort;
  root: string;
  dryRun: boolean;
  log?: (msg: string) => void;
}

export interface UseGroupResult {
  group: GroupState;
  /** The plan rendered: the mission's, with every group value taken from the group. */
  plan: Plan;
  files: FileChange[];
  /** Groups this host had created for the mission, deleted (or, in a dry run, to delete). */
  retired: string[];
  dryRun: boolean;
}

/** `arn:aws:groundstation:…:dataflow-endpoint-group/<id>` or `<id>` → `<id>`. */
export function groupIdOf(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

function misfit(ref: string, problems: string[]): ProblemsFoundError {
  return new ProblemsFoundError(`the group ${ref} does not fit this host and mission (${problems.length} difference${problems.length > 1 ? 's' : ''}); nothing was written`, [
    ...problems,
    'change the group in its template (or the mission) until they agree; gs-agent-config never changes a group it does not own',
  ]);
}

/** Groups tagged as this host's for the mission (state file first, then tags), except the one in use. */
async function formerGroups(gs: GroundStationPort, plan: Plan, state: HostState | undefined, inUse: string): Promise<string[]> {
  const mine = state && state.mission === plan.mission && state.instanceId === plan.instanceId ? state : undefined;
  const recorded = mine ? [...(mine.owned === false ? [] : [mine.groupId]), ...mine.retiring] : [];
  const tagged = (await listOwnedGroups(gs, plan.mission, plan.instanceId)).map((g) => g.id);
  return [...new Set([...recorded, ...tagged])].filter((id) => id !== inUse);
}

function stateFor(plan: Plan, group: GroupState, retiring: string[], files: FileChange[]): HostState {
  return {
    version: 1, mission: plan.mission, instanceId: plan.instanceId, region: plan.region, groupId: group.id,
    groupArn: group.arn, groupHash: plan.groupHash, owned: false, retiring, files: files.map(stateFileOf),
  };
}

export async function useExistingGroup(o: UseGroupOptions): Promise<UseGroupResult> {
  const log = o.log ?? (() => {});
  const ref = o.mission.group!;
  const group = await o.gs.getGroup(groupIdOf(ref));
  const problems = diffGroupAgainstHost(group, o.mission, o.plan);
  if (ref.startsWith('arn:') && group.arn && group.arn !== ref) problems.unshift(`the service returned the group as ${group.arn}, not ${ref}`);
  if (problems.length) throw misfit(ref, problems);
  const plan = planFromGroup(o.mission, o.facts, group);
  const files = await compareFiles(o.root, renderHostFiles(plan, group.arn));
  const former = await formerGroups(o.gs, plan, await readState(o.root), group.id);
  if (o.dryRun) return { group, plan, files, retired: former, dryRun: true };
  await writeChangedFiles(files);
  // Recorded before deleting, so a crash in between retires them on the next run.
  await writeState(o.root, stateFor(plan, group, former, files));
  const retired: string[] = [];
  for (const id of former) {
    // Re-check ownership right before deleting: never delete a group this host did not create.
    const old = await getOwnedGroup(o.gs, id, plan.mission, plan.instanceId);
    if (old) {
      await o.gs.deleteGroup(id);
      log(`deleted group ${old.arn}, which this host had created for the mission`);
      retired.push(id);
    }
  }
  await writeState(o.root, stateFor(plan, group, [], files));
  await writeOutputs(o.root, plan, group);
  return { group, plan, files, retired, dryRun: false };
}
