/**
 * status: the group this host manages, per endpoint agentStatus / auditResults /
 * healthStatus / healthReasons, plus drift of the files written (sha256 recorded in the state
 * file), and whether the agent config still names the group.
 */
import type { GroundStationPort } from '../aws/groundstation.ts';
import type { GroupState } from '../types.ts';
import { sha256 } from './file-changes.ts';
import { readIfExists } from './read-if-exists.ts';
import { parseAgentConfigText, soleGroupArn } from './agent-config-file.ts';
import { getGroupIfExists } from './find-groups.ts';
import { AGENT_CONFIG_PATH, underRoot } from '../host-paths.ts';
import type { HostState } from './state-file.ts';
import { INVALID_IP, invalidIpAdvice } from './ip-ownership.ts';
import { healthReasonProblems } from './health-advice.ts';

export interface EndpointHealth {
  name: string;
  direction: string;
  agentStatus: string | null;
  auditResults: string | null;
  healthStatus: string | null;
  healthReasons: string[];
  ready: boolean;
}

/** `unchanged` since the last apply (sha256 in the state file), `changed` by hand, or `missing`. */
export interface FileDrift {
  path: string;
  state: 'unchanged' | 'changed' | 'missing';
}

/** A switch a contact made apply defer: which group the agent serves now, which one is pending. */
export interface DeferredSwitch {
  /** The group the agent config on disk names (the one the agent runs with); null when it names none. */
  servingGroupArn: string | null;
  /** The group apply will switch to once the host is free. */
  pendingGroupArn: string;
  contactId: string | null;
  until: string | null;
  /** Set when the hold was for what could not be judged: why. */
  unjudged: string | null;
  steps: string[];
}

export interface HostStatus {
  mission: string;
  groupId: string;
  groupArn: string;
  exists: boolean;
  /** Set while a deferred switch waits for the next free run. */
  deferred: DeferredSwitch | null;
  endpoints: EndpointHealth[];
  files: FileDrift[];
  problems: string[];
  healthy: boolean;
}

/** The pre-contact check: agentStatus ACTIVE, auditResults HEALTHY, healthStatus HEALTHY. */
function endpointHealth(e: GroupState['endpoints'][number]): EndpointHealth {
  const ready = e.agentStatus === 'ACTIVE' && e.auditResults === 'HEALTHY' && e.healthStatus === 'HEALTHY';
  return {
    name: e.name,
    direction: e.direction,
    agentStatus: e.agentStatus ?? null,
    auditResults: e.auditResults ?? null,
    healthStatus: e.healthStatus ?? null,
    healthReasons: e.healthReasons ?? [],
    ready,
  };
}

async function fileDrift(root: string, state: HostState): Promise<FileDrift[]> {
  return Promise.all(
    state.files.map(async (f) => {
      const text = await readIfExists(underRoot(root, f.path));
      return { path: f.path, state: text === null ? 'missing' : sha256(text) === f.sha256 ? 'unchanged' : 'changed' };
    }),
  );
}

/** The agent config on disk: absent (`missing`), or the group it names (null: none, or not exactly one). */
async function servedGroup(root: string): Promise<{ missing: true } | { missing: false; arn: string | null }> {
  const text = await readIfExists(underRoot(root, AGENT_CONFIG_PATH));
  if (text === null) return { missing: true };
  return { missing: false, arn: soleGroupArn(parseAgentConfigText(text)) ?? null };
}

/** What the agent config says of the group: names it (`ok`), is `missing`, or names something else / is unreadable. */
async function agentConfigState(root: string, arn: string): Promise<'ok' | 'missing' | 'other'> {
  const served = await servedGroup(root);
  return served.missing ? 'missing' : served.arn === arn ? 'ok' : 'other';
}

async function deferredSwitch(root: string, state: HostState): Promise<DeferredSwitch | null> {
  const d = state.deferred;
  if (!d) return null;
  const served = await servedGroup(root);
  return {
    servingGroupArn: served.missing ? null : served.arn,
    pendingGroupArn: state.groupArn,
    contactId: d.contactId ?? null,
    until: d.until ?? null,
    unjudged: d.unjudged ?? null,
    steps: d.steps,
  };
}

/** `the agent serves A now; B is pending: deferred by contact X until T (…)`. */
function deferralProblem(d: DeferredSwitch): string {
  const by = d.unjudged ?? `by contact ${d.contactId ?? '?'}${d.until ? ` until ${d.until}` : ''}`;
  const serving = d.servingGroupArn ?? 'no group (the agent config names none)';
  const pending = d.servingGroupArn === d.pendingGroupArn ? 'nothing else is pending' : `${d.pendingGroupArn} is pending`;
  return `the agent serves ${serving} now; ${pending}: ${d.steps.join(', ')} deferred (${by}); run apply ${d.until ? 'after that time' : 'again later'}`;
}

export async function readHostStatus(gs: GroundStationPort, root: string, state: HostState): Promise<HostStatus> {
  const group = await getGroupIfExists(gs, state.groupId);
  const endpoints = group ? group.endpoints.map(endpointHealth) : [];
  const files = await fileDrift(root, state);
  const problems: string[] = [];
  if (!group) problems.push(`group ${state.groupId} no longer exists; run apply to create it again`);
  for (const e of endpoints.filter((x) => !x.ready)) {
    const reasons = e.healthReasons.length ? ` (${e.healthReasons.join(', ')})` : '';
    problems.push(
      `endpoint ${e.name}: agent ${e.agentStatus ?? 'not registered'}, audit ${e.auditResults ?? '-'}, health ${e.healthStatus ?? '-'}${reasons}`,
    );
  }
  // A group made to replace one for INVALID_IP_OWNERSHIP is not replaced again for it: what to check instead.
  if (endpoints.some((e) => e.healthReasons.includes(INVALID_IP)))
    problems.push(invalidIpAdvice(undefined, state.replacedInvalidIp !== undefined));
  // Every other reason with AWS's documented remedy (or that there is none), once per reason.
  problems.push(...healthReasonProblems(endpoints.flatMap((e) => e.healthReasons)));
  const deferred = await deferredSwitch(root, state);
  if (deferred) problems.push(deferralProblem(deferred));
  for (const f of files.filter((x) => x.state !== 'unchanged'))
    problems.push(`${f.path} is ${f.state} since the last apply; run apply to restore it`);
  // While a switch is deferred the agent config names the contact's group, by design.
  const config = group && !state.deferred ? await agentConfigState(root, group.arn) : 'ok';
  // A recorded agent config that is gone is already reported as missing, once.
  const recordedMissing = files.some((f) => f.path === AGENT_CONFIG_PATH && f.state === 'missing');
  if (config === 'missing' && !recordedMissing)
    problems.push(`${AGENT_CONFIG_PATH} is missing: the agent has no config; run apply to write it`);
  if (config === 'other') problems.push(`${AGENT_CONFIG_PATH} does not name ${group!.arn} as its only capability`);
  return {
    mission: state.mission,
    groupId: state.groupId,
    groupArn: state.groupArn,
    exists: Boolean(group),
    deferred,
    endpoints,
    files,
    problems,
    healthy: problems.length === 0,
  };
}
