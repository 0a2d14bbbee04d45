/**
 * AWS's clock as one run has measured it. At boot the host's clock may not be synced yet (NTP
 * steps it minutes or hours later), and a contact window judged on a clock an hour ahead misses
 * a contact three minutes away. Every Ground Station contacts answer carries AWS's time in its
 * `Date` header; the skew between it and the host's wall clock at receipt is kept, and once it
 * exceeds SKEW_TOLERANCE_MS `now()` is the host's clock corrected by it. The SDK measures the
 * same skew for signing (`systemClockOffset`), but only past 5 minutes and against the process's
 * own clock; this one is the run's, measured per answer. Plain data and clocks, no I/O.
 */

/** Below this the Date header (whole seconds, plus the network's latency) cannot tell a skew from noise. */
export const SKEW_TOLERANCE_MS = 5_000;

export interface AwsClock {
  /** Epoch ms as AWS's clock says, as far as this run has measured it (the host's clock until then). */
  now(): number;
  /** Epoch ms as the host's wall clock says. */
  host(): number;
  /** How far AWS's clock is ahead of the host's (negative: behind); 0 within the tolerance or until measured. */
  skewMs(): number;
  /** Records an answer's `Date` header (RFC 7231 IMF-fixdate), read now; anything else is ignored. */
  observe(dateHeader: unknown): void;
}

/** `Sun, 06 Nov 1994 08:49:37 GMT`: the only form HTTP servers send (RFC 7231 §7.1.1.1). */
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/;

/** The epoch ms of a Date header, or undefined when it is not one. */
export function parseDateHeader(value: unknown): number | undefined {
  if (typeof value !== 'string' || !IMF_FIXDATE.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

export function createAwsClock(wallClock: () => number): AwsClock {
  let skew = 0;
  return {
    now: () => wallClock() + skew,
    host: wallClock,
    skewMs: () => skew,
    observe(dateHeader) {
      const aws = parseDateHeader(dateHeader);
      if (aws === undefined) return;
      // The header is truncated to the second: AWS's time was in [aws, aws + 1 s) when it was sent.
      const measured = aws + 500 - wallClock();
      skew = Math.abs(measured) > SKEW_TOLERANCE_MS ? measured : 0;
    },
  };
}
