/** What one readiness check finds (doctor's line, the planner's readiness line). Pure data. */

export type ReadinessStatus = 'ok' | 'warn' | 'fail' | 'unknown';

/** Its status, what was looked at, and the exact step that fixes it (empty when there is none). */
export interface Verdict {
  status: ReadinessStatus;
  evidence: string;
  fix: string;
}

export const verdict = (status: ReadinessStatus, evidence: string, fix = ''): Verdict => ({ status, evidence, fix });
