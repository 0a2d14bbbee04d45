/**
 * Issue 19 item 7, through main() against the sandbox: a bring-your-own apply deferred by a
 * contact records the deferral in the state file like the owned path; `status` during a
 * deferred switch says which group the agent serves now and which is pending; `status` still
 * shows the groups' health when a mission profile cannot be read (the wiring is `unknown`, and why).
 */
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CancelContactCommand } from '@aws-sdk/client-groundstation';
import { createDataflowEndpointGroupV2 } from '../../src/aws/create-dataflow-endpoint-group-v2.ts';
import { runMain } from '../helpers/cli.ts';
import { applyRenamedExample, createMissionProfile, reserveContactOn, sdkClient } from '../helpers/contacts-fixtures.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';

const f = useSandbox('deferral-status');
const S = 1000;
const STATE = 'var/lib/gs-agent-config/state.json';
const CONFIG = 'opt/aws/groundstation/etc/aws-gs-agent-config.json';

// Every test runs on the same simulated host (same Elastic IP and ports): end its contacts and faults.
afterEach(async () => {
  f.sb.clearFaults();
  const client = sdkClient(f.sb);
  for (const id of f.sb.contacts.contacts.keys()) await client.send(new CancelContactCommand({ contactId: id }));
});

/** A contact running now on the group that serves `names` (the sandbox clock moved back to reserve it). */
async function passNow(names: string[]): Promise<string> {
  const now = Date.now();
  return reserveContactOn(f.sb, names, now - 60 * S, now + 600 * S);
}

const readJson = async (root: string, path: string) => JSON.parse(await readFile(join(root, path), 'utf8'));

test('status during a deferred switch names the group the agent serves now and the one pending (text and --json)', async () => {
  f.sb.hostAgent.running = true;
  const h = await applyRenamedExample(f.sb, 'defer-status', 'defer-status');
  const g1 = h.report.dataflowEndpointGroupArn as string;
  const id = await passNow(h.names);
  await writeFile(h.mission, h.v1.replace('deliverTo: 127.0.0.1:55000', 'deliverTo: 127.0.0.1:55010'));
  const held = await runMain(['apply', h.mission, '--root', h.root, '--json'], f.sb.env);
  assert.equal(held.code, 8, held.err);
  const g2 = JSON.parse(held.out).dataflowEndpointGroupArn as string;
  assert.notEqual(g2, g1);

  const json = await runMain(['status', '--root', h.root, '--json'], f.sb.env);
  const s = JSON.parse(json.out);
  assert.equal(s.groups.length, 1);
  assert.equal(s.groups[0].deferred.servingGroupArn, g1);
  assert.equal(s.groups[0].deferred.pendingGroupArn, g2);
  assert.equal(s.groups[0].deferred.contactId, id);
  assert.deepEqual(s.groups[0].deferred.steps, ['agent-config', 'restart', 'retire']);

  const text = await runMain(['status', '--root', h.root], f.sb.env);
  assert.match(text.out, new RegExp(`\\n  agent serves now: ${g1}\\n  pending \\(switch deferred\\): ${g2}\\n`));
  assert.match(text.out, new RegExp(`the agent serves ${g1} now; ${g2} is pending: .*deferred \\(by contact ${id} until \\d{4}-`));
  assert.equal(text.code, json.code);
});

test('bring your own group during a pass: the deferral is recorded like the owned path (state file, status), nothing switched; then it finishes', async () => {
  f.sb.hostAgent.running = true;
  const h = await applyRenamedExample(f.sb, 'defer-byo', 'defer-byo');
  const g1 = h.report.dataflowEndpointGroupArn as string;
  const plan = JSON.parse((await runMain(['plan', h.mission, '--root', h.root, '--json'], f.sb.env)).out);
  const byo = await createDataflowEndpointGroupV2(sdkClient(f.sb), { ...plan.request, tags: { owner: 'iac' } });
  const byoArn = f.sb.groundStation.groups.get(byo.dataflowEndpointGroupId!)!.arn;
  const id = await passNow(h.names);
  await writeFile(h.mission, `${h.v1}\ngroup: ${byo.dataflowEndpointGroupId}\n`);

  const held = await runMain(['apply', h.mission, '--root', h.root, '--json'], f.sb.env);
  assert.equal(held.code, 8, held.err);
  const report = JSON.parse(held.out);
  assert.equal(report.deferred.contactId, id);
  assert.deepEqual(report.retiredGroups, []);
  assert.equal((await readJson(h.root, CONFIG)).capabilities[0], g1, "the agent config still names the contact's group");
  const state = await readJson(h.root, STATE);
  assert.equal(state.groupId, byo.dataflowEndpointGroupId);
  assert.equal(state.owned, false);
  assert.equal(state.deferred.contactId, id);
  assert.equal(state.deferred.activeGroupArn, g1);
  assert.ok(state.deferred.steps.includes('agent-config'), state.deferred.steps.join(', '));
  assert.ok(f.sb.groundStation.groups.has(h.report.dataflowEndpointGroupId), 'the old group kept');

  const status = JSON.parse((await runMain(['status', '--root', h.root, '--json'], f.sb.env)).out);
  assert.equal(status.groups[0].deferred.servingGroupArn, g1);
  assert.equal(status.groups[0].deferred.pendingGroupArn, byoArn);

  await sdkClient(f.sb).send(new CancelContactCommand({ contactId: id }));
  const done = await runMain(['apply', h.mission, '--root', h.root, '--json'], f.sb.env);
  assert.equal(done.code, 0, done.err);
  assert.equal((await readJson(h.root, CONFIG)).capabilities[0], byoArn);
  assert.equal((await readJson(h.root, STATE)).deferred, undefined);
});

test('status when the mission profile cannot be read: the groups are still shown, the wiring is unknown and why', async () => {
  f.sb.hostAgent.running = true;
  const h = await applyRenamedExample(f.sb, 'wiring-unknown', 'wiring-unknown');
  const profile = await createMissionProfile(sdkClient(f.sb), h.names, { name: 'unread' });
  await writeFile(h.mission, `${h.v1}\nprofiles:\n  - name: pa\n    dataflows: [digif-downlink]\n    missionProfile: ${profile.arn}\n`);
  const applied = await runMain(['apply', h.mission, '--root', h.root], f.sb.env);
  assert.equal(applied.code, 0, applied.err);

  f.sb.injectFault({ action: 'groundstation:GetMissionProfile', status: 400, code: 'AccessDeniedException', count: Infinity });
  const json = await runMain(['status', '--root', h.root, '--json'], f.sb.env);
  assert.ok(json.code === 0 || json.code === 6, `exit ${json.code}: ${json.err}`);
  const s = JSON.parse(json.out);
  assert.equal(s.groups.length, 1);
  assert.equal(s.groups[0].groupArn, h.report.dataflowEndpointGroupArn);
  assert.ok(s.groups[0].endpoints.length > 0, 'the endpoints health is shown');
  assert.deepEqual(s.wiring.problems, []);
  assert.equal(s.wiring.unknown.length, 1);
  assert.match(s.wiring.unknown[0], /^profile pa: .*GetMissionProfile/);

  const text = await runMain(['status', '--root', h.root], f.sb.env);
  assert.equal(text.code, json.code);
  assert.match(text.out, new RegExp(`^mission wiring-unknown: group ${h.report.dataflowEndpointGroupArn}`, 'm'));
  assert.match(text.out, /^ {2}mission profile wiring: unknown \(profile pa: .*GetMissionProfile.*\)$/m);
  assert.equal(text.err, '');
});
