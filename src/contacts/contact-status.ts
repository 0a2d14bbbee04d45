/**
 * The contact side of `status`: the next contacts (24 h) that will use this host (matched on
 * its agent address) and the mission-profile wiring check. Listing contacts is informative: a
 * failure there is reported, not fatal; a wiring mismatch is a problem (exit 6).
 */
import type { ContactDetail, ContactsPort } from '../aws/contacts.ts';
import { LIVE_STATUSES, usesHost } from './hold.ts';
import { checkWiring, type WiringProfile, type WiringReport } from './profile-wiring.ts';
import type { GroupState, Plan } from '../types.ts';
import { hostAddresses } from './hold-check.ts';

const HOUR = 3_600_000;
/** DescribeContact calls one status makes at most. */
const MAX_DESCRIBED = 100;

export interface ContactLine {
  contactId: string;
  start: string;
  end: string;
  satelliteArn: string | null;
  groundStation: string | null;
  status: string;
}

export interface ContactsStatus {
  next: ContactLine[];
  wiring: WiringReport;
  error: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

function line(c: ContactDetail): ContactLine {
  return {
    contactId: c.id,
    start: iso(c.startMs),
    end: iso(c.endMs),
    satelliteArn: c.satelliteArn ?? null,
    groundStation: c.groundStation ?? null,
    status: c.status,
  };
}

export interface ContactsStatusQuery {
  region: string;
  /** The groups this host has (kept and being retired): their agent addresses are this host's. */
  groupIds: string[];
  endpointNames: string[];
  profiles: WiringProfile[];
  /** Epoch ms now. */
  now: number;
}

export async function readContactsStatus(
  port: ContactsPort,
  readGroup: (id: string) => Promise<GroupState | undefined>,
  q: ContactsStatusQuery,
): Promise<ContactsStatus> {
  const wiring = await checkWiring(port, q.profiles, q.endpointNames, q.region);
  const now = q.now;
  try {
    const addrs = await hostAddresses(readGroup, [], q.groupIds);
    const listed = await port.listContacts({ statuses: [...LIVE_STATUSES], startMs: now - 12 * HOUR, endMs: now + 24 * HOUR });
    const soon = listed.filter((c) => c.postPassEndMs > now && c.startMs < now + 24 * HOUR).sort((a, b) => a.startMs - b.startMs);
    const next: ContactLine[] = [];
    // Bounded: a fleet's account may hold many contacts a day; the earliest are the ones that matter.
    if (soon.length > MAX_DESCRIBED)
      wiring.notes.push(`${soon.length} contacts in the next 24 h: only the first ${MAX_DESCRIBED} were checked for this host`);
    for (const c of soon.slice(0, MAX_DESCRIBED)) {
      const d = await port.describeContact(c.id);
      if (usesHost(d, addrs)) next.push(line(d));
    }
    return { next, wiring, error: null };
  } catch (err) {
    return { next: [], wiring, error: (err as Error).message.split('\n')[0] };
  }
}

/** plan's view of the wiring: mismatches as warnings (the group may not exist yet); a failed read is a warning too. */
export async function wiringWarnings(plan: Plan, region: string, port: ContactsPort): Promise<string[]> {
  const profiles = (plan.profiles ?? []).filter((p) => p.missionProfile !== undefined);
  if (profiles.length === 0) return [];
  try {
    const r = await checkWiring(
      port,
      profiles,
      plan.endpoints.map((e) => e.name),
      region,
    );
    return [...r.problems, ...r.notes];
  } catch (err) {
    return [`mission profile wiring not checked: ${(err as Error).message.split('\n')[0]}`];
  }
}
