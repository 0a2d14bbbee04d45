/**
 * destroy while a contact holds the host: refused with exit 8 (nothing deleted), unless the
 * check lets it through (--force). The addresses are those of the groups being destroyed; their
 * pre-pass sets the default guard. The same for `destroy --orphans`: an orphan's own agent
 * addresses are what a contact scheduled on it would use.
 */
import type { ContactsPort } from '../aws/contacts.ts';
import type { GroundStationPort } from '../aws/groundstation.ts';
import { createHoldCheck, destroyRefused, hostAddresses, refuseWhileHeld, type GuardPolicy } from '../contacts/hold-check.ts';
import type { HostAddress } from '../contacts/hold.ts';
import type { RunContext } from '../run-context.ts';
import { getGroupIfExists } from './find-groups.ts';
import type { HostState } from './state-file.ts';

/** What the guard needs to know of the groups destroy would delete. */
export interface DestroyGuardSite {
  prePassSeconds: number;
  addresses: () => Promise<HostAddress[]>;
}

/** The guard site of the groups `ids` (their endpoints' addresses, their longest pre-pass). */
async function groupsSite(gs: GroundStationPort, ids: string[], retiring: string[] = []): Promise<DestroyGuardSite> {
  const read = (id: string) => getGroupIfExists(gs, id);
  const groups = await Promise.all(ids.map(read));
  return {
    prePassSeconds: Math.max(...groups.map((g) => g?.contactPrePassDurationSeconds ?? 120)),
    addresses: () => hostAddresses(read, [], [...ids, ...retiring]),
  };
}

/** The groups this host owns among `states`, or undefined when destroy deletes no group. */
export async function destroyGuardSite(gs: GroundStationPort, states: HostState[]): Promise<DestroyGuardSite | undefined> {
  const owned = states.filter((s) => s.owned !== false);
  if (owned.length === 0) return undefined;
  return groupsSite(
    gs,
    owned.map((s) => s.groupId),
    owned.flatMap((s) => s.retiring),
  );
}

export interface GuardRun {
  contacts: ContactsPort;
  policy: GuardPolicy;
  run: RunContext;
  /** A --force override, said once. */
  warn: (warning: string) => void;
}

/** Throws exit 8 when a contact (or what the guard cannot judge) holds `site`; destroy never waits for one. */
export async function refuseDestroyWhileHeld(site: DestroyGuardSite, g: GuardRun, what?: string): Promise<void> {
  const policy = { ...g.policy, waitForContacts: false };
  const check = createHoldCheck(policy, { contacts: g.contacts, ...site, deadline: g.run.deadline, run: g.run, warn: g.warn });
  await refuseWhileHeld(check, ['retire'], (hold) => destroyRefused(hold, what));
}

/** destroy --orphans: refused while a contact holds any of the orphan groups `ids`. */
export async function refuseOrphansWhileHeld(gs: GroundStationPort, ids: string[], g: GuardRun): Promise<void> {
  if (ids.length === 0) return;
  await refuseDestroyWhileHeld(await groupsSite(gs, ids), g, 'destroy --orphans would delete the group it uses');
}
