/**
 * The I/O around hold.ts: lists the contacts that may hold this host, describes every one in or
 * near its window and every one that could not be judged from the listing, and optionally waits
 * (bounded, with back-off) until the host is free. Windows are judged on the host's clock and on
 * AWS's (the Date of the answers, aws-clock.ts): a host whose clock is off still sees its contacts.
 */
import type { ContactsPort, DescribedContact, ListedContact } from '../aws/contacts.ts';
import type { AwsClock } from '../aws-clock.ts';
import { isAccessDenied } from '../aws/map-aws-error.ts';
import { isToolError, TransientError } from '../errors.ts';
import { monotonicNow } from '../run-deadline.ts';
import { describeHold, findHold, holdsAt, LIVE_STATUSES, type Hold, type HostAddress } from './hold.ts';

const HOUR = 3_600_000;
/** How far the listing window reaches either side of now (AWS does not say whether it selects by overlap or containment). */
const WINDOW_MS = 12 * HOUR;
/** DescribeContact calls one guard check makes at most. */
export const MAX_NEAR = 200;

export interface GuardOptions {
  contacts: ContactsPort;
  addrs: HostAddress[];
  guardMs: number;
  clock: Pick<AwsClock, 'now' | 'host' | 'skewMs'>;
}

/** The instants a window is judged at: the host's clock and AWS's, once when they agree. */
function instants(clock: GuardOptions['clock']): number[] {
  const host = clock.host();
  const aws = clock.now();
  return host === aws ? [host] : [host, aws];
}

const listAround = (o: GuardOptions, at: number[]) =>
  o.contacts.listContacts({
    statuses: [...LIVE_STATUSES],
    startMs: Math.min(...at) - WINDOW_MS,
    endMs: Math.max(...at) + o.guardMs + WINDOW_MS,
  });

/** A listed contact and its DescribeContact answer as one: sound only when both are. */
export function mergeContact(listed: ListedContact, described: DescribedContact | undefined): DescribedContact {
  if (listed.sound && described?.sound) return described;
  const fromList = listed.sound ? { ...listed.contact, problems: [] } : listed.contact;
  const d = described?.contact;
  const problems = [...fromList.problems, ...(described && !described.sound ? described.contact.problems : [])];
  return {
    sound: false,
    contact: {
      ...fromList,
      ...(d && { ...d }),
      id: fromList.id ?? d?.id,
      problems: [...new Set(problems)],
      ...(d?.endpoints && { endpoints: d.endpoints }),
    },
  };
}

/** The contacts to describe: near their window at any instant, or not judgeable from the listing; each id once. */
function candidates(listed: ListedContact[], at: number[], guardMs: number): ListedContact[] {
  const byId = new Map<string, ListedContact>();
  const noId: ListedContact[] = [];
  for (const l of listed) {
    if (l.sound && !at.some((t) => holdsAt(l.contact, t, guardMs))) continue;
    if (l.contact.id === undefined) noId.push(l);
    else if (!byId.has(l.contact.id) || !l.sound) byId.set(l.contact.id, l);
  }
  return [...byId.values(), ...noId];
}

/**
 * DescribeContact of a listed contact. An answer that cannot be read (garbled, refused for
 * another reason than access, hanging past the retries) leaves that contact unjudged, so it
 * holds the host (exit 8): the listing was read, so this is not "nothing could be read". A role
 * without DescribeContact is still exit 4 (add the permission), and a bug is still a bug.
 */
async function describe(contacts: ContactsPort, id: string): Promise<DescribedContact> {
  try {
    return await contacts.describeContact(id);
  } catch (err) {
    if (!isToolError(err) || isAccessDenied(err)) throw err;
    return {
      sound: false,
      contact: { id, problems: [`its DescribeContact answer could not be read (${err.message.split('\n')[0]})`] },
    };
  }
}

/** The hold on this host, or undefined when it is free; thrown when the contacts could not be read at all (exit 5, or 4 refused). */
export async function readHold(o: GuardOptions): Promise<Hold | undefined> {
  const asked = instants(o.clock);
  let listing = await listAround(o, asked);
  let at = instants(o.clock);
  // The listing's own Date header may have shown a skew wider than the window allows: list again around AWS's time.
  if (Math.min(...at) < Math.min(...asked) - WINDOW_MS / 2 || Math.max(...at) > Math.max(...asked) + WINDOW_MS / 2) {
    listing = await listAround(o, at);
    at = instants(o.clock);
  }
  const near = candidates(listing.contacts, at, o.guardMs);
  // Every near contact must be judged (skipping one could break its pass): too many is a listing bound, not a guess.
  if (near.length > MAX_NEAR) {
    throw new TransientError(
      `${near.length} contacts run, start within the guard window or could not be judged from ListContacts; at most ${MAX_NEAR} are described, so no disruptive step was taken. Retry after them, or use --force.`,
    );
  }
  const described: DescribedContact[] = [];
  for (const l of near) described.push(mergeContact(l, l.contact.id ? await describe(o.contacts, l.contact.id) : undefined));
  const hold = findHold(described, o.addrs, instants(o.clock), o.guardMs, listing.unfinished);
  const skew = o.clock.skewMs();
  return hold && (skew !== 0 ? { ...hold, skewMs: skew } : hold);
}

/** Polls start 5 s apart, doubling to once a minute; never more often than once a second. */
export const POLL_FIRST_MS = 5_000;
export const POLL_MAX_MS = 60_000;
export const POLL_MIN_MS = 1_000;

/** The pause before the next poll: the back-off, or just past the hold's end when that comes first. */
export function nextPollMs(backoffMs: number, hold: Hold, awsNowMs: number): number {
  const toEnd = hold.untilMs === undefined ? Number.POSITIVE_INFINITY : hold.untilMs - awsNowMs + 1000;
  return Math.max(POLL_MIN_MS, toEnd > 0 ? Math.min(backoffMs, toEnd) : backoffMs);
}

export interface WaitOptions extends GuardOptions {
  /** How long the wait may last (ms): the smaller of --wait-max and what the run's deadline leaves. */
  waitMs: number;
  progress?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  /** A clock that only moves forward (ms): the wait's own bound, whatever the wall clock does. */
  monotonic?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until the host is free (undefined) or the wait ends (the hold still in force). */
export async function waitForFree(o: WaitOptions): Promise<Hold | undefined> {
  const mono = o.monotonic ?? monotonicNow;
  const sleep = o.sleep ?? realSleep;
  const end = mono() + o.waitMs;
  let backoff = POLL_FIRST_MS;
  for (;;) {
    const hold = await readHold(o);
    if (!hold) return undefined;
    const left = end - mono();
    if (left < POLL_MIN_MS) return hold;
    o.progress?.(`waiting: ${describeHold(hold)}`);
    const pause = nextPollMs(backoff, hold, Math.min(...instants(o.clock)));
    await sleep(Math.min(pause, left));
    if (pause >= backoff) backoff = Math.min(POLL_MAX_MS, backoff * 2);
  }
}
