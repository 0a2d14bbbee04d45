/** Deletes the groups a run retires, each only after re-reading that it is still this host's. */
import type { GroundStationPort } from '../aws/groundstation.ts';
import { InternalError } from '../errors.ts';
import { getGroupIfExists } from './find-groups.ts';
import { isOurs } from './ownership.ts';

/** The ids dealt with (deleted, or gone already); a group that is no longer this instance's is left alone. */
export async function retireGroups(
  gs: GroundStationPort,
  instanceId: string,
  ids: string[],
  keepId: string,
  known: Set<string>,
): Promise<string[]> {
  const done: string[] = [];
  for (const id of ids) {
    if (id === keepId) throw new InternalError(`refusing to delete group ${id}: it is the group this host keeps`);
    // Re-check ownership right before deleting: never delete a group this host did not create.
    const g = await getGroupIfExists(gs, id);
    if (g && isOurs(g, instanceId, known)) await gs.deleteGroup(id);
    done.push(id);
  }
  return done;
}
