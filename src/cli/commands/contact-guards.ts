/**
 * The contact guard of apply, destroy and --apply-tuning: asks Ground Station whether a contact
 * holds this host (only when a disruptive step is pending), waits when --wait-for-contacts,
 * overrides with a loud warning when --force, and turns a hold into exit 8.
 */
import type { Runtime } from '../runtime.ts';
import { createContactsPort, type ContactsPort } from '../../aws/contacts.ts';
import type { GroundStationPort } from '../../aws/groundstation.ts';
import { defaultGuardMs, describeHold, type Hold, type HostAddress } from '../../apply/contact-hold.ts';
import { readHold, waitForFree } from '../../apply/contact-guard.ts';
import type { DisruptiveStep, HoldCheck } from '../../apply/deferral.ts';
import { getGroupIfExists } from '../../apply/find-groups.ts';
import { DeferredError } from '../../errors.ts';
import type { HostState } from '../../apply/state-file.ts';
import type { GlobalArgs } from '../io.ts';
import { credentialsFor } from '../ports.ts';
import { DEFAULT_DEADLINE_SECONDS } from '../parser.ts';
import { deadlineIn, remainingMs } from '../../run-deadline.ts';

export interface GuardArgs extends GlobalArgs {
  force?: boolean;
  waitForContacts?: boolean;
  /** Seconds --wait-for-contacts may wait (also bounded by --deadline). */
  waitMax?: number;
  guardMinutes?: number;
}

export function contactsFor(region: string, rt: Runtime): ContactsPort {
  const { io } = rt;
  return createContactsPort({ region, endpoint: io.env.AWS_ENDPOINT_URL_GROUNDSTATION, credentials: credentialsFor(rt), deadline: rt.run.deadline });
}

/** This host's agent addresses: the planned endpoints and those of the groups it has (old ones may use other ports). */
export async function hostAddresses(gs: GroundStationPort, planned: HostAddress[], groupIds: string[]): Promise<HostAddress[]> {
  const addrs = [...planned];
  for (const id of new Set(groupIds)) {
    const g = await getGroupIfExists(gs, id);
    for (const e of g?.endpoints ?? []) addrs.push({ ip: e.agent.ip, ports: e.agent.ports });
  }
  return addrs;
}

const STEP_TEXT: Record<DisruptiveStep, string> = {
  'agent-config': 'switch of the agent config to the new group',
  restart: 'restart of aws-groundstation-agent',
  retire: 'deletion of the old group(s)',
  tuning: '--apply-tuning (live NIC tuning)',
};

export interface HoldCheckContext {
  region: string;
  gs: GroundStationPort;
  addresses: () => Promise<HostAddress[]>;
  prePassSeconds: number;
  /** Where --force's warning is also recorded (the report's warnings). */
  warnings: string[];
}

/** Builds the check converge (and destroy) call before a disruptive step. */
export function buildHoldCheck(args: GuardArgs, rt: Runtime, ctx: HoldCheckContext): HoldCheck {
  const { io } = rt;
  // The run's deadline (main() starts it); a caller outside main() gets --deadline from now.
  const deadline = rt.run.deadline ?? deadlineIn(args.deadline ?? DEFAULT_DEADLINE_SECONDS);
  return async (steps) => {
    const guardMs = args.guardMinutes !== undefined ? args.guardMinutes * 60_000 : defaultGuardMs(ctx.prePassSeconds);
    const opts = { contacts: contactsFor(ctx.region, rt), addrs: await ctx.addresses(), guardMs };
    let hold: Hold | undefined;
    try {
      hold = await readHold(opts);
    } catch (err) {
      if (!args.force) throw err;
      // --force overrides a guard that cannot judge too, as loudly as a hold.
      const w = `--force: contacts could not be checked (${(err as Error).message.split('\n')[0]}); doing it anyway`;
      io.err(`WARNING: ${w}`);
      ctx.warnings.push(w);
      return undefined;
    }
    if (hold && args.waitForContacts && !args.force) {
      // Never wait past the run deadline: leave 10 s for the steps themselves.
      const waitUntilMs = rt.run.wallClock() + Math.min((args.waitMax ?? 3600) * 1000, remainingMs(deadline) - 10_000);
      // The run's progress shows it only on a terminal's stderr, never with --json or --quiet.
      hold = await waitForFree({ ...opts, waitUntilMs, progress: (line) => rt.run.progress.line(line) });
    }
    if (hold && args.force) {
      const w = `--force: ${describeHold(hold)}; doing it anyway (${steps.map((s) => STEP_TEXT[s]).join(', ')}): this breaks the contact`;
      io.err(`WARNING: ${w}`);
      ctx.warnings.push(w);
      return undefined;
    }
    return hold;
  };
}

/** Exit 8, naming the contact, what is left and when to re-run. */
export function deferredError(hold: Hold, steps: DisruptiveStep[], command: string): DeferredError {
  const until = new Date(hold.untilMs).toISOString();
  return new DeferredError(`deferred: ${describeHold(hold)}`, [
    `left for later: ${steps.map((s) => STEP_TEXT[s]).join(', ')}`,
    `re-run \`${command}\` after ${until} (the next boot or a timer does), or add --wait-for-contacts to wait for it`,
    '--force does it now and breaks the contact',
  ]);
}

/**
 * destroy while a contact holds the host: refused with exit 8 (nothing deleted), unless --force.
 * The addresses are those of the groups being destroyed; their pre-pass sets the default guard.
 */
export async function refuseWhileHeld(args: GuardArgs, rt: Runtime, ctx: { region: string; gs: GroundStationPort; states: HostState[]; warnings: string[] }): Promise<void> {
  const owned = ctx.states.filter((s) => s.owned !== false);
  if (owned.length === 0) return;
  const groups = await Promise.all(owned.map((s) => getGroupIfExists(ctx.gs, s.groupId)));
  const prePassSeconds = Math.max(...groups.map((g) => g?.contactPrePassDurationSeconds ?? 120));
  const addresses = () => hostAddresses(ctx.gs, [], owned.flatMap((s) => [s.groupId, ...s.retiring]));
  const check = buildHoldCheck({ ...args, waitForContacts: false }, rt, { region: ctx.region, gs: ctx.gs, addresses, prePassSeconds, warnings: ctx.warnings });
  const hold = await check(['retire']);
  if (!hold) return;
  throw new DeferredError(`refused: ${describeHold(hold)}; destroy would delete the group it uses`, [
    `nothing was deleted; run destroy again after ${new Date(hold.untilMs).toISOString()}`,
    '--force destroys now and breaks the contact',
  ]);
}
