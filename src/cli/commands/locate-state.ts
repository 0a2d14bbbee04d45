/**
 * status and destroy work from the state file; when it is gone (re-imaged root volume), the
 * mission file plus IMDS find the group again by its ownership tags.
 */
import type { Runtime } from '../runtime.ts';
import type { GroundStationPort } from '../../aws/groundstation.ts';
import { listOwnedGroups } from '../../apply/find-groups.ts';
import { STATE_PATH, underRoot } from '../../host-paths.ts';
import { readState, type HostState } from '../../apply/state-file.ts';
import { UsageError } from '../../errors.ts';
import { readMission } from '../../mission/read-mission.ts';
import { TAG_HASH } from '../../ownership-tags.ts';
import { readHostIdentity } from '../host-identity.ts';
import type { GlobalArgs } from '../io.ts';
import { groundStationFor } from '../ports.ts';

export interface Located { states: HostState[]; gs: GroundStationPort; region: string; instanceId?: string }

export async function locateStates(args: GlobalArgs & { mission?: string }, rt: Runtime): Promise<Located> {
  const { io } = rt;
  const state = await readState(args.root);
  const missionName = args.mission ? (await readMission(args.mission)).name : undefined;
  if (state && (!missionName || state.mission === missionName)) {
    const region = io.env.AWS_REGION || state.region;
    return { states: [state], gs: groundStationFor(region, rt), region, instanceId: state.instanceId };
  }
  if (!missionName) {
    throw new UsageError(`no state file at ${underRoot(args.root, STATE_PATH)}: nothing has been applied on this host (or under this --root)`, [
      'pass the mission file to find its group by tags, or run apply first',
    ]);
  }
  const { instanceId, region } = await readHostIdentity(rt);
  const gs = groundStationFor(region, rt);
  const groups = await listOwnedGroups(gs, missionName, instanceId);
  const states = groups.map((g): HostState => ({
    version: 1, mission: missionName, instanceId, region, groupId: g.id, groupArn: g.arn,
    groupHash: g.tags[TAG_HASH] ?? '', owned: true, retiring: [], files: [],
  }));
  return { states, gs, region, instanceId };
}
