/**
 * Which groups are this host's: one host, one group, whatever the mission's name. A group is
 * this host's when its tags name this instance (IMDS), or when this host's own state file
 * recorded it (made by it, its tags not visible yet) and its tags name no other instance. The
 * mission decides only which of them is kept (owned-group.ts), never whether one is ours. Pure.
 */
import type { GroupState } from '../types.ts';
import { isHostGroup, TAG_INSTANCE } from '../ownership-tags.ts';
import type { HostState } from './state-file.ts';

/** Groups this host knows from its own state file (read with readOwnState): made by it, whatever their tags say yet. */
export function stateIds(own: HostState | undefined): Set<string> {
  if (!own) return new Set();
  return new Set([...(own.owned === false ? [] : [own.groupId]), ...own.retiring]);
}

/**
 * Ours: its tags say this instance, or our state file recorded it and its tags (not yet visible
 * after a create: the reads are eventually consistent) do not name another instance.
 */
export function isOurs(g: GroupState, instanceId: string, known: Set<string>): boolean {
  const tagged = g.tags[TAG_INSTANCE];
  return isHostGroup(g.tags, instanceId) || (known.has(g.id) && (tagged === undefined || tagged === instanceId));
}
