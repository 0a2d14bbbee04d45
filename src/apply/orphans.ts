/**
 * Groups this tool created for instances that no longer exist (a replaced or terminated host):
 * found by the tool's tags, checked against EC2 DescribeInstances.
 */
import type { GroundStationPort } from '../aws/groundstation.ts';
import { TAG_INSTANCE, TAG_MISSION } from '../ownership-tags.ts';
import { findGroups, type FindOptions } from './find-groups.ts';

export interface ToolGroup {
  id: string;
  arn: string;
  mission: string;
  instanceId: string;
}

export async function listToolGroups(gs: GroundStationPort, o: FindOptions = {}): Promise<ToolGroup[]> {
  const groups = await findGroups(gs, { [TAG_INSTANCE]: undefined }, (g) => Boolean(g.tags[TAG_INSTANCE] && g.tags[TAG_MISSION]), o);
  return groups.map((g) => ({ id: g.id, arn: g.arn, mission: g.tags[TAG_MISSION], instanceId: g.tags[TAG_INSTANCE] }));
}

export async function findOrphans(
  gs: GroundStationPort,
  liveInstances: (ids: string[]) => Promise<Set<string>>,
  o: FindOptions = {},
): Promise<ToolGroup[]> {
  const groups = await listToolGroups(gs, o);
  const live = await liveInstances([...new Set(groups.map((g) => g.instanceId))]);
  return groups.filter((g) => !live.has(g.instanceId));
}
