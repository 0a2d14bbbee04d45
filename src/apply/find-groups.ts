/**
 * Finds the groups this host owns (one host, one group: by the instance tag, whatever the
 * mission): by the state file first (one call), else by their tags through the Resource Groups
 * Tagging API (a page or two), else, when the role may not call it or the index must be
 * confirmed, by a bounded-concurrency scan of every group. Ownership is always read from
 * GetDataflowEndpointGroup's own tags, and every list is unique by id.
 */
import type { GroundStationPort } from '../aws/groundstation.ts';
import { isAccessDenied, isNotFound } from '../aws/map-aws-error.ts';
import { uniqueById } from '../aws/paginate.ts';
import { groupIdOfArn } from '../aws/parse-group.ts';
import type { GroupState } from '../types.ts';
import { isHostGroup, TAG_INSTANCE } from '../ownership-tags.ts';

/** The group, or undefined when it no longer exists. */
export async function getGroupIfExists(gs: GroundStationPort, id: string): Promise<GroupState | undefined> {
  try {
    return await gs.getGroup(id);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** The group when it exists and its own tags say it is this instance's (re-read right before a delete). */
export async function getHostGroup(gs: GroundStationPort, id: string, instanceId: string): Promise<GroupState | undefined> {
  const group = await getGroupIfExists(gs, id);
  return group && isHostGroup(group.tags, instanceId) ? group : undefined;
}

/** At most this many GetDataflowEndpointGroup calls in flight during a scan. */
const SCAN_CONCURRENCY = 8;

/** Reads each id (bounded concurrency), keeping the groups that still exist and pass `keep`. */
async function readGroups(gs: GroundStationPort, ids: string[], keep: (g: GroupState) => boolean): Promise<GroupState[]> {
  const out: Array<GroupState | undefined> = new Array<GroupState | undefined>(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      const g = await getGroupIfExists(gs, ids[i]);
      out[i] = g && keep(g) ? g : undefined;
    }
  };
  await Promise.all(Array.from({ length: Math.min(SCAN_CONCURRENCY, ids.length) }, worker));
  return out.filter((g): g is GroupState => g !== undefined);
}

export interface FindOptions {
  /** Read Ground Station itself (no tagging index): for a group that may have been made a moment ago, or to confirm an empty index. */
  direct?: boolean;
  /** Told when the tagging API is refused and the scan is used instead (a run asks it once: the warning is the run's). */
  warn?: (warning: string) => void;
}

/** Group ids carrying these tags, from the tagging index; undefined when it cannot be asked. */
async function idsByTags(gs: GroundStationPort, tags: Record<string, string | undefined>, o: FindOptions): Promise<string[] | undefined> {
  if (!gs.tagging || o.direct) return undefined;
  try {
    const arns = await gs.tagging.findGroupArns(tags);
    return [...new Set(arns.map(groupIdOfArn).filter((id): id is string => id !== undefined))];
  } catch (err) {
    if (!isAccessDenied(err)) throw err;
    o.warn?.(
      `tag:GetResources was refused (${err.code}); finding groups by reading every group of the account instead (allow tag:GetResources to make this fast)`,
    );
    return undefined;
  }
}

export interface Found {
  groups: GroupState[];
  /** Read from Ground Station itself (every group of the account), not from the eventually consistent tagging index. */
  direct: boolean;
}

/** Groups of the account whose own tags pass `keep`: by tags when possible, else by a scan. */
export async function findGroups(
  gs: GroundStationPort,
  tags: Record<string, string | undefined>,
  keep: (g: GroupState) => boolean,
  o: FindOptions = {},
): Promise<Found> {
  const tagged = await idsByTags(gs, tags, o);
  const ids = tagged ?? (await gs.listGroups()).map((g) => g.id);
  return { groups: uniqueById(await readGroups(gs, [...new Set(ids)], keep)), direct: tagged === undefined };
}

/** Every group tagged as this instance's (any mission: one host, one group), read in full, each once. */
export function listHostGroups(gs: GroundStationPort, instanceId: string, o: FindOptions = {}): Promise<Found> {
  return findGroups(gs, { [TAG_INSTANCE]: instanceId }, (g) => isHostGroup(g.tags, instanceId), o);
}
