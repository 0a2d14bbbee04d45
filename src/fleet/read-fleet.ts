/**
 * The fleet use-case (`fleet`): every host this tool manages in a region, from any machine with
 * credentials (no IMDS). Calls are a constant number of list pages plus one
 * GetDataflowEndpointGroup per group (bounded concurrency, find-groups.ts): the groups by the
 * tool's tags (tagging API, else a bounded scan), their instances in batched DescribeInstances,
 * every `Custom:GsAgentConfig` compliance summary in one listing, and one ListContacts window for
 * the account, matched to hosts by agent address as the contact guard does. Never a call per host
 * per service. Prints nothing: --wait shows on the `tell` callback, the CLI formats the outcome.
 */
import type { ContactDetail, ContactsPort, ContactSummary } from '../aws/contacts.ts';
import type { GroundStationPort } from '../aws/groundstation.ts';
import type { AgentReport, ComplianceSummary, SsmPort } from '../aws/ssm.ts';
import { supportOf } from '../agent-releases.ts';
import { findGroups } from '../apply/find-groups.ts';
import { INVALID_IP, invalidIpAdvice } from '../apply/ip-ownership.ts';
import { hostAddresses } from '../contacts/hold-check.ts';
import { holdsAt, LIVE_STATUSES, usesHost } from '../contacts/hold.ts';
import type { Ec2FactsOptions } from '../facts/ec2/ec2.ts';
import { readInstanceStates, type InstanceVerdict } from '../facts/ec2/ec2-instances.ts';
import { TAG_HASH, TAG_INSTANCE, TAG_MISSION } from '../ownership-tags.ts';
import { monotonicNow } from '../run-deadline.ts';
import type { RunContext } from '../run-context.ts';
import type { GroupState } from '../types.ts';

export interface FleetPorts {
  groundStation: GroundStationPort;
  ec2: Ec2FactsOptions;
  contacts: ContactsPort;
  ssm: SsmPort;
}

export interface FleetOptions {
  /** --mission: only this mission's hosts. */
  mission?: string;
  /** --wait: poll up to this many seconds until every host is converged and healthy. */
  waitSeconds: number;
  pollSeconds: number;
}

export interface FleetEndpoint {
  name: string;
  agentStatus: string | null;
  healthStatus: string | null;
  healthReasons: string[];
  ready: boolean;
}

export interface FleetHost {
  instanceId: string;
  /** EC2's state name; `gone` when DescribeInstances no longer lists the instance. */
  instanceState: string;
  mission: string;
  /** The host's group; during a replace (or a deferred one) the others are in `otherGroups`. */
  groupId: string;
  planHash: string | null;
  otherGroups: Array<{ id: string; planHash: string | null }>;
  /** The endpoints of every group of the host. */
  endpoints: FleetEndpoint[];
  /** The last `Custom:GsAgentConfig` report, null when the host never reported. */
  compliance: { time: string; status: 'COMPLIANT' | 'NON_COMPLIANT'; deferred: boolean } | null;
  /** The next (or current) contact using this host's agent addresses. */
  nextContact: { contactId: string; start: string; end: string; status: string; holdsNow: boolean } | null;
  orphan: boolean;
  /** The agent's version (from the host's last compliance report) judged by the release table on the run's day. */
  agent: FleetAgent;
  converged: boolean;
  healthy: boolean;
  problems: string[];
}

export interface FleetAgent {
  /** Four numbers, or null when the host did not report one. */
  version: string | null;
  /** The last day of support the release table gives, or null (none given, or version unknown). */
  endOfSupport: string | null;
  status: 'supported' | 'deprecated' | 'unsupported' | 'unknown';
  /** Why `unknown` (not reported, garbled, not in the table). */
  reason?: string;
}

/** The host's reported version judged on `today` (YYYY-MM-DD); `report` undefined: why there is none. */
export function fleetAgentOf(
  report: AgentReport | undefined,
  today: string,
  why = 'not reported (no compliance report from the host)',
): FleetAgent {
  if (!report) return { version: null, endOfSupport: null, status: 'unknown', reason: why };
  if ('unknown' in report) return { version: null, endOfSupport: null, status: 'unknown', reason: report.unknown };
  const s = supportOf(report.version, today);
  if (s.kind === 'unknown') return { version: report.version, endOfSupport: null, status: 'unknown', reason: s.why };
  const endOfSupport = s.kind === 'supported' ? (s.release.endOfSupport ?? null) : (s.endOfSupport ?? null);
  return { version: report.version, endOfSupport, status: s.kind };
}

function agentProblem(a: FleetAgent): string | undefined {
  if (a.status === 'unsupported')
    return `agent ${a.version} reached its end of support on ${a.endOfSupport}: upgrade it (gs-agent-config upgrade-agent on the host; docs/operator/upgrades.md)`;
  if (a.status === 'deprecated')
    return `agent ${a.version} is deprecated${a.endOfSupport ? `; its support ends on ${a.endOfSupport}` : ''}: plan its upgrade (docs/operator/upgrades.md)`;
  return undefined;
}

export interface FleetSummary {
  hosts: number;
  converged: number;
  healthy: number;
  deferred: number;
  inContact: number;
  orphans: number;
  notReported: number;
}

export interface FleetOutcome {
  hosts: FleetHost[];
  summary: FleetSummary;
  /** Every host converged and healthy (and at least one host). */
  ok: boolean;
  /** --wait ran out first. */
  gaveUp: boolean;
  /** A source that could not be read (contacts, compliance): shown, and the hosts it concerns are not ok. */
  notes: string[];
}

const HOUR = 3_600_000;
/** DescribeContact calls one fleet reading makes at most (the earliest contacts of the window). */
const MAX_DESCRIBED = 50;
const DESCRIBE_CONCURRENCY = 4;

const iso = (ms: number) => new Date(ms).toISOString();

function endpointsOf(g: GroupState): FleetEndpoint[] {
  return g.endpoints.map((e) => ({
    name: e.name,
    agentStatus: e.agentStatus ?? null,
    healthStatus: e.healthStatus ?? null,
    healthReasons: e.healthReasons ?? [],
    ready: e.agentStatus === 'ACTIVE' && e.auditResults === 'HEALTHY' && e.healthStatus === 'HEALTHY',
  }));
}

async function describeBounded(port: ContactsPort, ids: string[], notes: string[], unreadable: string[]): Promise<ContactDetail[]> {
  const out: ContactDetail[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const d = await port.describeContact(ids[next++]);
      if (d.sound) out.push(d.contact);
      else {
        // Fail closed: a contact that cannot be judged may use any host; the fleet is not ok.
        notes.push(`contact ${d.contact.id ?? '(no id)'} could not be judged: ${d.contact.problems.join('; ')}`);
        unreadable.push('contacts');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(DESCRIBE_CONCURRENCY, ids.length) }, worker));
  return out;
}

/** The contacts of the window (now −12 h … +24 h) in a live status, described; a failure is a note (the fleet is then not ok). */
async function readContacts(port: ContactsPort, now: number, notes: string[], unreadable: string[]): Promise<ContactDetail[] | undefined> {
  try {
    const listing = await port.listContacts({ statuses: [...LIVE_STATUSES], startMs: now - 12 * HOUR, endMs: now + 24 * HOUR });
    if (listing.unfinished) {
      notes.push(`contacts not read to their end: ${listing.unfinished}`);
      unreadable.push('contacts');
    }
    const sound: ContactSummary[] = [];
    for (const c of listing.contacts) {
      if (c.sound) sound.push(c.contact);
      else {
        notes.push(`contact ${c.contact.id ?? '(no id)'} could not be judged: ${c.contact.problems.join('; ')}`);
        unreadable.push('contacts');
      }
    }
    const soon = sound.filter((c) => c.postPassEndMs > now).sort((a, b) => a.startMs - b.startMs);
    if (soon.length > MAX_DESCRIBED)
      notes.push(`${soon.length} contacts in the next 24 h: only the first ${MAX_DESCRIBED} were matched to hosts`);
    return await describeBounded(
      port,
      soon.slice(0, MAX_DESCRIBED).map((c) => c.id),
      notes,
      unreadable,
    );
  } catch (err) {
    notes.push(`contacts not read: ${(err as Error).message.split('\n')[0]}`);
    unreadable.push('contacts');
    return undefined;
  }
}

async function readCompliance(port: SsmPort, notes: string[], unreadable: string[]): Promise<Map<string, ComplianceSummary> | undefined> {
  try {
    return new Map((await port.listComplianceSummaries()).map((s) => [s.instanceId, s]));
  } catch (err) {
    notes.push(`compliance not read: ${(err as Error).message.split('\n')[0]}`);
    unreadable.push('compliance');
    return undefined;
  }
}

/** `running` from a live verdict's evidence (`EC2: state running`). */
function stateName(evidence: string): string {
  const m = /^EC2: state ([a-z-]+)$/.exec(evidence);
  return m ? m[1] : 'unknown';
}

async function hostOf(
  groups: GroupState[],
  ctx: {
    states: Map<string, InstanceVerdict>;
    compliance?: Map<string, ComplianceSummary>;
    contacts?: ContactDetail[];
    now: number;
    today: string;
  },
): Promise<FleetHost> {
  const [g, ...others] = groups;
  const instanceId = g.tags[TAG_INSTANCE];
  // Orphan only on positive evidence (the orphan rule of src/facts/ec2/ec2-instances.ts); else `unknown`.
  const verdict = ctx.states.get(instanceId) ?? { state: 'unknown', evidence: 'not asked' };
  const instanceState = verdict.state === 'gone' ? 'gone' : verdict.state === 'live' ? stateName(verdict.evidence) : 'unknown';
  const orphan = verdict.state === 'gone';
  const endpoints = groups.flatMap(endpointsOf);
  const problems: string[] = [];
  if (orphan) problems.push(`instance ${instanceId} no longer exists: its group is an orphan (destroy --orphans --yes removes it)`);
  else if (verdict.state === 'unknown') problems.push(`instance ${instanceId}: state unknown (${verdict.evidence})`);
  else if (instanceState !== 'running') problems.push(`instance ${instanceId} is ${instanceState}`);
  if (others.length > 0)
    problems.push(
      `${groups.length} groups (one host, one group): a replace is under way or was deferred; the next apply on the host keeps one`,
    );
  for (const e of endpoints.filter((x) => !x.ready)) {
    const reasons = e.healthReasons.length ? ` (${e.healthReasons.join(', ')})` : '';
    problems.push(`endpoint ${e.name}: agent ${e.agentStatus ?? 'not registered'}, health ${e.healthStatus ?? '-'}${reasons}`);
  }
  if (endpoints.some((e) => e.healthReasons.includes(INVALID_IP))) problems.push(invalidIpAdvice(undefined));
  const summary = ctx.compliance?.get(instanceId);
  const compliance = summary ? { time: iso(summary.timeMs), status: summary.status, deferred: summary.executionType === 'Deferred' } : null;
  if (ctx.compliance && !orphan && !summary) problems.push('no compliance report yet (apply --report-compliance sends one)');
  else if (compliance?.deferred) problems.push(`deferred by a contact (reported ${compliance.time}); the next run finishes it`);
  else if (compliance?.status === 'NON_COMPLIANT') problems.push(`last report NON_COMPLIANT (${compliance.time}): see status on the host`);
  const agent = fleetAgentOf(
    summary?.agent,
    ctx.today,
    ctx.compliance ? 'not reported (no compliance report from the host)' : 'not read (the compliance listing could not be read)',
  );
  const agentSays = orphan ? undefined : agentProblem(agent);
  if (agentSays) problems.push(agentSays);
  else if (summary && agent.status === 'unknown') problems.push(`agent version unknown: ${agent.reason}`);
  let nextContact: FleetHost['nextContact'] = null;
  if (ctx.contacts) {
    const byId = new Map(groups.map((x) => [x.id, x]));
    const addrs = await hostAddresses(async (id) => byId.get(id), [], [...byId.keys()]);
    const mine = ctx.contacts.filter((c) => usesHost(c.endpoints, addrs)).sort((a, b) => a.startMs - b.startMs)[0];
    if (mine)
      nextContact = {
        contactId: mine.id,
        start: iso(mine.startMs),
        end: iso(mine.endMs),
        status: mine.status,
        holdsNow: holdsAt(mine, ctx.now, 0),
      };
  }
  const healthy = !orphan && instanceState === 'running' && endpoints.length > 0 && endpoints.every((e) => e.ready);
  const converged = !orphan && compliance?.status === 'COMPLIANT' && !compliance.deferred && others.length === 0;
  return {
    instanceId,
    instanceState,
    mission: g.tags[TAG_MISSION],
    groupId: g.id,
    planHash: g.tags[TAG_HASH] ?? null,
    otherGroups: others.map((x) => ({ id: x.id, planHash: x.tags[TAG_HASH] ?? null })),
    endpoints,
    compliance,
    nextContact,
    orphan,
    agent,
    converged,
    healthy,
    problems,
  };
}

async function readOnce(ports: FleetPorts, o: FleetOptions, run: RunContext): Promise<Omit<FleetOutcome, 'gaveUp'>> {
  const notes: string[] = [];
  const unreadable: string[] = [];
  const tags = o.mission ? { [TAG_INSTANCE]: undefined, [TAG_MISSION]: o.mission } : { [TAG_INSTANCE]: undefined };
  const { groups } = await findGroups(
    ports.groundStation,
    tags,
    (g) => Boolean(g.tags[TAG_INSTANCE] && g.tags[TAG_MISSION]) && (!o.mission || g.tags[TAG_MISSION] === o.mission),
    { warn: (w) => notes.push(w) },
  );
  const now = run.wallClock();
  const instanceIds = [...new Set(groups.map((g) => g.tags[TAG_INSTANCE]))];
  const [states, compliance, contacts] = await Promise.all([
    readInstanceStates(ports.ec2, instanceIds),
    readCompliance(ports.ssm, notes, unreadable),
    readContacts(ports.contacts, now, notes, unreadable),
  ]);
  // One row a host: its groups together (sorted by id, so the row is stable between readings).
  const byInstance = new Map<string, GroupState[]>();
  for (const g of [...groups].sort((a, b) => a.id.localeCompare(b.id))) {
    const id = g.tags[TAG_INSTANCE];
    byInstance.set(id, [...(byInstance.get(id) ?? []), g]);
  }
  const hosts = await Promise.all(
    [...byInstance.values()].map((gs) => hostOf(gs, { states, compliance, contacts, now, today: iso(now).slice(0, 10) })),
  );
  hosts.sort((a, b) => a.mission.localeCompare(b.mission) || a.instanceId.localeCompare(b.instanceId));
  const summary: FleetSummary = {
    hosts: hosts.length,
    converged: hosts.filter((h) => h.converged).length,
    healthy: hosts.filter((h) => h.healthy).length,
    deferred: hosts.filter((h) => h.compliance?.deferred).length,
    inContact: hosts.filter((h) => h.nextContact?.holdsNow).length,
    orphans: hosts.filter((h) => h.orphan).length,
    notReported: hosts.filter((h) => !h.orphan && !h.compliance).length,
  };
  // Fail closed: a source that could not be read (compliance, contacts) leaves the fleet not ok.
  const ok = hosts.length > 0 && hosts.every((h) => h.converged && h.healthy) && unreadable.length === 0;
  return { hosts, summary, ok, notes };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function readFleet(ports: FleetPorts, o: FleetOptions, run: RunContext): Promise<FleetOutcome> {
  const deadline = monotonicNow() + o.waitSeconds * 1000;
  if (o.waitSeconds > 0)
    run.progress.state(
      `waiting up to ${o.waitSeconds} s (until ${iso(run.wallClock() + o.waitSeconds * 1000)}) for every host${o.mission ? ` of ${o.mission}` : ''} to be converged and healthy`,
    );
  for (;;) {
    const r = await readOnce(ports, o, run);
    if (r.ok || monotonicNow() >= deadline) return { ...r, gaveUp: o.waitSeconds > 0 && !r.ok };
    const s = r.summary;
    const left = Math.ceil((deadline - monotonicNow()) / 1000);
    run.progress.state(`${s.converged}/${s.hosts} converged, ${s.healthy}/${s.hosts} healthy`, `${left} s left (--wait ${o.waitSeconds})`);
    await sleep(Math.min(o.pollSeconds * 1000, Math.max(0, deadline - monotonicNow())));
  }
}
