/**
 * Groups this tool created for instances that no longer exist (a replaced or terminated host):
 * found by the tool's tags, checked against EC2 DescribeInstances.
 */
import type { GroundStationPort } from '../aws/groundstation.ts';
import { TAG_INSTANCE, TAG_MISSION } from '../plan/ownership-tags.ts';
import { isNotFound } from './find-groups.ts';

export interface ToolGroup { id: string; arn: string; mission: string; instanceId: string }

export async function listToolGroups(gs: GroundStationPort): Promise<ToolGroup[]> {
  const out: ToolGroup[] = [];
  for (const g of await gs.listGroups()) {
    let tags: Record<string, string>;
    try {
      tags = await gs.listTags(g.arn);
    } catch (err) {
      if (isNotFound(err)) continue;
      throw err;
    }
    if (tags[TAG_INSTANCE] && tags[TAG_MISSION]) out.push({ ...g, mission: tags[TAG_MISSION], instanceId: tags[TAG_INSTANCE] });
  }
  return out;
}

export async function findOrphans(gs: GroundStationPort, liveInstances: (ids: string[]) => Promise<Set<string>>): Promise<ToolGroup[]> {
  const groups = await listToolGroups(gs);
  const live = await liveInstances([...new Set(groups.map((g) => g.instanceId))]);
  return groups.filter((g) => !live.has(g.instanceId));
}
