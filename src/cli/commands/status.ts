/** status: health of the group this host manages and drift of its files; exit 0 healthy, 6 not. */
import type { Runtime } from '../runtime.ts';
import { readHostStatus, type HostStatus } from '../../apply/host-status.ts';
import { findOrphans, type ToolGroup } from '../../apply/orphans.ts';
import { readLiveInstanceIds } from '../../facts/ec2/ec2-instances.ts';
import { EXIT } from '../../errors.ts';
import { monotonicNow } from '../../run-deadline.ts';
import { fileLine } from '../file-state.ts';
import type { GlobalArgs } from '../io.ts';
import { contactsFor, ec2For } from '../ports.ts';
import { locateStates } from './locate-state.ts';
import { readMission } from '../../mission/read-mission.ts';
import { readContactsStatus } from '../../contacts/contact-status.ts';
import { formatContactsStatus } from '../format-contacts.ts';
import { getGroupIfExists } from '../../apply/find-groups.ts';

export interface StatusArgs extends GlobalArgs { mission?: string; wait?: number; all?: boolean; pollSeconds?: number }

/** Each endpoint once, on its own line; the summary lists the other problems and names the endpoints not ready. */
function formatStatus(s: HostStatus): string[] {
  const lines = [`mission ${s.mission}: group ${s.groupArn} ${s.exists ? '' : '(missing)'}`.trimEnd()];
  for (const e of s.endpoints) {
    lines.push(`  ${e.ready ? 'ok ' : 'NOT'} ${e.name} (${e.direction}): agent ${e.agentStatus ?? 'not registered'}, audit ${e.auditResults ?? '-'}, health ${e.healthStatus ?? '-'}${e.healthReasons.length ? ` [${e.healthReasons.join(', ')}]` : ''}`);
  }
  for (const f of s.files) lines.push(`  file ${fileLine(f.state, f.path)}`);
  if (s.healthy) return [...lines, '  healthy: ready for contacts'];
  const notReady = s.endpoints.filter((e) => !e.ready).map((e) => e.name);
  const others = s.problems.filter((p) => !notReady.some((n) => p.startsWith(`endpoint ${n}:`)));
  const summary = [...(notReady.length ? [`${notReady.length} endpoint${notReady.length === 1 ? '' : 's'} not ready (see above)`] : []), ...others];
  return [...lines, '  not healthy:', ...summary.map((p) => `    - ${p}`)];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `waiting for tt-and-c-cmd-uplink (agent not registered, health UNHEALTHY), …`: the endpoints not ready yet. */
function waitingFor(statuses: HostStatus[]): string {
  const notReady = statuses.flatMap((s) => (s.exists ? s.endpoints.filter((e) => !e.ready) : []));
  const missing = statuses.filter((s) => !s.exists).map((s) => `group ${s.groupId} (missing)`);
  const eps = notReady.map((e) => `${e.name} (agent ${e.agentStatus ?? 'not registered'}, health ${e.healthStatus ?? '-'})`);
  const other = notReady.length || missing.length ? [] : ['the files and the agent config'];
  return `waiting for ${[...missing, ...eps, ...other].join(', ')}`;
}

export async function runStatus(args: StatusArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  const { states, gs, region } = await locateStates(args, rt);
  const wait = args.wait ?? 0;
  const deadline = monotonicNow() + wait * 1000;
  let statuses: HostStatus[];
  for (;;) {
    statuses = await Promise.all(states.map((s) => readHostStatus(gs, args.root, s)));
    if (statuses.every((s) => s.healthy) || monotonicNow() >= deadline) break;
    rt.run.progress.state(waitingFor(statuses), `${Math.ceil((deadline - monotonicNow()) / 1000)} s left (--wait ${wait})`);
    await sleep(Math.min((args.pollSeconds ?? 2) * 1000, Math.max(0, deadline - monotonicNow())));
  }
  const gaveUp = wait > 0 && !statuses.every((s) => s.healthy);
  let orphans: ToolGroup[] = [];
  if (args.all) {
    const ec2 = ec2For(region, rt);
    orphans = await findOrphans(gs, (ids) => readLiveInstanceIds(ec2, ids));
  }
  // Contacts and mission-profile wiring (README "Contacts"): a wiring mismatch is a problem.
  const profiles = args.mission ? ((await readMission(args.mission)).profiles ?? []) : states.flatMap((s) => s.profiles ?? []);
  const contacts = await readContactsStatus(contactsFor(region, rt), (id) => getGroupIfExists(gs, id), {
    region, groupIds: states.flatMap((s) => [s.groupId, ...s.retiring]), endpointNames: statuses.flatMap((s) => s.endpoints.map((e) => e.name)), profiles, now: rt.run.wallClock(),
  });
  const healthy = statuses.length > 0 && statuses.every((s) => s.healthy) && contacts.wiring.problems.length === 0;
  if (args.json) io.out(JSON.stringify({ healthy, groups: statuses, contacts: contacts.next, wiring: contacts.wiring, ...(args.all && { orphans }), ...(wait > 0 && { waitedSeconds: wait, gaveUp }) }));
  else if (!args.quiet) {
    const lines = statuses.flatMap(formatStatus);
    if (gaveUp) lines.push(`gave up waiting after ${wait} s (--wait ${wait}): not every endpoint is ACTIVE and HEALTHY`);
    lines.push(...formatContactsStatus(contacts));
    if (contacts.wiring.problems.length) lines.push('  mission profile wiring:', ...contacts.wiring.problems.map((p) => `    - ${p}`));
    if (statuses.length === 0) lines.push('no group of this mission exists for this instance; run apply');
    if (args.all) lines.push(orphans.length ? `orphaned groups (instance gone): ${orphans.map((o) => `${o.arn} (${o.mission}, ${o.instanceId})`).join(', ')}` : 'no orphaned groups');
    io.out(lines.join('\n'));
  }
  return healthy ? EXIT.ok : EXIT.problems;
}
