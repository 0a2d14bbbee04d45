/**
 * The pure hold decision: agent address match, pre-pass to post-pass, the guard window,
 * statuses, both clocks, and fail closed on what could not be judged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultGuardMs, describeHold, findHold, holdDetails, holdsAt, usesHost } from '../../../src/contacts/hold.ts';
import type { ContactDetail, ContactStatus, DescribedContact, UnjudgedContact } from '../../../src/aws/contact-types.ts';

const HOST = [{ ip: '203.0.113.10', ports: { min: 42000, max: 42299 } }];
const HERE = [{ name: 'm-dl', direction: 'downlink' as const, agentIp: '203.0.113.10', ports: { min: 42000, max: 42299 } }];
const ELSEWHERE = [{ name: 'm-dl', direction: 'downlink' as const, agentIp: '198.51.100.99', ports: { min: 42000, max: 42299 } }];
const c = (over: Partial<ContactDetail> = {}): ContactDetail => ({
  id: 'c1',
  status: 'SCHEDULED',
  startMs: 10_000_000,
  endMs: 10_600_000,
  prePassStartMs: 9_880_000,
  postPassEndMs: 10_720_000,
  endpoints: HERE,
  ...over,
});
const sound = (over: Partial<ContactDetail> = {}): DescribedContact => ({ sound: true, contact: c(over) });
const unjudged = (over: Partial<UnjudgedContact> = {}): DescribedContact => ({
  sound: false,
  contact: { id: 'u1', problems: ['status "NEWSTATUS" is unknown'], ...over },
});

test('usesHost: same Elastic IP and overlapping ports; a same-named endpoint elsewhere does not count', () => {
  assert.equal(usesHost(HERE, HOST), true);
  assert.equal(usesHost(ELSEWHERE, HOST), false);
  assert.equal(usesHost([{ ...HERE[0], ports: { min: 43000, max: 43299 } }], HOST), false);
  assert.equal(usesHost([], HOST), false);
});

test('holds from the start of pre-pass to the end of post-pass; the guard extends it to contacts about to begin', () => {
  const x = c();
  assert.equal(holdsAt(x, x.prePassStartMs - 1, 0), false);
  assert.equal(holdsAt(x, x.prePassStartMs, 0), true);
  assert.equal(holdsAt(x, x.postPassEndMs - 1, 0), true);
  assert.equal(holdsAt(x, x.postPassEndMs, 0), false);
  assert.equal(holdsAt(x, x.prePassStartMs - 60_000, 60_000), true);
  assert.equal(holdsAt(x, x.prePassStartMs - 60_001, 60_000), false);
  assert.equal(defaultGuardMs(120), 420_000);
});

test('a running status holds whatever the clocks say; terminal statuses never hold', () => {
  assert.equal(holdsAt(c({ status: 'POSTPASS' }), 99_000_000, 0), true);
  const terminal: ContactStatus[] = ['COMPLETED', 'CANCELLED', 'FAILED', 'AWS_FAILED', 'FAILED_TO_SCHEDULE', 'AWS_CANCELLED'];
  for (const status of terminal) assert.equal(holdsAt(c({ status }), 10_100_000, 0), false, status);
});

test('findHold: the running contact is named, free until the latest post-pass end', () => {
  const running = sound({ id: 'run', status: 'PASS' });
  const next = sound({ id: 'next', startMs: 10_700_000, endMs: 11_000_000, prePassStartMs: 10_580_000, postPassEndMs: 11_120_000 });
  const h = findHold([next, running], HOST, [10_590_000], 0)!;
  assert.equal(h.contact?.id, 'run');
  assert.equal(h.untilMs, 11_120_000);
  assert.deepEqual(h.others, []);
  assert.equal(findHold([running], [{ ip: '203.0.113.99', ports: { min: 1, max: 65535 } }], [10_100_000], 0), undefined);
});

test("findHold on both clocks: a contact three minutes away on AWS's clock holds a host whose clock is an hour ahead", () => {
  const aws = 9_880_000 - 180_000;
  const host = aws + 3_600_000;
  assert.equal(findHold([sound()], HOST, [host], 0), undefined, 'the host clock alone misses it');
  assert.equal(findHold([sound()], HOST, [host, aws], defaultGuardMs(120))?.contact?.id, 'c1');
});

test('fail closed: an unjudged contact that may use this host holds it, with the reason; one shown elsewhere does not', () => {
  const h = findHold([unjudged()], HOST, [0], 0)!;
  assert.equal(h.untilMs, undefined);
  assert.equal(describeHold(h), 'contact u1 could not be judged: status "NEWSTATUS" is unknown; treated as holding this host');
  assert.equal(findHold([unjudged({ endpoints: HERE })], HOST, [0], 0)?.contact?.id, 'u1');
  assert.equal(findHold([unjudged({ endpoints: ELSEWHERE })], HOST, [0], 0), undefined);
  const noId = findHold([unjudged({ id: undefined, problems: ['it has no contactId'] })], HOST, [0], 0)!;
  assert.match(describeHold(noId), /^a contact without a readable id could not be judged: it has no contactId/);
});

test('fail closed: an unfinished listing holds the host; a judged hold is named first, the rest as details', () => {
  const listing = findHold([], HOST, [0], 0, 'ListContacts had more than 20 pages')!;
  assert.equal(listing.contact, undefined);
  assert.equal(
    describeHold(listing),
    'the contact listing could not be finished (ListContacts had more than 20 pages); treated as holding this host',
  );
  const both = findHold([unjudged(), sound({ status: 'PASS' })], HOST, [10_100_000], 0, 'ListContacts had more than 20 pages')!;
  assert.equal(both.contact?.id, 'c1');
  assert.equal(both.untilMs, 10_720_000);
  assert.deepEqual(holdDetails({ ...both, skewMs: -3_600_000 }), [
    'also: contact u1 could not be judged: status "NEWSTATUS" is unknown; treated as holding this host',
    'also: the contact listing could not be finished (ListContacts had more than 20 pages); treated as holding this host',
    "this host's clock is 3600 s ahead of AWS's (the Date of its answers): contact windows were judged on both clocks; check NTP (chronyc tracking)",
  ]);
});
