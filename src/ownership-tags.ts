/** Tags the tool puts on every group it creates; they are how it finds its groups again. */
export const TAG_PREFIX = 'gs-agent-config:';
export const TAG_MISSION = 'gs-agent-config:mission';
export const TAG_INSTANCE = 'gs-agent-config:instance-id';
export const TAG_HASH = 'gs-agent-config:plan-hash';

export function ownershipTags(mission: string, instanceId: string, hash: string): Record<string, string> {
  return { [TAG_MISSION]: mission, [TAG_INSTANCE]: instanceId, [TAG_HASH]: hash };
}

/** A group is this host's for this mission when both ownership tags say so. */
export function isOwnedBy(tags: Record<string, string>, mission: string, instanceId: string): boolean {
  return tags[TAG_MISSION] === mission && tags[TAG_INSTANCE] === instanceId;
}

export function withoutOwnershipTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => !k.startsWith(TAG_PREFIX)));
}
