/**
 * The contact guard's flags (--force, --wait-for-contacts, --wait-max, --guard-minutes), mapped
 * to the contacts room's policy for one run: the check's warnings are printed on stderr and
 * recorded in the report's warnings.
 */
import { createHoldCheck, type HoldCheck } from '../contacts/hold-check.ts';
import type { HostAddress } from '../contacts/hold.ts';
import { deadlineIn } from '../run-deadline.ts';
import type { GlobalArgs } from './io.ts';
import { DEFAULT_DEADLINE_SECONDS } from './conventions.ts';
import { contactsFor } from './ports.ts';
import type { Runtime } from './runtime.ts';

export interface GuardArgs extends GlobalArgs {
  force?: boolean;
  waitForContacts?: boolean;
  /** Seconds --wait-for-contacts may wait (also bounded by --deadline). */
  waitMax?: number;
  guardMinutes?: number;
}

export interface GuardSite {
  region: string;
  addresses: () => Promise<HostAddress[]>;
  prePassSeconds: number;
  /** Where --force's warning is also recorded (the report's warnings). */
  warnings: string[];
}

export function holdCheckFor(args: GuardArgs, rt: Runtime, site: GuardSite): HoldCheck {
  return createHoldCheck(
    { force: args.force, waitForContacts: args.waitForContacts, waitMaxSeconds: args.waitMax, guardMinutes: args.guardMinutes },
    {
      contacts: contactsFor(site.region, rt),
      addresses: site.addresses,
      prePassSeconds: site.prePassSeconds,
      // The run's deadline (main() starts it); a caller outside main() gets --deadline from now.
      deadline: rt.run.deadline ?? deadlineIn(args.deadline ?? DEFAULT_DEADLINE_SECONDS),
      run: rt.run,
      warn: (w) => {
        rt.io.err(`WARNING: ${w}`);
        site.warnings.push(w);
      },
    },
  );
}

