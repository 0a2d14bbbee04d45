/**
 * Finds the groups this host owns for a mission: by the state file first (one call), else by
 * listing every group and reading its ownership tags (survives a lost state file).
 */
import type { GroundStationPort } from '../aws/groundstation.ts';
import type { GroupState } from '../types.ts';
import { AwsCallError } from '../errors.ts';
import { isOwnedBy } from '../plan/ownership-tags.ts';

export function isNotFound(err: unknown): boolean {
  return err instanceof AwsCallError && err.code === 'ResourceNotFoundException';
}

/** The group, or undefined when it no longer exists. */
export async function getGroupIfExists(gs: GroundStationPort, id: string): Promise<GroupState | undefined> {
  try {
    return await gs.getGroup(id);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function getOwnedGroup(gs: GroundStationPort, id: string, mission: string, instanceId: string): Promise<GroupState | undefined> {
  const group = await getGroupIfExists(gs, id);
  return group && isOwnedBy(group.tags, mission, instanceId) ? group : undefined;
}

/** Every group tagged as this host's for this mission, read in full. */
export async function listOwnedGroups(gs: GroundStationPort, mission: string, instanceId: string): Promise<GroupState[]> {
  const all = await gs.listGroups();
  const owned: GroupState[] = [];
  for (const g of all) {
    let tags: Record<string, string>;
    try {
      tags = await gs.listTags(g.arn);
    } catch (err) {
      if (isNotFound(err)) continue; // deleted while we listed
      throw err;
    }
    if (!isOwnedBy(tags, mission, instanceId)) continue;
    const group = await getGroupIfExists(gs, g.id);
    if (group) owned.push(group);
  }
  return owned;
}
