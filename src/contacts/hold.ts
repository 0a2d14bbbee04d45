/**
 * Whether a contact holds this host: pure, from the contacts, now and the guard window. A
 * contact holds the host from the start of its pre-pass to the end of its post-pass; the guard
 * extends that to contacts about to begin. "Which host" is answered by the agent address (the
 * Elastic IP and port ranges of the contact's dataflow endpoints), since endpoint names repeat
 * across a fleet serving the same mission profile.
 */
import type { ContactDetail } from '../aws/contact-types.ts';
import type { PortRange } from '../types.ts';

/** Where this host's agent is reached: its Elastic IP and one endpoint's port range. */
export interface HostAddress {
  ip: string;
  ports: PortRange;
}

export interface Hold {
  contact: ContactDetail;
  /** When the host is free again: the latest post-pass end of the holding contacts (epoch ms). */
  untilMs: number;
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
export function usesHost(c: ContactDetail, addrs: HostAddress[]): boolean {
  return c.endpoints.some((e) => addrs.some((a) => a.ip === e.agentIp && overlaps(a.ports, e.ports)));
}

/** Whether `c` holds (or is about to hold, within `guardMs`) a host it uses, at `now`. */
export function holdsAt(
  c: ContactDetail | { status: string; prePassStartMs: number; postPassEndMs: number },
  now: number,
  guardMs: number,
): boolean {
  if (!(LIVE_STATUSES as readonly string[]).includes(c.status)) return false;
  if (RUNNING.has(c.status)) return true;
  return c.prePassStartMs - guardMs <= now && now < c.postPassEndMs;
}

/** The hold on this host, or undefined when it is free. */
export function findHold(contacts: ContactDetail[], addrs: HostAddress[], now: number, guardMs: number): Hold | undefined {
  const holding = contacts.filter((c) => usesHost(c, addrs) && holdsAt(c, now, guardMs));
  if (holding.length === 0) return undefined;
  const untilMs = Math.max(...holding.map((c) => c.postPassEndMs));
  const contact = holding.find((c) => c.status !== 'SCHEDULED' && c.status !== 'SCHEDULING') ?? holding[0];
  return { contact, untilMs };
}

/** One line naming the contact, as the deferral message and status print it. */
export function describeHold(h: Hold): string {
  const c = h.contact;
  const sat = c.satelliteArn ? c.satelliteArn.split('/').pop() : 'unknown satellite';
  return `contact ${c.id} (satellite ${sat}${c.groundStation ? ` at ${c.groundStation}` : ''}, ${c.status}) holds this host until ${new Date(h.untilMs).toISOString()} (end of post-pass)`;
}
