/**
 * The contact guard's flags (--force, --wait-for-contacts, --wait-max, --guard-minutes) as the
 * contacts room's policy, and where its warnings are said at once: stderr (the use-cases
 * record them in their reports too).
 */
import type { GuardPolicy } from '../contacts/hold-check.ts';
import { display } from '../display.ts';
import type { GlobalArgs } from './io.ts';
import type { Runtime } from './runtime.ts';

export interface GuardArgs extends GlobalArgs {
  force?: boolean;
  waitForContacts?: boolean;
  /** Seconds --wait-for-contacts may wait (also bounded by --deadline). */
  waitMax?: number;
  guardMinutes?: number;
}

export function guardPolicyOf(args: GuardArgs): GuardPolicy {
  return { force: args.force, waitForContacts: args.waitForContacts, waitMaxSeconds: args.waitMax, guardMinutes: args.guardMinutes };
}

/** A --force override, said on stderr as it happens (it names the contact: escaped). */
export function notifyOn(rt: Runtime): (warning: string) => void {
  return (w) => rt.io.err(display(`WARNING: ${w}`));
}
