/**
 * Feedback on slow steps (waits, polls, retries), for a person at a terminal: lines on stderr,
 * only when stderr is a TTY and the run is neither --json nor --quiet (main() decides, per
 * run). Everywhere else `progress()` is a no-op, so pipes, logs and JSON stay clean.
 *
 *   progress('GetDataflowEndpointGroup: HTTP 503, retrying in 1 s (2/3)');
 */

type Sink = (line: string) => void;
let sink: Sink | undefined;
let last = { text: '', at: 0 };

/** main() turns progress on for a run (a sink writing to stderr) or off (undefined). */
export function setProgressSink(next: Sink | undefined): void {
  sink = next;
  last = { text: '', at: 0 };
}

/** Whether progress lines are shown in this run. */
export function progressShown(): boolean {
  return sink !== undefined;
}

/** One progress line (prefixed `… `), when the run shows progress. */
export function progress(text: string): void {
  sink?.(`… ${text}`);
  last = { text, at: Date.now() };
}

/**
 * For polls: a line when `state` differs from the last one shown, or every `everyMs` anyway
 * (a countdown must not print a line per poll). `detail` (e.g. the time left) is not compared.
 */
export function progressState(state: string, detail = '', everyMs = 10_000): void {
  if (!sink) return;
  const text = detail ? `${state}; ${detail}` : state;
  if (!last.text.startsWith(state) || Date.now() - last.at >= everyMs) progress(text);
}
