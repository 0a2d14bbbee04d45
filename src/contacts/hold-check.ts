/**
 * The contact guard of every disruptive step (apply's switch, restart and retire, --apply-tuning,
 * destroy, destroy --orphans, and upgrade-agent when it comes), as a policy over ports handed in:
 * asks Ground Station whether a contact holds this host (only when a disruptive step is pending),
 * waits when asked to (bounded by the wait and the run's deadline), lets --force through with a
 * loud warning, and otherwise returns the hold for the caller to defer on (exit 8). What it
 * cannot judge holds the host (hold.ts). Prints nothing: warnings go to `warn`, waiting to the
 * run's progress.
 */
import type { ContactsPort } from '../aws/contacts.ts';
import { DeferredError } from '../errors.ts';
import type { RunContext } from '../run-context.ts';
import { monotonicNow, remainingMs, WAIT_MARGIN_MS, type RunDeadline } from '../run-deadline.ts';
import type { GroupState } from '../types.ts';
import { defaultGuardMs, describeHold, holdDetails, type Hold, type HostAddress, type WaitEnd } from './hold.ts';
import { readHold, waitForFree } from './read-hold.ts';

/** The steps of a run that disturb a running contact. */
export type DisruptiveStep = 'agent-config' | 'restart' | 'retire' | 'tuning' | 'upgrade';

/** Asked only when a disruptive step is pending; undefined: the host is free (or --force). */
export type HoldCheck = (steps: DisruptiveStep[]) => Promise<Hold | undefined>;

/** The operator's say over the guard (apply and destroy flags). */
export interface GuardPolicy {
  /** Do it anyway (breaks the contact), loudly. */
  force?: boolean;
  /** Wait for the hold to end instead of deferring. */
  waitForContacts?: boolean;
  /** Seconds a wait may last (also bounded by the run's deadline: it ends WAIT_MARGIN_MS before it). */
  waitMaxSeconds?: number;
  /** A contact starting within this many minutes holds the host (default: prePass + 5 min). */
  guardMinutes?: number;
}

export interface HoldCheckContext {
  contacts: ContactsPort;
  /** This host's agent addresses (read when the check runs). */
  addresses: () => Promise<HostAddress[]>;
  prePassSeconds: number;
  /** The run's deadline for the wait (absent: a caller outside a run, bounded by waitMaxSeconds alone). */
  deadline?: RunDeadline;
  run: RunContext;
  /** A --force override, said once: the caller prints it and records it in its report. */
  warn: (warning: string) => void;
}

/** This host's agent addresses: the planned endpoints and those of the groups it has (old ones may use other ports). */
export async function hostAddresses(
  readGroup: (id: string) => Promise<GroupState | undefined>,
  planned: HostAddress[],
  groupIds: string[],
): Promise<HostAddress[]> {
  const addrs = [...planned];
  for (const id of new Set(groupIds)) {
    const g = await readGroup(id);
    for (const e of g?.endpoints ?? []) addrs.push({ ip: e.agent.ip, ports: e.agent.ports });
  }
  return addrs;
}

export const STEP_TEXT: Record<DisruptiveStep, string> = {
  'agent-config': 'switch of the agent config to the new group',
  restart: 'restart of aws-groundstation-agent',
  retire: 'deletion of the old group(s)',
  tuning: '--apply-tuning (live NIC tuning)',
  upgrade: 'upgrade of aws-groundstation-agent',
};

/** --wait-max's default. */
export const DEFAULT_WAIT_MAX_SECONDS = 3600;

/**
 * Waits (on the monotonic clock) until the hold ends, --wait-max runs out, or the run's deadline
 * is WAIT_MARGIN_MS away; a hold still in force says how long it was waited for and what ended the wait.
 */
async function waitOut(
  hold: Hold,
  policy: GuardPolicy,
  ctx: HoldCheckContext,
  opts: Parameters<typeof readHold>[0],
): Promise<Hold | undefined> {
  const waitMaxSeconds = policy.waitMaxSeconds ?? DEFAULT_WAIT_MAX_SECONDS;
  const byDeadline = remainingMs(ctx.deadline) - WAIT_MARGIN_MS;
  const endedBy: WaitEnd['endedBy'] = byDeadline < waitMaxSeconds * 1000 ? 'deadline' : 'wait-max';
  const started = monotonicNow();
  const endsAt = started + Math.max(0, Math.min(waitMaxSeconds * 1000, byDeadline));
  // On a terminal a line per change of state; off one (a journal, SSM) the first line at once, then
  // one a minute, saying what it waits for and until when at most; never with --json or --quiet.
  const atMost = new Date(ctx.run.wallClock() + (endsAt - started)).toISOString();
  const after = await waitForFree({
    ...opts,
    waitMs: endsAt - monotonicNow(),
    progress: (line) =>
      ctx.run.progress.state(line, `waiting until ${atMost} at most (${endedBy === 'deadline' ? '--deadline' : '--wait-max'})`),
  });
  if (!after) return undefined;
  const wait: WaitEnd = { waitedSeconds: Math.round((monotonicNow() - started) / 1000), endedBy, waitMaxSeconds };
  if (ctx.deadline) wait.deadlineSeconds = ctx.deadline.seconds;
  return { ...after, wait };
}

/** Builds the check converge (and destroy) call before a disruptive step. */
export function createHoldCheck(policy: GuardPolicy, ctx: HoldCheckContext): HoldCheck {
  return async (steps) => {
    const guardMs = policy.guardMinutes !== undefined ? policy.guardMinutes * 60_000 : defaultGuardMs(ctx.prePassSeconds);
    const opts = { contacts: ctx.contacts, addrs: await ctx.addresses(), guardMs, clock: ctx.run.awsClock };
    let hold: Hold | undefined;
    try {
      hold = await readHold(opts);
    } catch (err) {
      if (!policy.force) throw err;
      // --force overrides a guard that cannot judge too, as loudly as a hold.
      ctx.warn(`--force: contacts could not be checked (${(err as Error).message.split('\n')[0]}); doing it anyway`);
      return undefined;
    }
    if (hold && policy.waitForContacts && !policy.force) hold = await waitOut(hold, policy, ctx, opts);
    if (hold && policy.force) {
      ctx.warn(`--force: ${describeHold(hold)}; doing it anyway (${steps.map((s) => STEP_TEXT[s]).join(', ')}): this breaks the contact`);
      return undefined;
    }
    return hold;
  };
}

/** When to re-run: after the hold's end, or (when that cannot be judged) later. */
function rerunWhen(hold: Hold): string {
  return hold.untilMs !== undefined
    ? `after ${new Date(hold.untilMs).toISOString()}`
    : 'later, once Ground Station answers soundly for this host';
}

/** How to wait for it: a wait that ran out names the bound that ended it and the flag to raise (never "add" a flag given). */
function waitHint(wait: WaitEnd | undefined): string {
  if (!wait) return 'or add --wait-for-contacts to wait for it';
  const waited = `--wait-for-contacts waited ${wait.waitedSeconds} s`;
  if (wait.endedBy === 'wait-max')
    return `or raise --wait-max: ${waited}, its --wait-max ${wait.waitMaxSeconds}, and the contact outlasted it`;
  return `or raise --deadline: ${waited} and stopped ${WAIT_MARGIN_MS / 1000} s before the run's deadline (--deadline ${wait.deadlineSeconds} s bounds every wait)`;
}

/** Exit 8, naming the contact, what is left and when to re-run. */
export function deferredError(hold: Hold, steps: DisruptiveStep[], command: string): DeferredError {
  return new DeferredError(`deferred: ${describeHold(hold)}`, [
    ...holdDetails(hold),
    `left for later: ${steps.map((s) => STEP_TEXT[s]).join(', ')}`,
    `re-run \`${command}\` ${rerunWhen(hold)} (the next boot or a timer does), ${waitHint(hold.wait)}`,
    '--force does it now and breaks the contact',
  ]);
}

/** Exit 8 for destroy: it would delete the group a contact uses; nothing was deleted. */
export function destroyRefused(hold: Hold, what = 'destroy would delete the group it uses'): DeferredError {
  return new DeferredError(`refused: ${describeHold(hold)}; ${what}`, [
    ...holdDetails(hold),
    `nothing was deleted; run destroy again ${rerunWhen(hold)}`,
    '--force destroys now and breaks the contact',
  ]);
}

/**
 * The guard as one step for a command that refuses rather than defers (destroy, destroy
 * --orphans, upgrade-agent): exit 8 with `refusal(hold)` while a contact, or anything the guard
 * cannot judge, holds the host; --force and --wait-for-contacts as the policy says.
 */
export async function refuseWhileHeld(
  check: HoldCheck,
  steps: DisruptiveStep[],
  refusal: (hold: Hold) => DeferredError = (hold) => destroyRefused(hold),
): Promise<void> {
  const hold = await check(steps);
  if (hold) throw refusal(hold);
}
