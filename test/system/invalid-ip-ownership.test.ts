/**
 * INVALID_IP_OWNERSHIP (AWS's remedy: delete and recreate the group once the IP is right): status
 * says what apply will do; apply replaces the group only when EC2 shows the Elastic IP on this
 * host, and like any replace it waits for a contact holding the host.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CancelContactCommand } from '@aws-sdk/client-groundstation';
import { example, runMain } from '../helpers/cli.ts';
import { reserveContactOn, sdkClient } from '../helpers/contacts-fixtures.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';

const f = useSandbox('invalid-ip');

test('a group reporting INVALID_IP_OWNERSHIP is replaced once the Elastic IP is verified, contact-guarded', async () => {
  f.sb.hostAgent.running = true;
  const file = join(f.root, 'mission.yaml');
  await writeFile(file, await readFile(example('wideband-downlink.yaml'), 'utf8'));
  const first = JSON.parse((await runMain(['apply', file, '--root', f.root, '--json'], f.sb.env)).out);
  const g1 = first.dataflowEndpointGroupId as string;
  const healthy = await runMain(['status', '--root', f.root], f.sb.env);
  assert.equal(healthy.code, 0, healthy.out);

  // A contact is running on it, then the group reports INVALID_IP_OWNERSHIP (as one created before its EIP was associated).
  const client = sdkClient(f.sb);
  const now = Date.now();
  const contactId = await reserveContactOn(f.sb, ['noaa20-wideband-digif-downlink'], now - 60_000, now + 600_000);
  f.sb.groundStation.groups.get(g1)!.ipOwnershipInvalid = true;

  const status = await runMain(['status', '--root', f.root, '--json'], f.sb.env);
  assert.equal(status.code, 6);
  const problems: string[] = JSON.parse(status.out).groups[0].problems;
  assert.ok(
    problems.some((p) => /^INVALID_IP_OWNERSHIP: apply replaces the group once EC2 shows the Elastic IP on this instance/.test(p)),
    problems.join('\n'),
  );

  // Without EC2 the Elastic IP cannot be verified: kept, with a warning.
  const unverified = await runMain(['apply', file, '--root', f.root, '--json', '--skip-ec2-checks'], f.sb.env);
  assert.equal(unverified.code, 0, unverified.err);
  const u = JSON.parse(unverified.out);
  assert.equal(u.action, 'keep');
  assert.ok(u.warnings.some((w: string) => w.includes('reports INVALID_IP_OWNERSHIP') && w.includes('not replaced')));

  // Verified, but the contact holds the host: the new group is made, the switch deferred (exit 8).
  const held = await runMain(['apply', file, '--root', f.root, '--json'], f.sb.env);
  assert.equal(held.code, 8, held.err);
  const h = JSON.parse(held.out);
  assert.equal(h.action, 'replace');
  assert.equal(h.deferred.contactId, contactId);
  assert.ok(f.sb.groundStation.groups.has(g1));

  // Contact over: the replace finishes; one healthy group left.
  await client.send(new CancelContactCommand({ contactId }));
  const done = await runMain(['apply', file, '--root', f.root, '--json'], f.sb.env);
  assert.equal(done.code, 0, done.err);
  const d = JSON.parse(done.out);
  assert.deepEqual(d.retiredGroups, [g1]);
  assert.ok(!f.sb.groundStation.groups.has(g1));
  assert.equal(f.sb.groundStation.groups.size, 1);
  const after = await runMain(['status', '--root', f.root], f.sb.env);
  assert.equal(after.code, 0, after.out);
});
