/**
 * The run's deadline, from --deadline: main() computes it once and puts it in the run context.
 * Pure: no clock is read here except through deadlineIn's monotonic one.
 *
 * The one rule for --deadline and the waits (the help says it in the same words, command-table.ts):
 * --deadline bounds the whole run, waits included, and a --deadline given on the command line is
 * never raised. Without one, the default (DEFAULT_DEADLINE_SECONDS) is raised to cover the wait
 * the operator asked for (status --wait S, apply --wait-for-contacts --wait-max S) plus a minute
 * for the work around it (WAIT_WORK_SECONDS). A wait ends at its own bound or WAIT_MARGIN_MS before the run's
 * deadline, whichever comes first, and says which one ended it.
 */
import { deadlineIn, type RunDeadline } from '../run-deadline.ts';
import { DEFAULT_DEADLINE_SECONDS, WAIT_WORK_SECONDS } from './conventions.ts';

/** Commands that serve or wait by design and are bounded by their own flags instead. */
const UNBOUNDED = new Set(['sandbox']);

export interface DeadlineArgs {
  /** As given on the command line: undefined when --deadline was not given. */
  deadline?: unknown;
  wait?: unknown;
  waitForContacts?: unknown;
  waitMax?: unknown;
}

/** The wait the command line asks for, in seconds (0: none). */
function askedWait(args: DeadlineArgs): number {
  const wait = typeof args.wait === 'number' && args.wait > 0 ? args.wait : 0;
  const contacts = args.waitForContacts === true && typeof args.waitMax === 'number' && args.waitMax > 0 ? args.waitMax : 0;
  return Math.max(wait, contacts);
}

export function runDeadlineFor(command: string, args: DeadlineArgs): RunDeadline | undefined {
  if (UNBOUNDED.has(command)) return undefined;
  if (args.deadline !== undefined) return typeof args.deadline === 'number' && args.deadline > 0 ? deadlineIn(args.deadline) : undefined;
  const wait = askedWait(args);
  return deadlineIn(wait > 0 ? Math.max(DEFAULT_DEADLINE_SECONDS, wait + WAIT_WORK_SECONDS) : DEFAULT_DEADLINE_SECONDS);
}
