/**
 * The run's overall deadline (--deadline): every call, retry and wait of one run stops at it.
 * Plain data and a clock, no I/O, so any stage can take one without loading anything.
 */
export interface RunDeadline {
  /** Epoch milliseconds after which nothing new starts and nothing in flight is waited for. */
  readonly at: number;
  /** The --deadline value, for messages. */
  readonly seconds: number;
}

export function deadlineIn(seconds: number, now = Date.now()): RunDeadline {
  return { at: now + seconds * 1000, seconds };
}

export function remainingMs(d: RunDeadline | undefined, now = Date.now()): number {
  return d === undefined ? Number.POSITIVE_INFINITY : d.at - now;
}

/** The thrown error's name; mapped to exit 5 naming the call that was waiting (map-aws-error.ts). */
export const RUN_DEADLINE_ERROR = 'RunDeadlineExceeded';

export class RunDeadlineExceeded extends Error {
  override readonly name = RUN_DEADLINE_ERROR;
  constructor(readonly seconds: number, readonly waitingFor: string) {
    super(`the run's deadline (--deadline ${seconds} s) was reached while waiting for ${waitingFor}`);
  }
}

/** Sleeps ms, or throws RunDeadlineExceeded when the deadline would pass first. */
export async function sleepWithin(d: RunDeadline | undefined, ms: number, waitingFor: string): Promise<void> {
  if (remainingMs(d) <= ms) throw new RunDeadlineExceeded(d!.seconds, waitingFor);
  await new Promise((r) => setTimeout(r, ms));
}
