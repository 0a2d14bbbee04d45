/**
 * The status use-case: the health of the groups this host manages and the drift of its files
 * (host-status.ts), polled with --wait until every endpoint is ready; the next contacts and the
 * mission-profile wiring; with --all, the groups of instances that are gone. Prints nothing:
 * waiting shows on the run's progress, the outcome is formatted by the CLI.
 */
import type { ContactsPort } from '../aws/contacts.ts';
import { readContactsStatus, type ContactsStatus } from '../contacts/contact-status.ts';
import type { Ec2FactsOptions } from '../facts/ec2/ec2.ts';
import { readLiveInstanceIds } from '../facts/ec2/ec2-instances.ts';
import type { RunContext } from '../run-context.ts';
import { monotonicNow } from '../run-deadline.ts';
import type { Mission } from '../types.ts';
import { getGroupIfExists } from './find-groups.ts';
import { readHostStatus, type HostStatus } from './host-status.ts';
import { locateStates, type LocatePorts } from './locate-state.ts';
import { findOrphans, type ToolGroup } from './orphans.ts';

export interface StatusPorts extends LocatePorts {
  contacts: (region: string) => ContactsPort;
  ec2: (region: string) => Ec2FactsOptions;
}

export interface StatusOptions {
  /** --root: where the state file and the rendered files are. */
  root: string;
  /** AWS_REGION: wins over the region the state file records. */
  regionOverride?: string;
  /** --wait: poll up to this many seconds until every endpoint is ready (0: look once). */
  waitSeconds: number;
  pollSeconds: number;
  /** --all: also list the groups tagged by this tool whose instance no longer exists. */
  orphans: boolean;
  /** `status MISSION`: what applying that mission would change (empty or absent: it is the applied one). */
  pending?: string[];
}

export interface StatusOutcome {
  statuses: HostStatus[];
  contacts: ContactsStatus;
  /** With `orphans`: the groups of instances that are gone. */
  orphans?: ToolGroup[];
  /** Every group healthy, its files as applied, the wiring right. */
  healthy: boolean;
  /** --wait ran out before every endpoint was ready. */
  gaveUp: boolean;
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

/** `mission`: the mission file when given (its profiles are checked); else the state file's. */
export async function readStatus(
  mission: Mission | undefined,
  ports: StatusPorts,
  options: StatusOptions,
  run: RunContext,
): Promise<StatusOutcome> {
  const { states, gs, region } = await locateStates(options.root, mission?.name, ports, options.regionOverride);
  const wait = options.waitSeconds;
  const deadline = monotonicNow() + wait * 1000;
  let statuses: HostStatus[];
  for (;;) {
    statuses = await Promise.all(states.map((s) => readHostStatus(gs, options.root, s)));
    if (statuses.every((s) => s.healthy) || monotonicNow() >= deadline) break;
    run.progress.state(waitingFor(statuses), `${Math.ceil((deadline - monotonicNow()) / 1000)} s left (--wait ${wait})`);
    await sleep(Math.min(options.pollSeconds * 1000, Math.max(0, deadline - monotonicNow())));
  }
  // A mission file that is not what was applied is a problem (exit 6), whatever the health.
  const pending = options.pending ?? [];
  if (pending.length)
    statuses = statuses.map((s) => ({
      ...s,
      problems: [...s.problems, `mission differs from the applied one: ${pending.join('; ')}; run apply`],
      healthy: false,
    }));
  const gaveUp = wait > 0 && !statuses.every((s) => s.healthy);
  const orphans = options.orphans ? await findOrphans(gs, (ids) => readLiveInstanceIds(ports.ec2(region), ids)) : undefined;
  // Contacts and mission-profile wiring (README "Contacts"): a wiring mismatch is a problem.
  const profiles = mission ? (mission.profiles ?? []) : states.flatMap((s) => s.profiles ?? []);
  const contacts = await readContactsStatus(ports.contacts(region), (id) => getGroupIfExists(gs, id), {
    region,
    groupIds: states.flatMap((s) => [s.groupId, ...s.retiring]),
    endpointNames: statuses.flatMap((s) => s.endpoints.map((e) => e.name)),
    profiles,
    now: run.wallClock(),
  });
  const healthy = statuses.length > 0 && statuses.every((s) => s.healthy) && contacts.wiring.problems.length === 0;
  return { statuses, contacts, ...(orphans && { orphans }), healthy, gaveUp };
}
