/**
 * destroy while a contact holds the host: refused with exit 8 (nothing deleted), unless the
 * check lets it through (--force). The addresses are those of the groups being destroyed; their
 * pre-pass sets the default guard.
 */
import type { GroundStationPort } from '../aws/groundstation.ts';
import { destroyRefused, hostAddresses, type HoldCheck } from '../contacts/hold-check.ts';
import type { HostAddress } from '../contacts/hold.ts';
import { getGroupIfExists } from './find-groups.ts';
import type { HostState } from './state-file.ts';

/** What the guard needs to know of the groups destroy would delete. */
export interface DestroyGuardSite {
  prePassSeconds: number;
  addresses: () => Promise<HostAddress[]>;
}

/** The groups this host owns among `states`, or undefined when destroy deletes no group. */
export async function destroyGuardSite(gs: GroundStationPort, states: HostState[]): Promise<DestroyGuardSite | undefined> {
  const owned = states.filter((s) => s.owned !== false);
  if (owned.length === 0) return undefined;
  const read = (id: string) => getGroupIfExists(gs, id);
  const groups = await Promise.all(owned.map((s) => read(s.groupId)));
  return {
    prePassSeconds: Math.max(...groups.map((g) => g?.contactPrePassDurationSeconds ?? 120)),
    addresses: () =>
      hostAddresses(
        read,
        [],
        owned.flatMap((s) => [s.groupId, ...s.retiring]),
      ),
  };
}

/** Throws exit 8 when the check finds a contact holding the host. */
export async function refuseWhileHeld(check: HoldCheck): Promise<void> {
  const hold = await check(['retire']);
  if (hold) throw destroyRefused(hold);
}
