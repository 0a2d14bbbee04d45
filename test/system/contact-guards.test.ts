/**
 * The contact guard from the CLI, against the sandbox: destroy and --apply-tuning refused while
 * a contact holds the host (exit 8, nothing deleted), destroy --force, and a contact of another
 * host whose endpoints have the same names does not hold this one (matched on the agent address).
 */
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CancelContactCommand } from '@aws-sdk/client-groundstation';
import { createDataflowEndpointGroupV2 } from '../../src/aws/create-dataflow-endpoint-group-v2.ts';
import type { CreateEndpointDetailsWire } from '../../src/types.ts';
import { runMain } from '../helpers/cli.ts';
import { applyRenamedExample, reserveContactOn, sdkClient } from '../helpers/contacts-fixtures.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';

const f = useSandbox('guards');
const S = 1000;

afterEach(async () => {
  const client = sdkClient(f.sb);
  for (const id of f.sb.contacts.contacts.keys()) await client.send(new CancelContactCommand({ contactId: id }));
});

async function appliedHost(name: string) {
  return applyRenamedExample(f.sb, 'guard', name);
}

async function passNow(names: string[]): Promise<string> {
  const now = Date.now();
  return reserveContactOn(f.sb, names, now - 60 * S, now + 600 * S);
}

const groupIds = () => [...f.sb.groundStation.groups.keys()];

test('destroy during a pass is refused with exit 8 and deletes nothing; --force destroys with a warning', async () => {
  f.sb.hostAgent.running = true;
  const h = await appliedHost('guard-destroy');
  const id = await passNow(h.names);
  const r = await runMain(['destroy', '--yes', '--root', h.root], f.sb.env);
  assert.equal(r.code, 8, r.err);
  assert.match(r.err, new RegExp(`refused: contact ${id} .*PASS.*destroy would delete the group it uses`));
  assert.ok(groupIds().includes(h.report.dataflowEndpointGroupId));
  await readFile(join(h.root, 'opt/aws/groundstation/etc/aws-gs-agent-config.json'), 'utf8');
  const forced = await runMain(['destroy', '--yes', '--force', '--root', h.root], f.sb.env);
  assert.equal(forced.code, 0, forced.err);
  assert.match(forced.err, /WARNING: --force: contact .* this breaks the contact/);
  assert.ok(!groupIds().includes(h.report.dataflowEndpointGroupId));
});

test('apply --apply-tuning during a pass: tuning refused, exit 8, nothing else disturbed', async () => {
  f.sb.hostAgent.running = true;
  const h = await appliedHost('guard-tuning');
  const id = await passNow(h.names);
  const r = await runMain(['apply', h.mission, '--root', h.root, '--apply-tuning', '--json'], f.sb.env);
  assert.equal(r.code, 8, r.err);
  const report = JSON.parse(r.out);
  assert.equal(report.action, 'keep');
  assert.deepEqual(report.deferred.steps, ['tuning']);
  assert.equal(report.deferred.contactId, id);
  assert.match(report.tuning.skipped, /contact holds this host/);
  // Without --apply-tuning nothing disruptive is pending: no contact lookup, exit 0.
  const calls = f.sb.actions.length;
  const plain = await runMain(['apply', h.mission, '--root', h.root, '--json'], f.sb.env);
  assert.equal(plain.code, 0, plain.err);
  assert.ok(!f.sb.actions.slice(calls).includes('groundstation:ListContacts'), 'no contact lookup when nothing disruptive is pending');
});

test('a contact on another host whose endpoints have the same names does not hold this host', async () => {
  f.sb.hostAgent.running = false;
  const h = await appliedHost('guard-fleet');
  // Another host of the fleet: same endpoint names, its own Elastic IP, its agent registered.
  const otherIp = '198.51.100.99';
  f.sb.accountIps.push(otherIp);
  const endpoints = h.report.endpoints.map(
    (e: { name: string; agentPortRange: { minimum: number; maximum: number } }): CreateEndpointDetailsWire => ({
      downlinkAwsGroundStationAgentEndpoint: {
        name: e.name,
        dataflowDetails: {
          agentConnectionDetails: {
            agentIpAndPortAddress: { socketAddress: { name: otherIp, portRange: e.agentPortRange }, mtu: 1500 },
            egressAddressAndPort: { socketAddress: { name: '127.0.0.1', port: 55000 } },
          },
        },
      },
    }),
  );
  const other = await createDataflowEndpointGroupV2(sdkClient(f.sb), { endpoints });
  f.sb.groundStation.setAgentRegistered(other.dataflowEndpointGroupId!, true);
  const id = await passNow(h.names);
  assert.equal(f.sb.contacts.contacts.get(id)?.groupId, other.dataflowEndpointGroupId, 'scheduled on the other host');
  await writeFile(h.mission, h.v1.replace('deliverTo: 127.0.0.1:55000', 'deliverTo: 127.0.0.1:55010'));
  const r = await runMain(['apply', h.mission, '--root', h.root, '--json'], f.sb.env);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out);
  assert.equal(report.deferred, null);
  assert.deepEqual(report.retiredGroups, [h.report.dataflowEndpointGroupId]);
  assert.ok(f.sb.actions.includes('groundstation:DescribeContact'), 'the contact was looked at, and judged by its agent address');
});

test('bring your own group: switching to it during a pass does nothing (exit 8); after the contact it switches', async () => {
  f.sb.hostAgent.running = true;
  const h = await appliedHost('guard-byo');
  const plan = JSON.parse((await runMain(['plan', h.mission, '--root', h.root, '--json'], f.sb.env)).out);
  const byo = await createDataflowEndpointGroupV2(sdkClient(f.sb), { ...plan.request, tags: { owner: 'iac' } });
  const id = await passNow(h.names);
  assert.equal(f.sb.contacts.contacts.get(id)?.groupId, h.report.dataflowEndpointGroupId);
  await writeFile(h.mission, `${h.v1}\ngroup: ${byo.dataflowEndpointGroupId}\n`);
  const held = await runMain(['apply', h.mission, '--root', h.root], f.sb.env);
  assert.equal(held.code, 8, held.err);
  assert.match(held.err, new RegExp(`deferred: contact ${id} `));
  const config = JSON.parse(await readFile(join(h.root, 'opt/aws/groundstation/etc/aws-gs-agent-config.json'), 'utf8'));
  assert.equal(config.capabilities[0], h.report.dataflowEndpointGroupArn);
  assert.ok(groupIds().includes(h.report.dataflowEndpointGroupId));
  await sdkClient(f.sb).send(new CancelContactCommand({ contactId: id }));
  const done = await runMain(['apply', h.mission, '--root', h.root, '--json'], f.sb.env);
  assert.equal(done.code, 0, done.err);
  assert.deepEqual(JSON.parse(done.out).retiredGroups, [h.report.dataflowEndpointGroupId]);
});

test('contacts cannot be listed (role without ListContacts): no disruptive step, exit 4; --force overrides loudly', async () => {
  const h = await appliedHost('guard-denied');
  await writeFile(h.mission, h.v1.replace('deliverTo: 127.0.0.1:55000', 'deliverTo: 127.0.0.1:55010'));
  f.sb.injectFault({ action: 'groundstation:ListContacts', status: 400, code: 'AccessDeniedException', count: Infinity });
  try {
    const r = await runMain(['apply', h.mission, '--root', h.root], f.sb.env);
    assert.equal(r.code, 4, r.err);
    assert.match(r.err, /ListContacts/);
    const config = JSON.parse(await readFile(join(h.root, 'opt/aws/groundstation/etc/aws-gs-agent-config.json'), 'utf8'));
    assert.equal(config.capabilities[0], h.report.dataflowEndpointGroupArn, 'agent config not switched');
    assert.ok(groupIds().includes(h.report.dataflowEndpointGroupId), 'old group kept');
    const forced = await runMain(['apply', h.mission, '--root', h.root, '--force', '--json'], f.sb.env);
    assert.equal(forced.code, 0, forced.err);
    assert.match(forced.err, /WARNING: --force: contacts could not be checked/);
    assert.ok(!groupIds().includes(h.report.dataflowEndpointGroupId));
  } finally {
    f.sb.clearFaults();
  }
});
