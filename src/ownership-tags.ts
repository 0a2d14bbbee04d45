/** Tags the tool puts on every group it creates; they are how it finds its groups again. */
export const TAG_PREFIX = 'gs-agent-config:';
export const TAG_MISSION = 'gs-agent-config:mission';
export const TAG_INSTANCE = 'gs-agent-config:instance-id';
export const TAG_HASH = 'gs-agent-config:plan-hash';

/** An EC2 instance id as EC2 documents it (`i-` and 8 or 17 hex digits). */
export const INSTANCE_ID_PATTERN = /^i-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;

export function ownershipTags(mission: string, instanceId: string, hash: string): Record<string, string> {
  return { [TAG_MISSION]: mission, [TAG_INSTANCE]: instanceId, [TAG_HASH]: hash };
}

/** A group is this host's for this mission when both ownership tags say so. */
export function isOwnedBy(tags: Record<string, string>, mission: string, instanceId: string): boolean {
  return tags[TAG_MISSION] === mission && tags[TAG_INSTANCE] === instanceId;
}

/** One host, one group: a group the tool made for this instance, whatever its mission. */
export function isHostGroup(tags: Record<string, string>, instanceId: string): boolean {
  return tags[TAG_INSTANCE] === instanceId && Boolean(tags[TAG_MISSION]);
}

export function withoutOwnershipTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => !k.startsWith(TAG_PREFIX)));
}
