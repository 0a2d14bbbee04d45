/**
 * Feedback on slow steps (waits, polls, retries), for a person at a terminal: lines on stderr,
 * only when stderr is a TTY and the run is neither --json nor --quiet (main() decides, per
 * run, and hands the run's Progress down in its run context). Without a sink every call is a
 * no-op, so pipes, logs and JSON stay clean.
 *
 *   run.progress.line('GetDataflowEndpointGroup: HTTP 503, retrying in 1 s (2/3)');
 */

export interface Progress {
  /** Whether lines are shown in this run. */
  readonly shown: boolean;
  /** One progress line (prefixed `… `). */
  line(text: string): void;
  /**
   * For polls: a line when `state` differs from the last one shown, or every `everyMs` anyway
   * (a countdown must not print a line per poll). `detail` (e.g. the time left) is not compared.
   */
  state(state: string, detail?: string, everyMs?: number): void;
}

/** Off a terminal, a wait's state goes to the journal at most this often (its first line at once). */
export const JOURNAL_EVERY_MS = 60_000;

/**
 * A run's progress: lines go to `sink` (none: nothing is shown). `now` is a monotonic clock in ms.
 * `journal` (off a terminal: systemd, SSM): a wait's states only, the first at once (what it
 * waits for and for how long at most), then one a minute, so a log says why the run is quiet.
 */
export function createProgress(
  sink: ((line: string) => void) | undefined,
  now: () => number = () => performance.now(),
  journal?: (line: string) => void,
): Progress {
  let last = { text: '', at: Number.NEGATIVE_INFINITY };
  let journaled = Number.NEGATIVE_INFINITY;
  const line = (text: string) => {
    sink?.(`… ${text}`);
    last = { text, at: now() };
  };
  return {
    shown: sink !== undefined,
    line,
    state(state, detail = '', everyMs = 10_000) {
      const text = detail ? `${state}; ${detail}` : state;
      if (!sink) {
        if (journal && now() - journaled >= JOURNAL_EVERY_MS) {
          journal(text);
          journaled = now();
        }
        return;
      }
      if (!last.text.startsWith(state) || now() - last.at >= everyMs) line(text);
    },
  };
}

/** Shows nothing: for runs off a terminal and for callers outside a run. */
export const NO_PROGRESS: Progress = createProgress(undefined);
