/** What the state file records after a step of apply: the group, its hash, what is being retired, the files written. */
import type { GroupState, Plan } from '../types.ts';
import { stateFileOf, type FileChange } from './file-changes.ts';
import type { HostState } from './state-file.ts';

/** What the state file remembers of the group itself while it is kept (see HostState). */
export type GroupNotes = Pick<HostState, 'confirmed' | 'replacedInvalidIp'>;

/**
 * `owned: false` marks a group the mission names (bring your own): destroy leaves it. Only the
 * tool's own group records the mission's profiles, as it always has (status checks their
 * wiring without the mission file).
 */
export function stateRecord(
  plan: Plan,
  group: Pick<GroupState, 'id' | 'arn'>,
  retiring: string[],
  files: FileChange[],
  owned = true,
  notes: GroupNotes = {},
): HostState {
  return {
    version: 1,
    mission: plan.mission,
    instanceId: plan.instanceId,
    region: plan.region,
    groupId: group.id,
    groupArn: group.arn,
    groupHash: plan.groupHash,
    ...(!owned && { owned: false }),
    retiring,
    files: files.map(stateFileOf),
    ...(owned &&
      plan.profiles && {
        profiles: plan.profiles.map((p) => ({ name: p.name, ...(p.missionProfile !== undefined && { missionProfile: p.missionProfile }) })),
      }),
    ...(owned && notes.confirmed && { confirmed: true }),
    ...(owned && notes.replacedInvalidIp !== undefined && { replacedInvalidIp: notes.replacedInvalidIp }),
  };
}
