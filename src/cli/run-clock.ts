/**
 * The run's deadline, from --deadline: main() computes it once and puts it in the run context.
 * Pure: no clock is read here except through deadlineIn's monotonic one.
 */
import { deadlineIn, type RunDeadline } from '../run-deadline.ts';

/** Commands that serve or wait by design and are bounded by their own flags instead. */
const UNBOUNDED = new Set(['sandbox']);

export interface DeadlineArgs {
  deadline?: unknown;
  wait?: unknown;
  waitForContacts?: unknown;
  waitMax?: unknown;
}

export function runDeadlineFor(command: string, args: DeadlineArgs): RunDeadline | undefined {
  if (UNBOUNDED.has(command) || typeof args.deadline !== 'number' || !(args.deadline > 0)) return undefined;
  // A longer wait the operator asked for (status --wait S, apply --wait-for-contacts --wait-max S)
  // widens the deadline by that wait, with a minute for the work around it.
  const wait = typeof args.wait === 'number' && args.wait > 0 ? args.wait : 0;
  const contacts = args.waitForContacts === true && typeof args.waitMax === 'number' && args.waitMax > 0 ? args.waitMax : 0;
  const asked = Math.max(wait, contacts);
  return deadlineIn(asked > 0 ? Math.max(args.deadline, asked + 60) : args.deadline);
}
