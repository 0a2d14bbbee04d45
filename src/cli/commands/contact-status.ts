/**
 * The contact side of `status`: the next contacts (24 h) that will use this host (matched on
 * its agent address) and the mission-profile wiring check. Listing contacts is informative: a
 * failure there is reported, not fatal; a wiring mismatch is a problem (exit 6).
 */
import type { Runtime } from '../runtime.ts';
import type { GroundStationPort } from '../../aws/groundstation.ts';
import type { ContactDetail } from '../../aws/contacts.ts';
import { LIVE_STATUSES, usesHost } from '../../apply/contact-hold.ts';
import { checkWiring, type WiringProfile, type WiringReport } from '../../apply/profile-wiring.ts';
import type { HostState } from '../../apply/state-file.ts';
import type { Plan } from '../../types.ts';
import { contactsFor, hostAddresses } from './contact-guards.ts';

const HOUR = 3_600_000;
/** DescribeContact calls one status makes at most. */
const MAX_DESCRIBED = 100;

export interface ContactLine { contactId: string; start: string; end: string; satelliteArn: string | null; groundStation: string | null; status: string }

export interface ContactsStatus { next: ContactLine[]; wiring: WiringReport; error: string | null }

const iso = (ms: number) => new Date(ms).toISOString();

function line(c: ContactDetail): ContactLine {
  return { contactId: c.id, start: iso(c.startMs), end: iso(c.endMs), satelliteArn: c.satelliteArn ?? null, groundStation: c.groundStation ?? null, status: c.status };
}

export async function readContactsStatus(rt: Runtime, region: string, gs: GroundStationPort, states: HostState[], endpointNames: string[], profiles: WiringProfile[]): Promise<ContactsStatus> {
  const port = contactsFor(region, rt);
  const wiring = await checkWiring(port, profiles, endpointNames, region);
  const now = Date.now();
  try {
    const addrs = await hostAddresses(gs, [], states.flatMap((s) => [s.groupId, ...s.retiring]));
    const listed = await port.listContacts({ statuses: [...LIVE_STATUSES], startMs: now - 12 * HOUR, endMs: now + 24 * HOUR });
    const soon = listed.filter((c) => c.postPassEndMs > now && c.startMs < now + 24 * HOUR).sort((a, b) => a.startMs - b.startMs);
    const next: ContactLine[] = [];
    // Bounded: a fleet's account may hold many contacts a day; the earliest are the ones that matter.
    if (soon.length > MAX_DESCRIBED) wiring.notes.push(`${soon.length} contacts in the next 24 h: only the first ${MAX_DESCRIBED} were checked for this host`);
    for (const c of soon.slice(0, MAX_DESCRIBED)) {
      const d = await port.describeContact(c.id);
      if (usesHost(d, addrs)) next.push(line(d));
    }
    return { next, wiring, error: null };
  } catch (err) {
    return { next: [], wiring, error: (err as Error).message.split('\n')[0] };
  }
}

export function formatContactsStatus(c: ContactsStatus): string[] {
  const lines: string[] = [];
  if (c.error) lines.push(`  contacts: could not be listed (${c.error})`);
  else if (c.next.length === 0) lines.push('  no contact will use this host in the next 24 h');
  else {
    lines.push('  next contacts on this host (24 h):');
    for (const n of c.next) lines.push(`    ${n.start} to ${n.end}  ${n.status}  satellite ${n.satelliteArn?.split('/').pop() ?? '-'} at ${n.groundStation ?? '-'}  (contact ${n.contactId})`);
  }
  for (const n of c.wiring.notes) lines.push(`  note: ${n}`);
  return lines;
}

/** plan's view of the wiring: mismatches as warnings (the group may not exist yet); a failed read is a warning too. */
export async function wiringWarnings(plan: Plan, region: string, rt: Runtime): Promise<string[]> {
  const profiles = (plan.profiles ?? []).filter((p) => p.missionProfile !== undefined);
  if (profiles.length === 0) return [];
  try {
    const r = await checkWiring(contactsFor(region, rt), profiles, plan.endpoints.map((e) => e.name), region);
    return [...r.problems, ...r.notes];
  } catch (err) {
    return [`mission profile wiring not checked: ${(err as Error).message.split('\n')[0]}`];
  }
}
