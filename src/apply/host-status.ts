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

export interface HostStatus {
  mission: string;
  groupId: string;
  groupArn: string;
  exists: boolean;
  endpoints: EndpointHealth[];
  files: FileDrift[];
  problems: string[];
  healthy: boolean;
  /** What a contact made the last apply defer (the state file's record), for the compliance report. */
  deferred?: NonNullable<HostState['deferred']>;
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

/** What the agent config says of the group: names it (`ok`), is `missing`, or names something else / is unreadable. */
async function agentConfigState(root: string, arn: string): Promise<'ok' | 'missing' | 'other'> {
  const text = await readIfExists(underRoot(root, AGENT_CONFIG_PATH));
  if (text === null) return 'missing';
  return soleGroupArn(parseAgentConfigText(text)) === arn ? 'ok' : 'other';
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
  if (endpoints.some((e) => e.healthReasons.includes(INVALID_IP))) problems.push(invalidIpAdvice(undefined));
  if (state.deferred)
    problems.push(
      `deferred by contact ${state.deferred.contactId} until ${state.deferred.until}: ${state.deferred.steps.join(', ')}; the agent config names ${state.deferred.activeGroupArn ?? 'the old group'}; run apply after that time`,
    );
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
    endpoints,
    files,
    problems,
    healthy: problems.length === 0,
    ...(state.deferred && { deferred: state.deferred }),
  };
}
