/**
 * destroy: delete the groups this host owns for the mission (re-checking right before each
 * delete that its tags name this instance), then remove the files the tool wrote and its state.
 * A bring-your-own group (owned: false) is left alone; only the files go.
 */
import { rm } from 'node:fs/promises';
import type { GroundStationPort } from '../aws/groundstation.ts';
import { getHostGroup } from './find-groups.ts';
import { AGENT_CONFIG_PATH, OUTPUTS_PATH, STATE_PATH, SYSCTL_PATH, TUNING_UNIT_PATH, underRoot } from '../host-paths.ts';
import type { HostState } from './state-file.ts';
import { namesAnyOf, parseAgentConfigText } from './agent-config-file.ts';
import { readIfExists } from './read-if-exists.ts';

export interface DestroyResult {
  deletedGroups: string[];
  keptGroups: string[];
  removedFiles: string[];
  /** The mission applied on this host when destroy was asked for another: nothing was touched. */
  appliedMission?: string;
}

/** Without a recorded file list, the agent config is removed only if it names a deleted group. */
async function filesToRemove(root: string, states: HostState[], deletedArns: string[]): Promise<string[]> {
  const recorded = states.flatMap((s) => s.files.map((f) => f.path));
  if (recorded.length) return [...new Set(recorded)];
  const paths = [SYSCTL_PATH, TUNING_UNIT_PATH];
  // Absent or unreadable: not ours to judge.
  const text = await readIfExists(underRoot(root, AGENT_CONFIG_PATH)).catch(() => null);
  if (text !== null && namesAnyOf(parseAgentConfigText(text), deletedArns)) paths.unshift(AGENT_CONFIG_PATH);
  return paths;
}

export async function destroyHost(
  gs: GroundStationPort,
  root: string,
  states: HostState[],
  log: (m: string) => void = () => {},
): Promise<DestroyResult> {
  const deleted: string[] = [];
  const kept: string[] = [];
  const deletedArns: string[] = [];
  for (const s of states) {
    if (s.owned === false) {
      kept.push(s.groupId);
      continue;
    }
    for (const id of [s.groupId, ...s.retiring]) {
      const g = await getHostGroup(gs, id, s.instanceId);
      if (!g) continue; // gone already, or not ours: never delete what we did not create
      await gs.deleteGroup(id);
      log(`deleted group ${g.arn}`);
      deleted.push(id);
      deletedArns.push(g.arn);
    }
  }
  const removed: string[] = [];
  for (const p of [...(await filesToRemove(root, states, deletedArns)), OUTPUTS_PATH, STATE_PATH]) {
    await rm(underRoot(root, p), { force: true });
    removed.push(p);
  }
  return { deletedGroups: deleted, keptGroups: kept, removedFiles: removed };
}
