/**
 * The contact guard of one apply, built from the ports handed in: the policy (--force,
 * --wait-for-contacts …) over Ground Station's contacts in the group's region, with this host's
 * agent addresses (the planned endpoints and those of the groups it has) read when it runs.
 */
import type { ContactsPort } from '../aws/contacts.ts';
import type { GroundStationPort } from '../aws/groundstation.ts';
import { createHoldCheck, hostAddresses, type GuardPolicy } from '../contacts/hold-check.ts';
import type { RunContext } from '../run-context.ts';
import type { Plan } from '../types.ts';
import type { GroupHoldCheck } from './converge.ts';
import { getGroupIfExists } from './find-groups.ts';

export interface ApplyGuardSite {
  /** The mission's plan on this host: its endpoints are this host's agent addresses. */
  plan: Plan;
  /** The mission's pre-pass: the default guard window starts there. */
  prePassSeconds: number;
  gs: GroundStationPort;
  contacts: ContactsPort;
  run: RunContext;
  /** A --force override, said once. */
  warn: (warning: string) => void;
}

export function applyHoldCheck(policy: GuardPolicy, site: ApplyGuardSite): GroupHoldCheck {
  const planned = site.plan.endpoints.map((e) => ({ ip: e.agent.ip, ports: e.agent.ports }));
  return (steps, hostGroupIds) =>
    createHoldCheck(policy, {
      contacts: site.contacts,
      addresses: () => hostAddresses((id) => getGroupIfExists(site.gs, id), planned, hostGroupIds),
      prePassSeconds: site.prePassSeconds,
      deadline: site.run.deadline,
      run: site.run,
      warn: site.warn,
    })(steps);
}
