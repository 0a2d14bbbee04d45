/**
 * The tool's own group as the group source of converge: found again by the state file or by
 * its tags (same hash and endpoints → kept, the others retired), or created from the plan's
 * request and read back until it equals it. Every step is safe to repeat: a create whose
 * answer was lost is looked for before it is retried, and the new group is recorded in the
 * state file before anything else.
 */
import { pauseWithin, type GroundStationPort } from '../aws/groundstation.ts';
import { uniqueById } from '../aws/paginate.ts';
import { InternalError, TransientError } from '../errors.ts';
import { TAG_HASH } from '../ownership-tags.ts';
import { diffGroupAgainstPlan } from '../plan/group-fit.ts';
import type { RunDeadline } from '../run-deadline.ts';
import type { GroupState, Plan } from '../types.ts';
import { getGroupIfExists, listOwnedGroups } from './find-groups.ts';
import { replaceInvalidIp } from './ip-ownership.ts';
import { isOurs } from './ownership.ts';
import { writeState, type HostState } from './state-file.ts';
import { stateRecord } from './state-record.ts';

/** Placeholder ARN for a dry run that would create: the real one exists only after create. */
export function pendingArn(plan: Plan): string {
  return arnOf(plan, '00000000-0000-0000-0000-000000000000');
}

/** Group ARNs as Ground Station (only in the `aws` partition) forms them; replaced by the ARN read back. */
function arnOf(plan: Plan, id: string): string {
  return `arn:aws:groundstation:${plan.region}:${plan.accountId}:dataflow-endpoint-group/${id}`;
}

/** Same endpoints and durations; the hash tag agrees, or is not visible yet on a group our state knows. */
function fits(g: GroupState, plan: Plan, known: Set<string>): boolean {
  const hash = g.tags[TAG_HASH];
  const hashOk = hash === plan.groupHash || (hash === undefined && known.has(g.id));
  return hashOk && diffGroupAgainstPlan(g, plan).length === 0;
}

export interface Located {
  keep?: GroupState;
  retire: string[];
}

/** The kept group is never retired: compared by id, asserted, whatever the listing said. */
function checked(l: Located): Located {
  const retire = [...new Set(l.retire)];
  if (l.keep && retire.includes(l.keep.id)) throw new InternalError(`group ${l.keep.id} is both kept and retired`);
  return { keep: l.keep, retire };
}

async function locate(
  plan: Plan,
  gs: GroundStationPort,
  state: HostState | undefined,
  known: Set<string>,
  warn: (w: string) => void,
): Promise<Located> {
  const recorded = known.size ? state!.groupId : undefined;
  if (recorded) {
    const g = await getGroupIfExists(gs, recorded);
    if (g && isOurs(g, plan, known) && fits(g, plan, known)) return checked({ keep: g, retire: [...known].filter((id) => id !== g.id) });
  }
  const tagged = await listOwnedGroups(gs, plan.mission, plan.instanceId, { warn });
  const taggedIds = new Set(tagged.map((g) => g.id));
  const fromState = [];
  for (const id of known) {
    if (taggedIds.has(id)) continue;
    const g = await getGroupIfExists(gs, id);
    if (g && isOurs(g, plan, known)) fromState.push(g);
  }
  const owned = uniqueById([...tagged, ...fromState]);
  const matching = owned.filter((g) => fits(g, plan, known));
  const keep = matching.find((g) => g.id === recorded) ?? matching[0];
  return checked({ keep, retire: owned.filter((g) => g.id !== keep?.id).map((g) => g.id) });
}

/**
 * The group to keep (none: create one) and those to retire. A kept group reporting
 * INVALID_IP_OWNERSHIP is replaced once the Elastic IP is verified on this host (ip-ownership.ts).
 */
export async function locateOwnedGroup(
  plan: Plan,
  gs: GroundStationPort,
  state: HostState | undefined,
  known: Set<string>,
  o: { eipVerified: boolean; warn: (w: string) => void },
): Promise<Located> {
  return replaceInvalidIp(await locate(plan, gs, state, known, o.warn), o);
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
      const made = (await listOwnedGroups(gs, plan.mission, plan.instanceId, { direct: true })).find(
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
): Promise<GroupState> {
  const id = await createGroup(gs, plan, known, deadline, retire);
  await writeState(root, stateRecord(plan, { id, arn: arnOf(plan, id) }, retire, []));
  known.add(id);
  const group = await readBack(gs, plan, id, deadline);
  await writeState(root, stateRecord(plan, group, retire, []));
  return group;
}
