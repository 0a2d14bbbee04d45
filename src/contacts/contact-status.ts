/**
 * The contact side of `status`: the next contacts (24 h) that will use this host (matched on
 * its agent address), those that may use it but could not be judged, and the mission-profile
 * wiring check. Listing contacts is informative: a failure there is reported, not fatal; a
 * wiring mismatch is a problem (exit 6); a wiring read that fails is `unknown`, with why.
 */
import type { ContactsPort, DescribedContact, ListedContact } from '../aws/contacts.ts';
import { LIVE_STATUSES, usesHost } from './hold.ts';
import { checkWiring, type WiringProfile, type WiringReport } from './profile-wiring.ts';
import type { GroupState, Plan } from '../types.ts';
import { hostAddresses } from './hold-check.ts';
import { mergeContact } from './read-hold.ts';

const HOUR = 3_600_000;
/** DescribeContact calls one status makes at most. */
const MAX_DESCRIBED = 100;

export interface ContactLine {
  contactId: string | null;
  start: string | null;
  end: string | null;
  satelliteArn: string | null;
  groundStation: string | null;
  status: string | null;
  /** Set when the contact could not be judged (it may use this host): why. */
  unjudged: string | null;
}

export interface ContactsStatus {
  next: ContactLine[];
  wiring: WiringReport;
  error: string | null;
  /** Set when the contact listing stopped before its end: why (contacts past it are not shown). */
  unfinished: string | null;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

function line(d: DescribedContact): ContactLine {
  const c = d.contact;
  return {
    contactId: c.id ?? null,
    start: iso(c.startMs),
    end: iso(c.endMs),
    satelliteArn: c.satelliteArn ?? null,
    groundStation: c.groundStation ?? null,
    status: c.status ?? null,
    unjudged: d.sound ? null : d.contact.problems.join('; '),
  };
}

export interface ContactsStatusQuery {
  region: string;
  /** The groups this host has (kept and being retired): their agent addresses are this host's. */
  groupIds: string[];
  endpointNames: string[];
  profiles: WiringProfile[];
  /** Epoch ms now, on AWS's clock as the run measured it. */
  now: () => number;
}

/** The listed contacts of the next 24 h, earliest first; those that cannot be judged come too. */
function upcoming(listed: ListedContact[], now: number): ListedContact[] {
  const soon = listed.filter((l) => !l.sound || (l.contact.postPassEndMs > now && l.contact.startMs < now + 24 * HOUR));
  const start = (l: ListedContact) => l.contact.startMs ?? Number.POSITIVE_INFINITY;
  return soon.sort((a, b) => start(a) - start(b));
}

export async function readContactsStatus(
  port: ContactsPort,
  readGroup: (id: string) => Promise<GroupState | undefined>,
  q: ContactsStatusQuery,
): Promise<ContactsStatus> {
  const wiring = await checkWiring(port, q.profiles, q.endpointNames, q.region);
  try {
    const addrs = await hostAddresses(readGroup, [], q.groupIds);
    const asked = q.now();
    const listing = await port.listContacts({ statuses: [...LIVE_STATUSES], startMs: asked - 12 * HOUR, endMs: asked + 24 * HOUR });
    const soon = upcoming(listing.contacts, q.now());
    const next: ContactLine[] = [];
    // Bounded: a fleet's account may hold many contacts a day; the earliest are the ones that matter.
    if (soon.length > MAX_DESCRIBED)
      wiring.notes.push(`${soon.length} contacts in the next 24 h: only the first ${MAX_DESCRIBED} were checked for this host`);
    for (const l of soon.slice(0, MAX_DESCRIBED)) {
      const d = mergeContact(l, l.contact.id ? await port.describeContact(l.contact.id) : undefined);
      const endpoints = d.contact.endpoints;
      if (endpoints === undefined ? !d.sound : usesHost(endpoints, addrs)) next.push(line(d));
    }
    return { next, wiring, error: null, unfinished: listing.unfinished ?? null };
  } catch (err) {
    return { next: [], wiring, error: (err as Error).message.split('\n')[0], unfinished: null };
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
    return [...r.problems, ...r.notes, ...r.unknown.map((u) => `mission profile wiring unknown: ${u}`)];
  } catch (err) {
    return [`mission profile wiring not checked: ${(err as Error).message.split('\n')[0]}`];
  }
}
