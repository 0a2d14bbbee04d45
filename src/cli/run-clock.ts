/**
 * The run's deadline, started once by main() from --deadline and read by every stage that
 * calls out or waits. Keyed by the run's Io so in-process runs (tests, demo) stay separate.
 */
import { deadlineIn, type RunDeadline } from '../aws/run-deadline.ts';
import type { Io } from './io.ts';

const deadlines = new WeakMap<Io, RunDeadline>();

/** Commands that serve or wait by design and are bounded by their own flags instead. */
const UNBOUNDED = new Set(['sandbox']);

export function startRunDeadline(io: Io, command: string, args: { deadline?: unknown; wait?: unknown }): void {
  if (UNBOUNDED.has(command) || typeof args.deadline !== 'number' || !(args.deadline > 0)) return;
  // A longer --wait (status) widens the deadline: the operator asked to wait that long.
  const wait = typeof args.wait === 'number' && args.wait > 0 ? args.wait + 60 : 0;
  deadlines.set(io, deadlineIn(Math.max(args.deadline, wait)));
}

export function deadlineOf(io: Io): RunDeadline | undefined {
  return deadlines.get(io);
}
