/** Tag-only changes are applied in place: the group itself is immutable, its tags are not. */
import type { GroundStationPort } from '../aws/groundstation.ts';
import type { GroupState } from '../types.ts';

/** Returns the keys it added, changed or removed. */
export async function reconcileTags(gs: GroundStationPort, group: GroupState, wanted: Record<string, string>): Promise<string[]> {
  const toSet = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => group.tags[k] !== v));
  const toRemove = Object.keys(group.tags).filter((k) => !(k in wanted) && !k.startsWith('aws:'));
  if (Object.keys(toSet).length) await gs.tagResource(group.arn, toSet);
  if (toRemove.length) await gs.untagResource(group.arn, toRemove);
  return [...Object.keys(toSet), ...toRemove].sort();
}
