/**
 * Which state and groups are this host's, for status and destroy: the state file's; when it is
 * gone (re-imaged root volume) or records another mission, the mission's groups found again by
 * their ownership tags for this instance (IMDS).
 */
import type { GroundStationPort } from '../aws/groundstation.ts';
import { UsageError } from '../errors.ts';
import type { HostIdentity } from '../facts/imds/host-identity.ts';
import { STATE_PATH, underRoot } from '../host-paths.ts';
import { TAG_HASH } from '../ownership-tags.ts';
import { listOwnedGroups } from './find-groups.ts';
import { readState, type HostState } from './state-file.ts';

export interface LocatePorts {
  groundStation: (region: string) => GroundStationPort;
  /** The instance id and region from IMDS (AWS_REGION first). */
  hostIdentity: () => Promise<HostIdentity>;
}

export interface Located {
  states: HostState[];
  gs: GroundStationPort;
  region: string;
  instanceId?: string;
}

/** `regionOverride` (AWS_REGION) wins over the region the state file records. */
export async function locateStates(
  root: string,
  missionName: string | undefined,
  ports: LocatePorts,
  regionOverride?: string,
): Promise<Located> {
  const state = await readState(root);
  if (state && (!missionName || state.mission === missionName)) {
    const region = regionOverride || state.region;
    return { states: [state], gs: ports.groundStation(region), region, instanceId: state.instanceId };
  }
  if (!missionName) {
    throw new UsageError(`no state file at ${underRoot(root, STATE_PATH)}: nothing has been applied on this host (or under this --root)`, [
      'pass the mission file to find its group by tags, or run apply first',
    ]);
  }
  const { instanceId, region } = await ports.hostIdentity();
  const gs = ports.groundStation(region);
  const groups = await listOwnedGroups(gs, missionName, instanceId);
  const states = groups.map((g): HostState => ({
    version: 1,
    mission: missionName,
    instanceId,
    region,
    groupId: g.id,
    groupArn: g.arn,
    groupHash: g.tags[TAG_HASH] ?? '',
    owned: true,
    retiring: [],
    files: [],
  }));
  return { states, gs, region, instanceId };
}
