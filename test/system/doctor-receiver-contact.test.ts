/**
 * Issue 20 (h20-last): receiver-listening through main() against the sandbox with the receivers
 * unbound (--break receiver-listening): a contact of this host due within the guard window fails
 * it naming the contact, its start and the port; a contact hours away leaves the warning; a
 * schedule that cannot be read fails it (fail closed); receivers bound: no contact call at all.
 */
import { after, afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { CancelContactCommand } from '@aws-sdk/client-groundstation';
import type { CheckResult } from '../../src/doctor/types.ts';
import { runMain } from '../helpers/cli.ts';
import { applyRenamedExample, createMissionProfile, reserveContact, sdkClient } from '../helpers/contacts-fixtures.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';

const f = useSandbox('doctor-receiver-contact', { breaks: ['receiver-listening'] });
const roots: string[] = [];
after(() => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));
afterEach(async () => {
  const client = sdkClient(f.sb);
  for (const id of f.sb.contacts.contacts.keys()) await client.send(new CancelContactCommand({ contactId: id })).catch(() => undefined);
});

async function hostWithContactIn(name: string, fromNowMs: number) {
  f.sb.hostAgent.running = true;
  const h = await applyRenamedExample(f.sb, 'doctor-rc', name);
  roots.push(h.root);
  const profile = await createMissionProfile(sdkClient(f.sb), h.names);
  const start = Date.now() + fromNowMs;
  const id = await reserveContact(sdkClient(f.sb), profile.arn, start, start + 300_000);
  return { ...h, id, start };
}

async function receiver(h: { mission: string; root: string }, env = f.sb.env) {
  const r = await runMain(['doctor', h.mission, '--root', h.root, '--json'], env);
  assert.ok(r.code === 0 || r.code === 6, r.err);
  return { code: r.code, check: (JSON.parse(r.out).checks as CheckResult[]).find((c) => c.id === 'receiver-listening')! };
}

test('a contact of this host starting in 3 minutes: receiver-listening fails, naming the contact, its start and the port', async () => {
  const h = await hostWithContactIn('rc-soon', 180_000);
  const { code, check } = await receiver(h);
  assert.equal(code, 6);
  assert.equal(check.status, 'fail');
  assert.match(check.evidence, /^no UDP socket bound for dataflow \S+ of mission rc-soon: deliverTo 127\.0\.0\.1:55000 /);
  assert.match(
    check.evidence,
    new RegExp(
      `; contact ${h.id} \\(SCHEDULED, start ${new Date(h.start).toISOString().slice(0, 19)}\\.\\d{3}Z\\) uses this host: in progress or due within the guard window \\(7 min\\)$`,
    ),
  );
  assert.match(check.fix, /^start the receiver for \S+ on UDP 127\.0\.0\.1:55000 now/);
});

test('a contact two hours away: the warning stays, saying no contact is near', async () => {
  const h = await hostWithContactIn('rc-later', 7_200_000);
  const { code, check } = await receiver(h);
  assert.equal(code, 0);
  assert.equal(check.status, 'warn');
  assert.match(check.evidence, /; no contact of this host is in progress or due within the guard window \(7 min\)$/);
});

test('the schedule cannot be read (ListContacts refused): fail closed, saying so', async () => {
  const h = await hostWithContactIn('rc-unread', 7_200_000);
  f.sb.injectFault({ action: 'groundstation:ListContacts', status: 500, code: 'InternalServerException', count: Infinity });
  try {
    const { code, check } = await receiver(h);
    assert.equal(code, 6);
    assert.equal(check.status, 'fail');
    assert.match(
      check.evidence,
      /; the contact schedule could not be read \(.*ListContacts.*\): a contact that cannot be read counts as due, as for the contact guard$/,
    );
  } finally {
    f.sb.clearFaults();
  }
});
