/**
 * The run's overall deadline (--deadline): every call, retry and wait of one run stops at it.
 * It runs on a monotonic clock (performance.now()), so a wall clock stepped by NTP or by hand
 * during a run neither stretches nor shortens it. Plain data and a clock, no I/O.
 */

/** Milliseconds on a clock that only moves forward (not epoch time). */
export function monotonicNow(): number {
  return performance.now();
}

export interface RunDeadline {
  /** Monotonic milliseconds (monotonicNow()) after which nothing new starts and nothing in flight is waited for. */
  readonly at: number;
  /** The --deadline value (or the widened one), for messages. */
  readonly seconds: number;
}

/**
 * A wait (status --wait, apply --wait-for-contacts) ends this long before the run's deadline:
 * time for the work after it. The deadline bounds every wait; a --deadline given is never
 * raised for one (src/cli/run-clock.ts states the rule).
 */
export const WAIT_MARGIN_MS = 10_000;

export function deadlineIn(seconds: number, now = monotonicNow()): RunDeadline {
  return { at: now + seconds * 1000, seconds };
}

export function remainingMs(d: RunDeadline | undefined, now = monotonicNow()): number {
  return d === undefined ? Number.POSITIVE_INFINITY : d.at - now;
}

/** The thrown error's name; mapped to exit 5 naming the call that was waiting (map-aws-error.ts). */
export const RUN_DEADLINE_ERROR = 'RunDeadlineExceeded';

export class RunDeadlineExceeded extends Error {
  override readonly name = RUN_DEADLINE_ERROR;
  constructor(
    readonly seconds: number,
    readonly waitingFor: string,
  ) {
    super(`the run's deadline (--deadline ${seconds} s) was reached while waiting for ${waitingFor}`);
  }
}

/** Sleeps ms, or throws RunDeadlineExceeded when the deadline would pass first. */
export async function sleepWithin(d: RunDeadline | undefined, ms: number, waitingFor: string): Promise<void> {
  if (remainingMs(d) <= ms) throw new RunDeadlineExceeded(d!.seconds, waitingFor);
  await new Promise((r) => setTimeout(r, ms));
}
