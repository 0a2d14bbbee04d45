/**
 * An existing group as the group source of converge: a mission that names a group
 * (`group: <ARN or id>`), owned by IaC. It is read, checked to fit this host and mission, and
 * the files are rendered from it as it is; the tool creates, tags and deletes nothing of it,
 * and records it as not owned (destroy leaves it). A group this host created earlier (for this
 * mission or another: one host, one group) is retired, as a replace would: two groups on the
 * same host's addresses would compete for the same contacts.
 */
import type { GroundStationPort } from '../aws/groundstation.ts';
import { ProblemsFoundError } from '../errors.ts';
import { diffGroupAgainstHost, planFromGroup } from '../plan/group-host-fit.ts';
import type { GroupState, HostFacts, Mission, Plan } from '../types.ts';
import { listHostGroups } from './find-groups.ts';
import { stateIds } from './ownership.ts';
import type { HostState } from './state-file.ts';

/** `arn:aws:groundstation:…:dataflow-endpoint-group/<id>` or `<id>` → `<id>`. */
export function groupIdOf(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/** The region of the group's ARN when the mission gives one, else `hostRegion`. */
export function regionOfGroupRef(ref: string, hostRegion: string): string {
  return ref.startsWith('arn:') ? ref.split(':')[3] : hostRegion;
}

function misfit(ref: string, problems: string[]): ProblemsFoundError {
  return new ProblemsFoundError(
    `the group ${ref} does not fit this host and mission (${problems.length} difference${problems.length > 1 ? 's' : ''}); nothing was written`,
    [
      ...problems,
      'change the group in its template (or the mission) until they agree; gs-agent-config never changes a group it does not own',
    ],
  );
}

/** This host's groups (its own state file first, then the instance tag, any mission), except the one in use. */
async function formerGroups(
  gs: GroundStationPort,
  plan: Plan,
  own: HostState | undefined,
  inUse: string,
  warn: (w: string) => void,
): Promise<string[]> {
  const recorded = [...stateIds(own)];
  const tagged = (await listHostGroups(gs, plan.instanceId, { warn })).groups.map((g) => g.id);
  return [...new Set([...recorded, ...tagged])].filter((id) => id !== inUse);
}

export interface ExistingGroup {
  group: GroupState;
  /** The plan rendered: the mission's, with every group value taken from the group. */
  plan: Plan;
  /** Groups this host had created (any mission), to delete once the files name the group. */
  retire: string[];
}

/** The named group, refused with every difference (exit 6) when it does not fit; `plan` is the mission's own plan on this host. */
export async function readExistingGroup(
  gs: GroundStationPort,
  ref: string,
  mission: Mission,
  facts: HostFacts,
  plan: Plan,
  own: HostState | undefined,
  warn: (w: string) => void,
): Promise<ExistingGroup> {
  const group = await gs.getGroup(groupIdOf(ref));
  const problems = diffGroupAgainstHost(group, mission, plan);
  if (ref.startsWith('arn:') && group.arn && group.arn !== ref)
    problems.unshift(`the service returned the group as ${group.arn}, not ${ref}`);
  if (problems.length) throw misfit(ref, problems);
  const rendered = planFromGroup(mission, facts, group);
  return { group, plan: rendered, retire: await formerGroups(gs, rendered, own, group.id, warn) };
}
