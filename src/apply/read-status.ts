/**
 * The status use-case: the health of the groups this host manages and the drift of its files
 * (host-status.ts), polled with --wait until every endpoint is ready; the next contacts and the
 * mission-profile wiring; with --all, the groups of instances EC2 reports gone (and those it
 * could not judge). A state file of another instance is said and ignored. Prints nothing:
 * waiting shows on the run's progress, the outcome is formatted by the CLI.
 */
import type { ContactsPort } from '../aws/contacts.ts';
import { readContactsStatus, type ContactsStatus } from '../contacts/contact-status.ts';
import type { Ec2FactsOptions } from '../facts/ec2/ec2.ts';
import { readInstanceStates } from '../facts/ec2/ec2-instances.ts';
import type { RunContext } from '../run-context.ts';
import { monotonicNow, remainingMs, WAIT_MARGIN_MS } from '../run-deadline.ts';
import type { Mission } from '../types.ts';
import { getGroupIfExists } from './find-groups.ts';
import { readHostStatus, type HostStatus } from './host-status.ts';
import { locateStates, type LocatePorts } from './locate-state.ts';
import { selectOrphans, type JudgedGroup } from './orphans.ts';
import { strangerStateText } from './state-file.ts';

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
  /** With `orphans`: the groups of instances EC2 positively reports gone. */
  orphans?: JudgedGroup[];
  /** With `orphans`: the groups of other instances EC2 gave no evidence about (never orphans, never deleted). */
  orphansUnknown?: JudgedGroup[];
  /** The state file names another instance: what status says of it (it is ignored). */
  strangerState?: string;
  /** The mission applied on this host when status was asked for another. */
  appliedMission?: string;
  /** Every group healthy, its files as applied, the wiring right. */
  healthy: boolean;
  /** --wait ran out before every endpoint was ready. */
  gaveUp: boolean;
  /** Set when the run's deadline, not --wait, ended the wait (it stops WAIT_MARGIN_MS before the deadline). */
  waitCutByDeadline?: { waitedSeconds: number; deadlineSeconds: number };
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
  const { states, gs, region, instanceId, stranger, appliedMission } = await locateStates(
    options.root,
    mission?.name,
    ports,
    options.regionOverride,
  );
  const wait = options.waitSeconds;
  const started = monotonicNow();
  // The run's deadline bounds the wait too (cli/run-clock.ts): a --deadline given is never raised for it.
  const byDeadline = remainingMs(run.deadline) - WAIT_MARGIN_MS;
  const cut = wait > 0 && byDeadline < wait * 1000;
  const deadline = started + Math.max(0, Math.min(wait * 1000, byDeadline));
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
  const waitCutByDeadline =
    cut && gaveUp && run.deadline
      ? { waitedSeconds: Math.round((monotonicNow() - started) / 1000), deadlineSeconds: run.deadline.seconds }
      : undefined;
  const judged = options.orphans ? await selectOrphans(gs, (ids) => readInstanceStates(ports.ec2(region), ids), instanceId) : undefined;
  // Contacts and mission-profile wiring (README "Contacts"): a wiring mismatch is a problem.
  const profiles = mission ? (mission.profiles ?? []) : states.flatMap((s) => s.profiles ?? []);
  const contacts = await readContactsStatus(ports.contacts(region), (id) => getGroupIfExists(gs, id), {
    region,
    groupIds: states.flatMap((s) => [s.groupId, ...s.retiring]),
    endpointNames: statuses.flatMap((s) => s.endpoints.map((e) => e.name)),
    profiles,
    now: () => run.awsClock.now(),
  });
  const healthy = !stranger && statuses.length > 0 && statuses.every((s) => s.healthy) && contacts.wiring.problems.length === 0;
  return {
    statuses,
    contacts,
    ...(judged && { orphans: judged.orphans, orphansUnknown: judged.unknown }),
    ...(stranger && {
      strangerState: `${strangerStateText(options.root, stranger, instanceId)}; ignored: run apply to make this host's own group`,
    }),
    ...(appliedMission !== undefined && { appliedMission }),
    healthy,
    gaveUp,
    ...(waitCutByDeadline && { waitCutByDeadline }),
  };
}
