/** The pure hold decision: agent address match, pre-pass to post-pass, the guard window, statuses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultGuardMs, findHold, holdsAt, usesHost } from '../../../src/contacts/hold.ts';
import type { ContactDetail } from '../../../src/aws/contact-types.ts';

const HOST = [{ ip: '203.0.113.10', ports: { min: 42000, max: 42299 } }];
const c = (over: Partial<ContactDetail> = {}): ContactDetail => ({
  id: 'c1',
  status: 'SCHEDULED',
  startMs: 10_000_000,
  endMs: 10_600_000,
  prePassStartMs: 9_880_000,
  postPassEndMs: 10_720_000,
  endpoints: [{ name: 'm-dl', direction: 'downlink', agentIp: '203.0.113.10', ports: { min: 42000, max: 42299 } }],
  ...over,
});

test('usesHost: same Elastic IP and overlapping ports; a same-named endpoint elsewhere does not count', () => {
  assert.equal(usesHost(c(), HOST), true);
  assert.equal(
    usesHost(
      c({ endpoints: [{ name: 'm-dl', direction: 'downlink', agentIp: '198.51.100.99', ports: { min: 42000, max: 42299 } }] }),
      HOST,
    ),
    false,
  );
  assert.equal(
    usesHost(c({ endpoints: [{ name: 'm-dl', direction: 'downlink', agentIp: '203.0.113.10', ports: { min: 43000, max: 43299 } }] }), HOST),
    false,
  );
  assert.equal(usesHost(c({ endpoints: [] }), HOST), false);
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
  for (const status of ['COMPLETED', 'CANCELLED', 'FAILED', 'AWS_FAILED', 'FAILED_TO_SCHEDULE', 'AWS_CANCELLED']) {
    assert.equal(holdsAt(c({ status }), 10_100_000, 0), false, status);
  }
});

test('findHold: the running contact is named, free until the latest post-pass end', () => {
  const running = c({ id: 'run', status: 'PASS' });
  const next = c({ id: 'next', startMs: 10_700_000, endMs: 11_000_000, prePassStartMs: 10_580_000, postPassEndMs: 11_120_000 });
  const h = findHold([next, running], HOST, 10_590_000, 0)!;
  assert.equal(h.contact.id, 'run');
  assert.equal(h.untilMs, 11_120_000);
  assert.equal(findHold([running], [{ ip: '203.0.113.99', ports: { min: 1, max: 65535 } }], 10_100_000, 0), undefined);
});
