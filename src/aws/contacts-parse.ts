/**
 * Parses ListContacts and DescribeContact answers strictly, from the JSON the wire carried
 * (contacts-wire.ts): the SDK's deserializer turns a time sent as a string into a Date and
 * passes an unknown status through, and the guard must know what was sent. A contact is sound
 * only with a UUID id, a status of the model's enum and epoch-second numbers for its times with
 * pre-pass ≤ start ≤ end ≤ post-pass; otherwise it is returned unjudged, with every reason. A
 * page that is not a listing at all is an IncompleteAnswerError (read again, then exit 5).
 */
import { needsEscape } from '../display.ts';
import { parseDataflowList } from './contact-dataflows.ts';
import { IncompleteAnswerError } from './parse-group.ts';
import {
  CONTACT_STATUSES,
  type ContactStatus,
  type ContactSummary,
  type DescribedContact,
  type ListedContact,
  type UnjudgedContact,
} from './contact-types.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The model's Uuid (contactId): anything else is never put into a DescribeContact path. */
export const CONTACT_ID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;

const quote = (v: unknown): string => (typeof v === 'string' ? `"${v.slice(0, 80)}"` : (JSON.stringify(v) ?? 'undefined'));

/** A restJson1 timestamp: epoch seconds as a JSON number. */
function time(c: Obj, key: string, problems: string[], required: boolean): number | undefined {
  const v = c[key];
  if (v === undefined || v === null) {
    if (required) problems.push(`it has no ${key}`);
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    problems.push(`${key} is ${typeof v === 'string' ? 'a string' : 'not a number'} (${quote(v)}), not epoch seconds`);
    return undefined;
  }
  return Math.round(v * 1000);
}

/** The model's satelliteArn and MissionProfileArn. */
const SATELLITE_ARN =
  /^arn:aws:groundstation:([-a-z0-9]{1,50})?:[0-9]{12}:satellite\/[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;
const MISSION_PROFILE_ARN =
  /^arn:aws:groundstation:[-a-z0-9]{1,50}:[0-9]{12}:mission-profile\/[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;

/** A field shown to the operator, never judged by: kept only when it has its documented form (else it is left out). */
function shownText(v: unknown, pattern?: RegExp): string | undefined {
  if (typeof v !== 'string' || v.length > 256 || needsEscape(v)) return undefined;
  return !pattern || pattern.test(v) ? v : undefined;
}

interface Read {
  summary?: ContactSummary;
  unjudged: UnjudgedContact;
}

/** Every field the guard judges by, checked; `summary` only when nothing is wrong. */
function readContact(c: unknown): Read {
  if (!isObject(c)) return { unjudged: { problems: ['the answer has an entry that is not a contact object'] } };
  const problems: string[] = [];
  const id = typeof c.contactId === 'string' && CONTACT_ID.test(c.contactId) ? c.contactId : undefined;
  if (!id) problems.push(c.contactId === undefined ? 'it has no contactId' : `its contactId ${quote(c.contactId)} is not a UUID`);
  const status = c.contactStatus;
  const known = typeof status === 'string' && (CONTACT_STATUSES as readonly string[]).includes(status);
  if (!known) problems.push(status === undefined ? 'it has no contactStatus' : `status ${quote(status)} is unknown`);
  const startMs = time(c, 'startTime', problems, true);
  const endMs = time(c, 'endTime', problems, true);
  const pre = time(c, 'prePassStartTime', problems, false);
  const post = time(c, 'postPassEndTime', problems, false);
  if (startMs !== undefined && endMs !== undefined && endMs < startMs) problems.push('its endTime is before its startTime');
  if (pre !== undefined && startMs !== undefined && pre > startMs) problems.push('its prePassStartTime is after its startTime');
  if (post !== undefined && endMs !== undefined && post < endMs) problems.push('its postPassEndTime is before its endTime');
  const shown = {
    satelliteArn: shownText(c.satelliteArn, SATELLITE_ARN),
    groundStation: shownText(c.groundStation),
  };
  const unjudged: UnjudgedContact = defined({
    id,
    status: known ? (status as ContactStatus) : undefined,
    ...shown,
    startMs,
    endMs,
    problems,
  });
  if (problems.length) return { unjudged };
  return {
    unjudged,
    summary: defined({
      id: id!,
      status: status as ContactStatus,
      startMs: startMs!,
      endMs: endMs!,
      prePassStartMs: pre ?? startMs!,
      postPassEndMs: post ?? endMs!,
      ...shown,
      missionProfileArn: shownText(c.missionProfileArn, MISSION_PROFILE_ARN),
      region: shownText(c.region, /^[a-z]{2}(-[a-z]+)+-\d$/),
    }),
  };
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** One ListContacts page: its contacts (sound or not) and its next token; a page of another shape is an incomplete answer. */
export function parseContactPage(body: unknown): { contacts: ListedContact[]; nextToken?: string } {
  const b = isObject(body) ? body : {};
  const list = b.contactList ?? [];
  const token = b.nextToken;
  if (!Array.isArray(list) || (token !== undefined && token !== null && (typeof token !== 'string' || token.length > 1000))) {
    throw new IncompleteAnswerError(
      `ListContacts answered a page that is not a contact listing (contactList ${Array.isArray(list) ? 'a list' : 'not a list'}, nextToken ${typeof token}); no disruptive step was taken. Retry ListContacts: run the command again in a moment.`,
    );
  }
  const contacts = list.map((c): ListedContact => {
    const r = readContact(c);
    return r.summary ? { sound: true, contact: r.summary } : { sound: false, contact: r.unjudged };
  });
  return { contacts, ...(typeof token === 'string' && token !== '' && { nextToken: token }) };
}

/** A DescribeContact answer for `askedId`: sound only for that id, with readable times and dataflows. */
export function parseDescribedContact(body: unknown, askedId: string): DescribedContact {
  const answered = isObject(body) ? body.contactId : undefined;
  if (answered !== askedId) {
    // An answer for another id (or none) tells nothing of this contact, its dataflows included.
    const other = answered === undefined ? 'no contact id' : `another contact (${quote(answered)})`;
    return { sound: false, contact: { id: askedId, problems: [`DescribeContact answered for ${other}`] } };
  }
  const r = readContact(body);
  const flows = parseDataflowList((body as Obj).dataflowList);
  if (r.summary && 'endpoints' in flows) return { sound: true, contact: { ...r.summary, endpoints: flows.endpoints } };
  const problems = 'problem' in flows ? [...r.unjudged.problems, flows.problem] : r.unjudged.problems;
  return { sound: false, contact: { ...r.unjudged, ...('endpoints' in flows && { endpoints: flows.endpoints }), problems } };
}
