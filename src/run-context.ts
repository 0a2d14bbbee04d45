/**
 * What one run shares, built once by main() and handed down to every use-case and port: the
 * run's deadline (monotonic), the wall clock (for contact windows and timestamps), and the
 * progress shown to a person at a terminal. No module-level state: two runs in one process
 * (tests, demo) never see each other's.
 */
import { NO_PROGRESS, type Progress } from './progress.ts';
import type { RunDeadline } from './run-deadline.ts';

export interface RunContext {
  /** Undefined only for commands that serve by design (sandbox) and callers outside a run. */
  readonly deadline?: RunDeadline;
  /** Epoch milliseconds now, as the host's clock says. */
  readonly wallClock: () => number;
  readonly progress: Progress;
}

export function createRunContext(o: Partial<RunContext> = {}): RunContext {
  return { deadline: o.deadline, wallClock: o.wallClock ?? Date.now, progress: o.progress ?? NO_PROGRESS };
}
