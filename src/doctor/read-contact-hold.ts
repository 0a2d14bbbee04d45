/**
 * receiver-listening's escalation: whether a contact holds this host now or within the guard
 * window, read as the contact guard reads it (src/contacts/read-hold.ts: the same listing, the
 * same window rule, the same fail-closed judgement), and only when a downlink's receiver is not
 * bound: a host whose receivers listen makes no Ground Station call. The window is the guard's
 * default (the mission's pre-pass + 5 min); the addresses are the plan's agent endpoints.
 */
import type { ContactsPort } from '../aws/contacts.ts';
import { defaultGuardMs } from '../contacts/hold.ts';
import { readHold, type GuardOptions } from '../contacts/read-hold.ts';
import { isToolError } from '../errors.ts';
import type { Fact, UdpSocketFact } from '../facts/types.ts';
import type { HostFacts, Mission } from '../types.ts';
import { silentDownlinks } from './checks/receiver-checks.ts';
import type { ContactHoldFact, PlanFact } from './types.ts';

export interface ContactHoldSource {
  /** Ground Station's contacts in a region; absent: not asked. */
  contacts?: (region: string) => ContactsPort;
  /** AWS_REGION, winning over the instance's own region. */
  regionOverride?: string;
  /** The run's clocks (host and AWS's): windows are judged on both. */
  clock?: GuardOptions['clock'];
}

export async function readContactHold(
  mission: Mission | undefined,
  host: Fact<HostFacts>,
  plan: PlanFact,
  udpSockets: Fact<UdpSocketFact[]> | undefined,
  o: ContactHoldSource,
): Promise<ContactHoldFact | undefined> {
  if (!mission || !udpSockets?.ok || !silentDownlinks(mission, udpSockets.value).length) return undefined;
  if (!o.contacts || !o.clock) return { notAsked: 'Ground Station not asked' };
  if (!host.ok) return { notAsked: host.reason };
  if (!plan.ok) return { notAsked: `no plan, so no agent address to match contacts on: ${plan.reason}` };
  const guardMs = defaultGuardMs(mission.contact.prePassSeconds);
  const addrs = plan.value.endpoints.map((e) => ({ ip: e.agent.ip, ports: e.agent.ports }));
  const region = o.regionOverride || host.value.instance.region;
  try {
    const hold = await readHold({ contacts: o.contacts(region), addrs, guardMs, clock: o.clock });
    return { guardMs, hold: { ok: true, value: hold } };
  } catch (err) {
    if (!isToolError(err)) throw err;
    return { guardMs, hold: { ok: false, reason: err.message.split('\n')[0] } };
  }
}
