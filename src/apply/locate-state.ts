/**
 * Which state and groups are this host's, for status and destroy. The host is the instance IMDS
 * names, never the one a state file names: a state file of another instance (an image baked on
 * host A, booted as B) is a stranger's, reported and ignored. This host's own state file names
 * its applied mission; when it is gone (re-imaged root volume), or is a stranger's, this host's
 * groups are found again by their instance tag (one host, one group: any mission).
 */
import type { GroundStationPort } from '../aws/groundstation.ts';
import { UsageError } from '../errors.ts';
import type { HostIdentity } from '../facts/imds/host-identity.ts';
import { STATE_PATH, underRoot } from '../host-paths.ts';
import { TAG_HASH, TAG_MISSION } from '../ownership-tags.ts';
import type { GroupState } from '../types.ts';
import { listHostGroups } from './find-groups.ts';
import { readState, type HostState } from './state-file.ts';

export interface LocatePorts {
  groundStation: (region: string) => GroundStationPort;
  /** The instance id and region from IMDS (AWS_REGION first). */
  hostIdentity: () => Promise<HostIdentity>;
}

export interface Located {
  /** This host's states for the mission asked (all of its groups when none was asked). */
  states: HostState[];
  gs: GroundStationPort;
  region: string;
  /** This host (IMDS). */
  instanceId: string;
  /** The state file names another instance: ignored, and said. */
  stranger?: HostState;
  /** The mission applied on this host when it is not the one asked: nothing of it is this run's. */
  appliedMission?: string;
}

/** A state as status and destroy need it, for a group found by its tags (no files recorded). */
function stateOfGroup(g: GroupState, instanceId: string, region: string): HostState {
  return {
    version: 1,
    mission: g.tags[TAG_MISSION],
    instanceId,
    region,
    groupId: g.id,
    groupArn: g.arn,
    groupHash: g.tags[TAG_HASH] ?? '',
    owned: true,
    retiring: [],
    files: [],
  };
}

/** `regionOverride` (AWS_REGION) wins over the region this host's state file records. */
export async function locateStates(
  root: string,
  missionName: string | undefined,
  ports: LocatePorts,
  regionOverride?: string,
): Promise<Located> {
  const file = await readState(root);
  if (!file && !missionName) {
    throw new UsageError(`no state file at ${underRoot(root, STATE_PATH)}: nothing has been applied on this host (or under this --root)`, [
      'pass the mission file to find its group by tags, or run apply first',
    ]);
  }
  const { instanceId, region: hostRegion } = await ports.hostIdentity();
  const own = file?.instanceId === instanceId ? file : undefined;
  const stranger = file && !own ? file : undefined;
  if (own) {
    const region = regionOverride || own.region;
    const gs = ports.groundStation(region);
    // One host, one group: a mission other than the applied one has nothing on this host.
    if (missionName && own.mission !== missionName) return { states: [], gs, region, instanceId, appliedMission: own.mission };
    return { states: [own], gs, region, instanceId };
  }
  const gs = ports.groundStation(hostRegion);
  const groups = (await listHostGroups(gs, instanceId)).groups;
  const asked = missionName ? groups.filter((g) => g.tags[TAG_MISSION] === missionName) : groups;
  const other = asked.length === 0 ? groups.find((g) => g.tags[TAG_MISSION] !== missionName) : undefined;
  return {
    states: asked.map((g) => stateOfGroup(g, instanceId, hostRegion)),
    gs,
    region: hostRegion,
    instanceId,
    ...(stranger && { stranger }),
    ...(other && { appliedMission: other.tags[TAG_MISSION] }),
  };
}
