/**
 * What one run shares, built once by main() and handed down to every use-case and port: the
 * run's deadline (monotonic), the wall clock (timestamps), AWS's clock (the wall clock corrected
 * by the skew measured on AWS's answers: contact windows), and the progress shown to a person at
 * a terminal. No module-level state: two runs in one process (tests, demo) never see each other's.
 */
import { createAwsClock, type AwsClock } from './aws-clock.ts';
import { NO_PROGRESS, type Progress } from './progress.ts';
import type { RunDeadline } from './run-deadline.ts';

export interface RunContext {
  /** Undefined only for commands that serve by design (sandbox) and callers outside a run. */
  readonly deadline?: RunDeadline;
  /** Epoch milliseconds now, as the host's clock says. */
  readonly wallClock: () => number;
  /** AWS's clock as this run measured it (aws-clock.ts): contact windows are judged on it. */
  readonly awsClock: AwsClock;
  readonly progress: Progress;
}

export function createRunContext(o: Partial<Omit<RunContext, 'awsClock'>> = {}): RunContext {
  const wallClock = o.wallClock ?? Date.now;
  return { deadline: o.deadline, wallClock, awsClock: createAwsClock(wallClock), progress: o.progress ?? NO_PROGRESS };
}
