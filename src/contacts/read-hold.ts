/**
 * The I/O around contact-hold.ts: lists the contacts that may hold this host, describes the
 * ones in or near their window, and optionally waits (bounded) until the host is free.
 */
import type { ContactDetail, ContactsPort } from '../aws/contacts.ts';
import { AwsCallError } from '../errors.ts';
import { findHold, holdsAt, LIVE_STATUSES, type Hold, type HostAddress } from './hold.ts';

const HOUR = 3_600_000;
/** DescribeContact calls one guard check makes at most. */
export const MAX_NEAR = 200;

export interface GuardOptions {
  contacts: ContactsPort;
  addrs: HostAddress[];
  guardMs: number;
  now?: () => number;
}

/**
 * The window is wide on both sides: AWS does not document whether startTime/endTime select by
 * overlap or containment, and a running contact may have started hours ago.
 */
export async function readHold(o: GuardOptions): Promise<Hold | undefined> {
  const now = (o.now ?? Date.now)();
  const listed = await o.contacts.listContacts({
    statuses: [...LIVE_STATUSES],
    startMs: now - 12 * HOUR,
    endMs: now + o.guardMs + 12 * HOUR,
  });
  const near = listed.filter((c) => holdsAt(c, now, o.guardMs));
  // Every near contact must be judged (skipping one could break its pass): too many is an error, not a guess.
  if (near.length > MAX_NEAR) {
    throw new AwsCallError(
      'TooManyContacts',
      `${near.length} contacts run or start within the guard window; at most ${MAX_NEAR} are described`,
      ['no disruptive step was taken; retry after them, or use --force'],
    );
  }
  const details: ContactDetail[] = [];
  for (const c of near) details.push(await o.contacts.describeContact(c.id));
  return findHold(details, o.addrs, now, o.guardMs);
}

export interface WaitOptions extends GuardOptions {
  /**
   * Milliseconds left of the wait (the smaller of --wait-max and the run's deadline), on the
   * monotonic clock: a wall clock stepped back must not stretch it.
   */
  waitLeftMs: () => number;
  progress?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until the host is free (undefined) or the wait ends (the hold still in force). */
export async function waitForFree(o: WaitOptions): Promise<Hold | undefined> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? realSleep;
  for (;;) {
    const hold = await readHold(o);
    if (!hold) return undefined;
    const left = o.waitLeftMs();
    if (left <= 0) return hold;
    o.progress?.(`waiting for contact ${hold.contact.id} (${hold.contact.status}) to end at ${new Date(hold.untilMs).toISOString()}`);
    // Re-check soon after the hold should end, and at least every 30 s (a contact may be cancelled).
    await sleep(Math.max(200, Math.min(30_000, hold.untilMs - now() + 1000, left)));
  }
}
