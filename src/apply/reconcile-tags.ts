/** Tag-only changes are applied in place: the group itself is immutable, its tags are not. */
import type { GroundStationPort } from '../aws/groundstation.ts';
import type { GroupState } from '../types.ts';

export interface TagDiff {
  /** Keys to add or change, with their wanted values. */
  set: Record<string, string>;
  /** Keys to remove (never the `aws:` ones, which AWS owns). */
  remove: string[];
  /** Every key added, changed or removed, sorted: what plan shows and apply reports. */
  keys: string[];
  /** The same keys with their values before and after (null: absent), as plan shows them. */
  changes: TagChange[];
}

/** One tag added (`from` null), changed, or removed (`to` null). */
export interface TagChange {
  key: string;
  from: string | null;
  to: string | null;
}

/** Pure: what reconcileTags would do, so plan and apply --dry-run can show it. */
export function diffTags(current: Record<string, string>, wanted: Record<string, string>): TagDiff {
  const set = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => current[k] !== v));
  const remove = Object.keys(current).filter((k) => !(k in wanted) && !k.startsWith('aws:'));
  const keys = [...Object.keys(set), ...remove].sort();
  const changes = keys.map((key) => ({ key, from: current[key] ?? null, to: key in set ? set[key] : null }));
  return { set, remove, keys, changes };
}

/** Returns the keys it added, changed or removed. */
export async function reconcileTags(gs: GroundStationPort, group: GroupState, wanted: Record<string, string>): Promise<string[]> {
  const { set, remove, keys } = diffTags(group.tags, wanted);
  if (Object.keys(set).length) await gs.tagResource(group.arn, set);
  if (remove.length) await gs.untagResource(group.arn, remove);
  return keys;
}
