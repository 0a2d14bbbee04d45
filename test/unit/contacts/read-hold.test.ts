/**
 * The guard's reads over a contacts port of plain data (the real SDK port is tested against the
 * sandbox and hostile servers in test/unit/aws/contacts.test.ts): what is described, the listing
 * bound (exit 5), a window re-listed around AWS's time, and the wait's back-off.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContactDetail, ContactListing, ContactsPort, DescribedContact } from '../../../src/aws/contacts.ts';
import { AwsCallError, TransientError } from '../../../src/errors.ts';
import { MAX_NEAR, mergeContact, nextPollMs, POLL_MIN_MS, readHold, waitForFree } from '../../../src/contacts/read-hold.ts';

const HOST = [{ ip: '203.0.113.10', ports: { min: 42000, max: 42299 } }];
const NOW = 1_800_000_000_000;
const detail = (over: Partial<ContactDetail> = {}): ContactDetail => ({
  id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  status: 'SCHEDULED',
  startMs: NOW + 600_000,
  endMs: NOW + 900_000,
  prePassStartMs: NOW + 480_000,
  postPassEndMs: NOW + 960_000,
  endpoints: [{ name: 'dl', direction: 'downlink', agentIp: '203.0.113.10', ports: { min: 42000, max: 42049 } }],
  ...over,
});

interface Calls {
  lists: Array<{ startMs: number; endMs: number }>;
  described: string[];
}

function port(
  listing: () => ContactListing,
  describe: (id: string) => DescribedContact = (id) => ({ sound: true, contact: detail({ id }) }),
) {
  const calls: Calls = { lists: [], described: [] };
  const p: ContactsPort = {
    listContacts: async (q) => {
      calls.lists.push({ startMs: q.startMs, endMs: q.endMs });
      return listing();
    },
    describeContact: async (id) => {
      calls.described.push(id);
      return describe(id);
    },
    getMissionProfile: () => Promise.reject(new Error('not used')),
    getConfig: () => Promise.reject(new Error('not used')),
  };
  return { p, calls };
}

const fixed = (host: number, aws = host) => ({ host: () => host, now: () => aws, skewMs: () => aws - host });

test('only contacts near their window, or not judgeable from the listing, are described; each id once', async () => {
  const far = detail({
    id: '1a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    prePassStartMs: NOW + 7_200_000,
    startMs: NOW + 7_300_000,
    endMs: NOW + 7_400_000,
    postPassEndMs: NOW + 7_500_000,
  });
  const near = detail();
  const odd = { id: '2a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', problems: ['status "NEWSTATUS" is unknown'] };
  const { p, calls } = port(() => ({
    contacts: [
      { sound: true, contact: far },
      { sound: true, contact: near },
      { sound: true, contact: near },
      { sound: false, contact: odd },
    ],
  }));
  const hold = await readHold({ contacts: p, addrs: HOST, guardMs: 600_000, clock: fixed(NOW) });
  assert.deepEqual(calls.described, [near.id, odd.id]);
  assert.equal(hold?.contact?.id, near.id);
  assert.match(hold?.others[0] ?? '', /NEWSTATUS/);
});

test('a DescribeContact that fails (not for lack of permission) leaves its contact unjudged: it holds the host; access denied is still thrown', async () => {
  const near = detail();
  const failing = (err: Error) => {
    const { p } = port(
      () => ({ contacts: [{ sound: true, contact: near }] }),
      () => {
        throw err;
      },
    );
    return readHold({ contacts: p, addrs: HOST, guardMs: 600_000, clock: fixed(NOW) });
  };
  const hold = await failing(new TransientError('DescribeContact failed: the answer is not JSON'));
  assert.equal(hold?.contact?.id, near.id);
  assert.match(
    hold?.unjudged ?? '',
    new RegExp(
      `^contact ${near.id} could not be judged: its DescribeContact answer could not be read \\(DescribeContact failed: the answer is not JSON\\); treated as holding this host$`,
    ),
  );
  const denied = new AwsCallError('AccessDeniedException', 'DescribeContact was refused: AccessDeniedException');
  await assert.rejects(failing(denied), (e: unknown) => e === denied);
  const bug = new Error('a bug');
  await assert.rejects(failing(bug), (e: unknown) => e === bug);
});

test(`more than ${MAX_NEAR} contacts to describe is a listing bound: exit 5, nothing judged`, async () => {
  const many = Array.from({ length: MAX_NEAR + 1 }, (_, i) => ({
    sound: true as const,
    contact: detail({ id: `0a1b2c3d-4e5f-4a6b-8c7d-${String(i).padStart(12, '0')}`, status: 'PASS' }),
  }));
  const { p, calls } = port(() => ({ contacts: many }));
  await assert.rejects(
    readHold({ contacts: p, addrs: HOST, guardMs: 0, clock: fixed(NOW) }),
    (e: unknown) => e instanceof TransientError && e.exitCode === 5 && new RegExp(`at most ${MAX_NEAR} are described`).test(e.message),
  );
  assert.deepEqual(calls.described, []);
});

test("a skew the listing's own answer revealed past half the window: listed again around AWS's time", async () => {
  let aws = NOW + 2 * 86_400_000;
  const clock = { host: () => aws, now: () => aws, skewMs: () => 0 };
  const { p, calls } = port(() => {
    // The first answer's Date header: the host is two days ahead.
    if (calls.lists.length === 1) aws = NOW;
    return { contacts: [{ sound: true, contact: detail() }] };
  });
  clock.host = () => NOW + 2 * 86_400_000;
  const hold = await readHold({ contacts: p, addrs: HOST, guardMs: 600_000, clock });
  assert.equal(calls.lists.length, 2);
  assert.ok(calls.lists[1].startMs <= NOW - 12 * 3_600_000 && calls.lists[1].endMs >= NOW + 12 * 3_600_000);
  assert.equal(hold?.contact?.id, detail().id);
});

test('mergeContact: sound only when both answers are; the dataflows of DescribeContact, the reasons of both', () => {
  const listed = { sound: false as const, contact: { id: 'x', problems: ['status "NEW" is unknown'] } };
  const merged = mergeContact(listed, { sound: true, contact: detail({ id: 'x' }) });
  assert.equal(merged.sound, false);
  assert.deepEqual(merged.contact.problems, ['status "NEW" is unknown']);
  assert.equal(merged.contact.endpoints?.length, 1);
  const both = mergeContact(
    { sound: true, contact: detail() },
    { sound: false, contact: { id: detail().id, problems: ['DescribeContact answered without dataflowList'] } },
  );
  assert.equal(both.sound, false);
  assert.deepEqual(both.contact.problems, ['DescribeContact answered without dataflowList']);
});

test('waits poll with back-off: 5 s doubling to a minute, never more often than once a second', async () => {
  let mono = 0;
  const sleeps: number[] = [];
  const unjudged = { sound: false as const, contact: { id: 'u', problems: ['status "NEW" is unknown'] } };
  const { p, calls } = port(() => ({ contacts: [unjudged] }));
  const hold = await waitForFree({
    contacts: p,
    addrs: HOST,
    guardMs: 0,
    clock: fixed(NOW),
    waitMs: 300_000,
    monotonic: () => mono,
    sleep: async (ms) => {
      sleeps.push(ms);
      mono += ms;
    },
  });
  assert.ok(hold?.unjudged);
  assert.deepEqual(sleeps, [5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000, 45_000]);
  assert.equal(calls.lists.length, sleeps.length + 1);
});

test("a wait re-checks right after the hold's end, then finishes", async () => {
  let mono = 0;
  let aws = NOW;
  const sleeps: number[] = [];
  // POSTPASS ending 2.5 s from now; listed no more once it has ended.
  const ending = detail({
    status: 'POSTPASS',
    startMs: NOW - 300_000,
    endMs: NOW - 60_000,
    prePassStartMs: NOW - 420_000,
    postPassEndMs: NOW + 2_500,
  });
  const { p } = port(
    () => ({ contacts: aws < ending.postPassEndMs ? [{ sound: true, contact: ending }] : [] }),
    () => ({ sound: true, contact: ending }),
  );
  const hold = await waitForFree({
    contacts: p,
    addrs: HOST,
    guardMs: 0,
    clock: { host: () => aws, now: () => aws, skewMs: () => 0 },
    waitMs: 60_000,
    monotonic: () => mono,
    sleep: async (ms) => {
      sleeps.push(ms);
      mono += ms;
      aws += ms;
    },
  });
  assert.equal(hold, undefined);
  assert.deepEqual(sleeps, [3_500]);
  assert.equal(nextPollMs(5_000, { others: [], untilMs: NOW - 700 }, NOW), POLL_MIN_MS);
});
