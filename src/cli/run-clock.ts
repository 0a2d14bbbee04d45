/**
 * The run's deadline, started once by main() from --deadline and read by every stage that
 * calls out or waits. Keyed by the run's Io so in-process runs (tests, demo) stay separate.
 */
import { deadlineIn, type RunDeadline } from '../run-deadline.ts';
import type { Io } from './io.ts';

const deadlines = new WeakMap<Io, RunDeadline>();

/** Commands that serve or wait by design and are bounded by their own flags instead. */
const UNBOUNDED = new Set(['sandbox']);

export function startRunDeadline(io: Io, command: string, args: { deadline?: unknown; wait?: unknown; waitForContacts?: unknown; waitMax?: unknown }): void {
  if (UNBOUNDED.has(command) || typeof args.deadline !== 'number' || !(args.deadline > 0)) return;
  // A longer wait the operator asked for (status --wait S, apply --wait-for-contacts --wait-max S)
  // widens the deadline by that wait, with a minute for the work around it.
  const wait = typeof args.wait === 'number' && args.wait > 0 ? args.wait : 0;
  const contacts = args.waitForContacts === true && typeof args.waitMax === 'number' && args.waitMax > 0 ? args.waitMax : 0;
  const asked = Math.max(wait, contacts);
  deadlines.set(io, deadlineIn(asked > 0 ? Math.max(args.deadline, asked + 60) : args.deadline));
}

export function deadlineOf(io: Io): RunDeadline | undefined {
  return deadlines.get(io);
}
