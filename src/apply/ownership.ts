/**
 * Which groups are this host's for a mission: those its own state file records (made by it,
 * whatever their tags say yet) and those tagged as its own. Pure.
 */
import type { GroupState, Plan } from '../types.ts';
import { isOwnedBy, TAG_INSTANCE, TAG_MISSION } from '../ownership-tags.ts';
import type { HostState } from './state-file.ts';

/** Groups this host knows from its own state file: made by it, whatever their tags say yet. */
export function stateIds(plan: Plan, state: HostState | undefined): Set<string> {
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
export function isOurs(g: GroupState, plan: Plan, known: Set<string>): boolean {
  return isOwnedBy(g.tags, plan.mission, plan.instanceId) || (known.has(g.id) && !claimedByOther(g, plan));
}
