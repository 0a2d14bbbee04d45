/**
 * The doctor's data: what every check sees (the host readings of src/facts/types.ts, the plan
 * or why there is none) and what a check returns.
 */
import type { HostFacts, Mission, Plan } from '../types.ts';
import type { DoctorFacts, Fact } from '../facts/types.ts';
import type { ReadinessStatus } from '../plan/verdict.ts';
import type { Word } from '../shell-quote.ts';
import type { Hold } from '../contacts/hold.ts';

export type CheckStatus = ReadinessStatus;

/** One line of `doctor`: what was looked at and the exact command or step that fixes it. */
export interface CheckResult {
  id: string;
  status: CheckStatus;
  evidence: string;
  /** Empty when there is nothing to fix. */
  fix: string;
}

/**
 * The plan, or why there is none. `fix` is set when the host was read but the mission does not
 * fit it (several Elastic IPs, too few cores …): a readiness failure of its own, which the
 * checks that need the plan report as "fail" with that fix, not "unknown".
 */
export type PlanFact = { ok: true; value: Plan } | { ok: false; reason: string; fix?: string };

/**
 * The contacts that hold this host now or within the guard window (the contact guard's reading,
 * src/contacts/read-hold.ts), asked only when a downlink's receiver is not bound:
 * `hold` undefined = free; a failed read is the reason (fail closed: it counts as due).
 * `notAsked`: why the schedule was not read (no region, no plan, no Ground Station port).
 */
export type ContactHoldFact = { guardMs: number; hold: Fact<Hold | undefined> } | { notAsked: string };

/** What every check sees. Host facts and the plan may be missing, with the reason. */
export interface DoctorInput {
  mission?: Mission;
  host: Fact<HostFacts>;
  plan: PlanFact;
  doctor: DoctorFacts;
  /**
   * `gs-agent-config apply MISSION … EXTRA` as a line to paste, from the command line that ran
   * doctor (the mission made absolute, --root and the other flags that change where it acts
   * repeated); absent: a plain one naming the mission file (fix-commands.ts).
   */
  applyCommand?: (extra: readonly Word[]) => string;
  /** The run's day (YYYY-MM-DD, AWS-corrected clock): support dates are judged on it; absent: not judged. */
  today?: string;
  /** --root: where the rendered files are (fixes name them there); absent: /. */
  root?: string;
  /** receiver-listening's escalation: the contacts near this host; absent: not read (nothing unbound). */
  contactHold?: ContactHoldFact;
}

/** The result of a check that needs the plan when there is none. */
export function withoutPlan(id: string, plan: { reason: string; fix?: string }): CheckResult {
  return plan.fix !== undefined
    ? { id, status: 'fail', evidence: plan.reason, fix: plan.fix }
    : { id, status: 'unknown', evidence: plan.reason, fix: '' };
}

/** A check: a pure function of the input. */
export type Check = (input: DoctorInput) => CheckResult;
