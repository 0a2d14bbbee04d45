/**
 * The tool's own group as the group source of converge: found again by this host's state file
 * or by its instance tag (same mission, hash and endpoints → kept; every other group of this
 * host retired, whatever its mission: one host, one group), or created from the plan's request
 * and read back until it equals it. Without a state file naming a group, an empty or lagging
 * tagging index is confirmed by reading Ground Station itself before a create. Every step is
 * safe to repeat: a create whose answer was lost is looked for before it is retried, and the
 * new group is recorded in the state file before anything else.
 */
import { pauseWithin, type GroundStationPort } from '../aws/groundstation.ts';
import { uniqueById } from '../aws/paginate.ts';
import { InternalError, TransientError } from '../errors.ts';
import { TAG_HASH, TAG_MISSION } from '../ownership-tags.ts';
import { diffGroupAgainstPlan } from '../plan/group-fit.ts';
import type { RunDeadline } from '../run-deadline.ts';
import type { GroupState, Plan } from '../types.ts';
import { getGroupIfExists, listHostGroups, type Found } from './find-groups.ts';
import { replaceInvalidIp } from './ip-ownership.ts';
import { isOurs } from './ownership.ts';
import { writeState, type HostState } from './state-file.ts';
import { stateRecord, type GroupNotes } from './state-record.ts';

/** Placeholder ARN for a dry run that would create: the real one exists only after create. */
export function pendingArn(plan: Plan): string {
  return arnOf(plan, '00000000-0000-0000-0000-000000000000');
}

/** Group ARNs as Ground Station (only in the `aws` partition) forms them; replaced by the ARN read back. */
function arnOf(plan: Plan, id: string): string {
  return `arn:aws:groundstation:${plan.region}:${plan.accountId}:dataflow-endpoint-group/${id}`;
}

/**
 * Same mission, endpoints and durations; the hash and mission tags agree, or are not visible
 * yet on a group our state knows. A group of another mission (a renamed one) is never kept.
 */
function fits(g: GroupState, plan: Plan, known: Set<string>): boolean {
  const tagOk = (key: string, want: string) => g.tags[key] === want || (g.tags[key] === undefined && known.has(g.id));
  return tagOk(TAG_HASH, plan.groupHash) && tagOk(TAG_MISSION, plan.mission) && diffGroupAgainstPlan(g, plan).length === 0;
}

export interface Located {
  keep?: GroupState;
  retire: string[];
  /** A listing of this host's groups showed the kept group: recorded, so later runs keep it with one call instead of listing again. */
  confirmed: boolean;
  /** The kept group reports INVALID_IP_OWNERSHIP and is being replaced for it (ip-ownership.ts). */
  replacesInvalidIp?: string;
  /** The kept group reports INVALID_IP_OWNERSHIP but was itself made to replace one for that reason: kept, exit 6. */
  invalidIpAgain?: boolean;
}

/** The kept group is never retired: compared by id, asserted, whatever the listing said. */
function checked(l: Located): Located {
  const retire = [...new Set(l.retire)];
  if (l.keep && retire.includes(l.keep.id)) throw new InternalError(`group ${l.keep.id} is both kept and retired`);
  return { ...l, retire };
}

/** This host's groups: those listed, and those its state file knows that the listing did not show (yet). */
async function hostGroups(
  gs: GroundStationPort,
  instanceId: string,
  listed: GroupState[],
  known: Set<string>,
  read: Map<string, GroupState | undefined>,
) {
  const listedIds = new Set(listed.map((g) => g.id));
  const fromState: GroupState[] = [];
  for (const id of known) {
    if (listedIds.has(id)) continue;
    const g = read.has(id) ? read.get(id) : await getGroupIfExists(gs, id);
    if (g && isOurs(g, instanceId, known)) fromState.push(g);
  }
  return uniqueById([...listed, ...fromState]);
}

async function locate(
  plan: Plan,
  gs: GroundStationPort,
  own: HostState | undefined,
  known: Set<string>,
  warn: (w: string) => void,
): Promise<Located> {
  const recorded = own && own.owned !== false ? own.groupId : undefined;
  const read = new Map<string, GroupState | undefined>();
  if (recorded) {
    const g = await getGroupIfExists(gs, recorded);
    read.set(recorded, g);
    // The no-change path: one call, once a listing has confirmed the group.
    if (g && own!.confirmed === true && isOurs(g, plan.instanceId, known) && fits(g, plan, known))
      return checked({ keep: g, retire: [...known].filter((id) => id !== g.id), confirmed: true });
  }
  const judge = async (listing: Found) => {
    const owned = await hostGroups(gs, plan.instanceId, listing.groups, known, read);
    const matching = owned.filter((g) => fits(g, plan, known));
    const keep = matching.find((g) => g.id === recorded) ?? matching[0];
    return { owned, keep };
  };
  let listing = await listHostGroups(gs, plan.instanceId, { warn });
  let { owned, keep } = await judge(listing);
  // No state file naming a group: an empty or lagging tagging index is confirmed against Ground Station itself before anything is created.
  if (!keep && !recorded && !listing.direct) {
    listing = await listHostGroups(gs, plan.instanceId, { direct: true });
    ({ owned, keep } = await judge(listing));
  }
  const confirmed = keep !== undefined && listing.groups.some((g) => g.id === keep.id);
  return checked({ keep, retire: owned.filter((g) => g.id !== keep?.id).map((g) => g.id), confirmed });
}

/**
 * The group to keep (none: create one) and those to retire: every other group of this host,
 * whatever its mission. A kept group reporting INVALID_IP_OWNERSHIP is replaced once the
 * Elastic IP is verified on this host, unless it was itself made to replace one for that
 * reason (ip-ownership.ts).
 */
export async function locateOwnedGroup(
  plan: Plan,
  gs: GroundStationPort,
  own: HostState | undefined,
  known: Set<string>,
  o: { eipVerified: boolean; warn: (w: string) => void },
): Promise<Located> {
  const located = await locate(plan, gs, own, known, o.warn);
  const replacement = own?.replacedInvalidIp !== undefined && own.groupId === located.keep?.id;
  return replaceInvalidIp(located, { eipVerified: o.eipVerified, replacement });
}

const CREATE_ATTEMPTS = 3;
/** Reads of a new group until it equals the request: 0.25 + 0.5 + 1 + 2 + 4 s at most. */
const READ_BACK_DELAYS_MS = [250, 500, 1000, 2000, 4000];

/** What differs between a group read back and the request that made it (endpoints, durations, tags). */
function readBackDiff(g: GroupState | undefined, plan: Plan): string[] {
  if (!g) return ['the group is not visible yet'];
  const wanted = plan.request.tags ?? {};
  const tags = Object.keys({ ...wanted, ...g.tags }).filter((k) => !k.startsWith('aws:') && g.tags[k] !== wanted[k]);
  return [
    ...diffGroupAgainstPlan(g, plan),
    ...tags.map((k) => `tag ${k}: group has ${JSON.stringify(g.tags[k] ?? null)}, sent ${JSON.stringify(wanted[k] ?? null)}`),
  ];
}

/** The new group as read back once it equals the request; never a group that differs from the plan. */
async function readBack(gs: GroundStationPort, plan: Plan, id: string, deadline: RunDeadline | undefined): Promise<GroupState> {
  let diff: string[] = [];
  for (const delay of [0, ...READ_BACK_DELAYS_MS]) {
    if (delay) await pauseWithin(deadline, delay, 'GetDataflowEndpointGroup', 'reading the new group back');
    const g = await getGroupIfExists(gs, id);
    diff = readBackDiff(g, plan);
    if (diff.length === 0) return g!;
  }
  throw new TransientError(`group ${id} was created, but reading it back does not give what was sent: ${diff.slice(0, 3).join('; ')}`, [
    'the group is recorded in the state file; run apply again: it is kept once it reads back right, replaced otherwise',
  ]);
}

/**
 * Creates the group at most once per attempt, and before each retry looks for it by reading
 * Ground Station directly (the tagging index may not show it yet): a create whose answer was
 * lost (timeout, dropped connection, 5xx or no id after the fact) may have made the group
 * anyway, and a second one must never be made. Returns the new group's id.
 */
async function createGroup(
  gs: GroundStationPort,
  plan: Plan,
  known: Set<string>,
  deadline: RunDeadline | undefined,
  retiring: string[],
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await gs.createGroup(plan.request);
    } catch (err) {
      if (!(err instanceof TransientError) || attempt >= CREATE_ATTEMPTS) throw err;
      // A group being retired (one reporting INVALID_IP_OWNERSHIP fits the plan too) is not the one just made.
      const made = (await listHostGroups(gs, plan.instanceId, { direct: true })).groups.find(
        (g) => fits(g, plan, known) && !retiring.includes(g.id),
      );
      if (made) return made.id;
      await pauseWithin(deadline, 250 * 2 ** attempt, 'CreateDataflowEndpointGroupV2', 'before retrying');
    }
  }
}

/**
 * Creates the plan's group and reads it back. The new group is recorded (with the groups to
 * retire) before anything else, so a crash, or a read-back that never agrees, from here on
 * finds it by state, whatever the eventually consistent reads show; `known` learns it.
 */
export async function createOwnedGroup(
  gs: GroundStationPort,
  plan: Plan,
  root: string,
  known: Set<string>,
  retire: string[],
  deadline: RunDeadline | undefined,
  notes: GroupNotes,
): Promise<GroupState> {
  const id = await createGroup(gs, plan, known, deadline, retire);
  await writeState(root, stateRecord(plan, { id, arn: arnOf(plan, id) }, retire, [], true, notes));
  known.add(id);
  const group = await readBack(gs, plan, id, deadline);
  await writeState(root, stateRecord(plan, group, retire, [], true, notes));
  return group;
}
