/**
 * Whether a contact holds this host: pure, from the contacts, now and the guard window. A
 * contact holds the host from the start of its pre-pass to the end of its post-pass; the guard
 * extends that to contacts about to begin. "Which host" is answered by the agent address (the
 * Elastic IP and port ranges of the contact's dataflow endpoints), since endpoint names repeat
 * across a fleet serving the same mission profile. Fail closed: a contact the answers did not
 * let us judge (unknown status, unreadable times or dataflows, another id than asked) holds
 * every host it may use, and a listing that could not be finished holds this host.
 */
import type { ContactDetail, ContactEndpoint, ContactSummary, DescribedContact, UnjudgedContact } from '../aws/contact-types.ts';
import type { PortRange } from '../types.ts';

/** Where this host's agent is reached: its Elastic IP and one endpoint's port range. */
export interface HostAddress {
  ip: string;
  ports: PortRange;
}

/** The contact a hold names, as far as it could be read. */
export interface HoldingContact {
  id?: string;
  status?: string;
  /** The contact's start (epoch ms), when it was read (doctor's receiver-listening names it). */
  startMs?: number;
  satelliteArn?: string;
  groundStation?: string;
}

export interface Hold {
  /** The contact the message names; absent when it is the listing that could not be finished. */
  contact?: HoldingContact;
  /** When the host is free again (the latest post-pass end of the contacts holding it); absent when that cannot be judged. */
  untilMs?: number;
  /** Set when the host is held for what could not be judged: the phrase saying what and why. */
  unjudged?: string;
  /** What else holds the host (a contact that could not be judged, an unfinished listing), one phrase each. */
  others: string[];
  /** AWS's clock minus the host's when they differ past the tolerance (aws-clock.ts): the windows were judged on both. */
  skewMs?: number;
  /** Set when --wait-for-contacts waited for it and the wait ran out first: how long, and which bound ended it. */
  wait?: WaitEnd;
}

/** A wait for a contact that ran out: --wait-max, or the run's deadline (the wait stops a margin before it). */
export interface WaitEnd {
  waitedSeconds: number;
  endedBy: 'wait-max' | 'deadline';
  waitMaxSeconds: number;
  /** --deadline in force (given, or the default raised for the wait). */
  deadlineSeconds?: number;
}

/** Statuses in which a contact may still use its group (queried from ListContacts). */
export const LIVE_STATUSES = ['SCHEDULING', 'SCHEDULED', 'PREPASS', 'PASS', 'POSTPASS'] as const;
/** Statuses in which the service says the contact is running, whatever the clocks say. */
const RUNNING = new Set(['PREPASS', 'PASS', 'POSTPASS']);

/** Margin added to the mission's prePassSeconds for the default guard: time for an agent restart to settle. */
export const GUARD_MARGIN_SECONDS = 300;

export function defaultGuardMs(prePassSeconds: number): number {
  return (prePassSeconds + GUARD_MARGIN_SECONDS) * 1000;
}

const overlaps = (a: PortRange, b: PortRange) => a.min <= b.max && b.min <= a.max;

/** A contact uses this host when one of its agent endpoints is on one of the host's addresses. */
export function usesHost(endpoints: ContactEndpoint[], addrs: HostAddress[]): boolean {
  return endpoints.some((e) => addrs.some((a) => a.ip === e.agentIp && overlaps(a.ports, e.ports)));
}

/** Whether `c` holds (or is about to hold, within `guardMs`) a host it uses, at `now`. */
export function holdsAt(c: Pick<ContactSummary, 'status' | 'prePassStartMs' | 'postPassEndMs'>, now: number, guardMs: number): boolean {
  if (!(LIVE_STATUSES as readonly string[]).includes(c.status)) return false;
  if (RUNNING.has(c.status)) return true;
  return c.prePassStartMs - guardMs <= now && now < c.postPassEndMs;
}

/** `contact X could not be judged: status "NEWSTATUS" is unknown; treated as holding this host`. */
export function unjudgedPhrase(c: UnjudgedContact): string {
  const name = c.id ? `contact ${c.id}` : 'a contact without a readable id';
  return `${name} could not be judged: ${c.problems.join('; ')}; treated as holding this host`;
}

export function unfinishedPhrase(why: string): string {
  return `the contact listing could not be finished (${why}); treated as holding this host`;
}

/**
 * The hold on this host at any of `instants` (the host's clock and AWS's, when they differ),
 * or undefined when it is free. `unfinished`: why the listing stopped before its end.
 */
export function findHold(
  contacts: DescribedContact[],
  addrs: HostAddress[],
  instants: number[],
  guardMs: number,
  unfinished?: string,
): Hold | undefined {
  const holding: ContactDetail[] = [];
  const unjudged: UnjudgedContact[] = [];
  for (const d of contacts) {
    if (d.sound) {
      if (usesHost(d.contact.endpoints, addrs) && instants.some((t) => holdsAt(d.contact, t, guardMs))) holding.push(d.contact);
    } else if (d.contact.endpoints === undefined || usesHost(d.contact.endpoints, addrs)) unjudged.push(d.contact);
  }
  const reasons = [...unjudged.map(unjudgedPhrase), ...(unfinished ? [unfinishedPhrase(unfinished)] : [])];
  if (holding.length) {
    const contact = holding.find((c) => RUNNING.has(c.status)) ?? holding[0];
    return { contact, untilMs: Math.max(...holding.map((c) => c.postPassEndMs)), others: reasons };
  }
  if (!reasons.length) return undefined;
  return { ...(unjudged[0] && { contact: unjudged[0] }), unjudged: reasons[0], others: reasons.slice(1) };
}

/** One line naming what holds the host, as the deferral message and status print it. */
export function describeHold(h: Hold): string {
  if (h.unjudged !== undefined || !h.contact) return h.unjudged ?? unfinishedPhrase('no reason given');
  const c = h.contact;
  const sat = c.satelliteArn ? c.satelliteArn.split('/').pop()! : 'unknown satellite';
  const at = c.groundStation ? ` at ${c.groundStation}` : '';
  const until = h.untilMs !== undefined ? ` until ${new Date(h.untilMs).toISOString()} (end of post-pass)` : '';
  return `contact ${c.id} (satellite ${sat}${at}, ${c.status}) holds this host${until}`;
}

/** The hold's other reasons and the clock skew, as detail lines. */
export function holdDetails(h: Hold): string[] {
  const lines = h.others.map((o) => `also: ${o}`);
  if (h.skewMs !== undefined) {
    const s = Math.round(Math.abs(h.skewMs) / 1000);
    lines.push(
      `this host's clock is ${s} s ${h.skewMs < 0 ? 'ahead of' : 'behind'} AWS's (the Date of its answers): contact windows were judged on both clocks; check NTP (chronyc tracking)`,
    );
  }
  return lines;
}
