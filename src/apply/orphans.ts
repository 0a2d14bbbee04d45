/**
 * Groups this tool created for instances that no longer exist (a replaced or terminated host):
 * found by the tool's tags, judged by EC2 DescribeInstances. An orphan needs POSITIVE evidence
 * that its instance is gone, in a complete answer (src/facts/ec2/ec2-instances.ts), and is never
 * a group of this host's own instance (IMDS); a group whose instance cannot be judged is
 * `unknown`: listed with the reason, never deleted.
 */
import type { GroundStationPort } from '../aws/groundstation.ts';
import type { InstanceVerdict } from '../facts/ec2/ec2-instances.ts';
import { TAG_INSTANCE, TAG_MISSION } from '../ownership-tags.ts';
import { findGroups, type FindOptions } from './find-groups.ts';

export interface ToolGroup {
  id: string;
  arn: string;
  mission: string;
  instanceId: string;
}

/** A tool group with what EC2 said of its instance. */
export interface JudgedGroup extends ToolGroup {
  evidence: string;
}

export interface OrphanSelection {
  /** Their instance is gone (EC2 said so): safe to delete. */
  orphans: JudgedGroup[];
  /** Their instance could not be judged: left alone. */
  unknown: JudgedGroup[];
}

export async function listToolGroups(gs: GroundStationPort, o: FindOptions = {}): Promise<ToolGroup[]> {
  const { groups } = await findGroups(gs, { [TAG_INSTANCE]: undefined }, (g) => Boolean(g.tags[TAG_INSTANCE] && g.tags[TAG_MISSION]), o);
  return groups.map((g) => ({ id: g.id, arn: g.arn, mission: g.tags[TAG_MISSION], instanceId: g.tags[TAG_INSTANCE] }));
}

/** The tool's groups of other instances, split by what EC2 positively says of each instance. */
export async function selectOrphans(
  gs: GroundStationPort,
  instanceStates: (ids: string[]) => Promise<Map<string, InstanceVerdict>>,
  ownInstanceId: string,
  o: FindOptions = {},
): Promise<OrphanSelection> {
  // This host's own groups are never orphans, whatever EC2 answers of it: it is not even asked.
  const groups = (await listToolGroups(gs, o)).filter((g) => g.instanceId !== ownInstanceId);
  const verdicts = await instanceStates([...new Set(groups.map((g) => g.instanceId))]);
  const selection: OrphanSelection = { orphans: [], unknown: [] };
  for (const g of groups) {
    const v: InstanceVerdict = verdicts.get(g.instanceId) ?? { state: 'unknown', evidence: 'EC2 was not asked' };
    if (v.state === 'gone') selection.orphans.push({ ...g, evidence: v.evidence });
    else if (v.state === 'unknown') selection.unknown.push({ ...g, evidence: v.evidence });
  }
  return selection;
}
