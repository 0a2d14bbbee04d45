/**
 * Issue 20 (h20-last): receiver-listening fails when a contact of this host is in progress or due
 * within the guard window, or when the schedule could not be read (fail closed); warns otherwise.
 * The pure check, and when the schedule is asked at all (readContactHold: only with a receiver unbound).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notRead, unreadDoctorFacts } from '../../helpers/doctor-facts.ts';
import { receiverListening } from '../../../src/doctor/checks/receiver-checks.ts';
import { readContactHold } from '../../../src/doctor/read-contact-hold.ts';
import { formatChecks } from '../../../src/doctor/run-checks.ts';
import type { ContactHoldFact, DoctorInput } from '../../../src/doctor/types.ts';
import type { Hold } from '../../../src/contacts/hold.ts';
import type { UdpSocketFact } from '../../../src/facts/types.ts';
import type { Mission } from '../../../src/types.ts';

const mission = {
  name: 'wideband',
  contact: { prePassSeconds: 120, postPassSeconds: 60 },
  dataflows: [{ name: 'd0', direction: 'downlink', address: { host: '127.0.0.1', port: 55000 } }],
} as unknown as Mission;
const none: UdpSocketFact[] = [];
const bound: UdpSocketFact[] = [{ family: 4, address: '0.0.0.0', port: 55000 }];

const input = (contactHold?: ContactHoldFact, sockets = none): DoctorInput => ({
  host: notRead(),
  plan: { ok: false, reason: 'no plan' },
  mission,
  doctor: unreadDoctorFacts({ udpSockets: { ok: true, value: sockets } }),
  ...(contactHold && { contactHold }),
});
const ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const START = Date.UTC(2026, 11, 6, 16, 0, 0);
const GUARD = 7 * 60_000;
const held = (contact: Hold['contact'], extra: Partial<Hold> = {}): ContactHoldFact => ({
  guardMs: GUARD,
  hold: { ok: true, value: { contact, others: [], ...extra } },
});

test('a contact due within the guard window: fail, naming the contact, its start and the port', () => {
  const r = receiverListening(input(held({ id: ID, status: 'SCHEDULED', startMs: START })));
  assert.equal(r.status, 'fail');
  assert.match(r.evidence, /^no UDP socket bound for dataflow d0 of mission wideband: deliverTo 127\.0\.0\.1:55000 /);
  assert.match(
    r.evidence,
    new RegExp(
      `; contact ${ID} \\(SCHEDULED, start 2026-12-06T16:00:00\\.000Z\\) uses this host: in progress or due within the guard window \\(7 min\\)$`,
    ),
  );
  assert.match(r.fix, /^start the receiver for d0 on UDP 127\.0\.0\.1:55000 now /);
});

test('a contact id that is not one is quoted as data, and escaped on the terminal', () => {
  const r = receiverListening(input(held({ id: 'x\u001b[2J', status: 'PASS' })));
  assert.equal(r.status, 'fail');
  assert.match(r.evidence, /contact "x\\u001b\[2J" \(PASS\) uses this host/);
  const line = formatChecks([r]);
  assert.deepEqual(
    [...line].filter((c) => c.charCodeAt(0) < 0x20 && c !== '\n'),
    [],
  );
});

test('a contact that cannot be judged, or a schedule that cannot be read: fail (fail closed)', () => {
  const unjudged = receiverListening(
    input(held({ id: ID }, { unjudged: `contact ${ID} could not be judged: status "NEW" is unknown; treated as holding this host` })),
  );
  assert.equal(unjudged.status, 'fail');
  assert.match(unjudged.evidence, /could not be judged: status "NEW" is unknown; treated as holding this host$/);
  const unread = receiverListening(input({ guardMs: GUARD, hold: notRead('ListContacts: AccessDenied') }));
  assert.equal(unread.status, 'fail');
  assert.match(
    unread.evidence,
    /; the contact schedule could not be read \(ListContacts: AccessDenied\): a contact that cannot be read counts as due, as for the contact guard$/,
  );
});

test('no contact near: warn as before, saying so; not asked: warn saying why; bound: ok whatever the schedule', () => {
  const free = receiverListening(input({ guardMs: GUARD, hold: { ok: true, value: undefined } }));
  assert.equal(free.status, 'warn');
  assert.match(free.evidence, /; no contact of this host is in progress or due within the guard window \(7 min\)$/);
  assert.match(free.fix, /before the contact/);
  const notAsked = receiverListening(input({ notAsked: 'host facts unavailable: IMDS' }));
  assert.equal(notAsked.status, 'warn');
  assert.match(notAsked.evidence, /; the contact schedule was not checked \(host facts unavailable: IMDS\)$/);
  assert.equal(receiverListening(input(held({ id: ID, status: 'PASS' }), bound)).status, 'ok');
});

test('the schedule is asked only when a receiver is unbound, and never without a mission', async () => {
  let asked = 0;
  const contacts = () => {
    asked++;
    throw new Error('not to be called');
  };
  const clock = { now: () => START, host: () => START, skewMs: () => 0 };
  const host = notRead<never>('no host');
  const plan = { ok: false as const, reason: 'no plan' };
  const o = { contacts, clock };
  assert.equal(await readContactHold(mission, host, plan, { ok: true, value: bound }, o), undefined);
  assert.equal(await readContactHold(undefined, host, plan, { ok: true, value: none }, o), undefined);
  assert.equal(await readContactHold(mission, host, plan, notRead('cut'), o), undefined);
  assert.deepEqual(await readContactHold(mission, host, plan, { ok: true, value: none }, o), { notAsked: 'no host' });
  assert.deepEqual(await readContactHold(mission, host, plan, { ok: true, value: none }, {}), { notAsked: 'Ground Station not asked' });
  assert.equal(asked, 0);
});
