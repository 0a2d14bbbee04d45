/**
 * `fleet` against `sandbox --fleet 4`: every host applied with --report-compliance; host 2 in a
 * pass with a deferred change, host 3's instance gone (orphan), host 4's agent not running
 * (unhealthy). Read from "a laptop": no IMDS reachable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { example, runMain } from '../helpers/cli.ts';
import { createMissionProfile, reserveContact, sdkClient } from '../helpers/contacts-fixtures.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import type { FleetOutcome } from '../../src/fleet/read-fleet.ts';
import { needsEscape } from '../../src/display.ts';

const fx = useSandbox('fleet', { fleet: 4 });

test('fleet shows converged, deferred-in-a-pass, orphaned and unhealthy hosts; exit 6; no IMDS', async () => {
  const members = [fx.sb, ...fx.sb.fleet];
  assert.equal(members.length, 4);
  const roots = await Promise.all(members.map((_, i) => mkdtemp(join(tmpdir(), `gsac-fleet-${i + 1}-`))));
  try {
    const text = await readFile(example('wideband-downlink.yaml'), 'utf8');
    const mission = join(roots[0], 'mission.yaml');
    await writeFile(mission, text);
    for (const [i, m] of members.entries()) {
      const r = await runMain(['apply', mission, '--root', roots[i], '--report-compliance'], m.env);
      assert.equal(r.code, 0, r.err);
      assert.doesNotMatch(r.err, /warning/, r.err);
    }
    // A contact on host 2 only (its agent alone registered when it is reserved), then in its pass.
    const names = [...fx.sb.groundStation.groups.values()][0].endpoints.map((e) =>
      'downlinkAwsGroundStationAgentEndpoint' in e ? e.downlinkAwsGroundStationAgentEndpoint.name : '',
    );
    const client = sdkClient(fx.sb);
    const profile = await createMissionProfile(client, names.filter(Boolean));
    members[1].hostAgent.running = true;
    const start = Date.now() + 3_600_000;
    const contactId = await reserveContact(client, profile.arn, start, start + 600_000);
    const g2 = [...fx.sb.groundStation.groups.values()].find((g) => g.tags['gs-agent-config:instance-id'] === members[1].host.instanceId);
    assert.equal(
      fx.sb.contacts.contacts.get(contactId)?.groupId,
      g2?.id,
      JSON.stringify({ names, reg: [...fx.sb.groundStation.groups.values()].map((g) => g.agentRegistered) }),
    );
    fx.sb.contacts.clock.advance(3_600_000 + 60_000);
    members[0].hostAgent.running = true;
    members[2].hostAgent.running = true;
    // Host 2: a changed mission while in the pass → deferred (exit 8), reported as Deferred.
    const changed = join(roots[1], 'changed.yaml');
    await writeFile(changed, text.replace('deliverTo: 127.0.0.1:55000', 'deliverTo: 127.0.0.1:55020'));
    const deferred = await runMain(['apply', changed, '--root', roots[1], '--report-compliance'], members[1].env);
    assert.equal(deferred.code, 8, deferred.out + deferred.err);
    // Hosts 1 and 3 report again now that their agents run.
    for (const i of [0, 2]) assert.equal((await runMain(['status', '--root', roots[i], '--report-compliance'], members[i].env)).code, 0);
    // Host 3's instance is terminated.
    fx.sb.fleetHosts.splice(fx.sb.fleetHosts.indexOf(members[2].host), 1);

    const laptop = { ...fx.sb.env, AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' };
    const before = fx.sb.actions.length;
    const r = await runMain(['fleet', '--json'], laptop);
    assert.equal(r.code, 6, r.err);
    const calls = fx.sb.actions.slice(before);
    assert.equal(calls.filter((a) => a.startsWith('imds:')).length, 0);
    const o = JSON.parse(r.out) as FleetOutcome;
    const byId = new Map(o.hosts.map((h) => [h.instanceId, h]));
    const [h1, h2, h3, h4] = members.map((m) => byId.get(m.host.instanceId)!);
    assert.equal(o.hosts.length, 4);
    assert.equal(h1.converged && h1.healthy, true, JSON.stringify(h1));
    assert.equal(h2.compliance?.deferred, true);
    assert.equal(h2.nextContact?.holdsNow, true);
    assert.equal(h2.nextContact?.status, 'PASS');
    assert.equal(h3.orphan, true);
    assert.equal(h3.instanceState, 'gone');
    assert.equal(h4.healthy, false);
    assert.equal(h4.instanceState, 'running');
    assert.deepEqual(o.summary, { hosts: 4, converged: 1, healthy: 2, deferred: 1, inContact: 1, orphans: 1, notReported: 0 });
    // Constant list pages plus one GetDataflowEndpointGroup per group.
    // Host 2's deferred replace left it two groups (shown as one row): 5 groups, 5 reads.
    assert.equal(h2.otherGroups.length, 1);
    assert.equal(calls.filter((a) => a === 'groundstation:GetDataflowEndpointGroup').length, fx.sb.groundStation.groups.size);
    assert.equal(fx.sb.groundStation.groups.size, 5);
    // One batch; host 3's id is gone, so EC2 refuses the batch (InvalidInstanceID.NotFound) and each id is
    // asked alone: gone only on positive evidence (src/facts/ec2/ec2-instances.ts).
    assert.equal(calls.filter((a) => a === 'ec2:DescribeInstances').length, 1 + members.length);
    assert.equal(calls.filter((a) => a === 'ssm:ListResourceComplianceSummaries').length, 1);

    const table = await runMain(['fleet'], laptop);
    assert.equal(table.code, 6);
    assert.match(table.out, /^INSTANCE +STATE +MISSION/m);
    assert.match(table.out, /ORPHAN/);
    assert.match(table.out, /IN CONTACT until/);
    assert.match(table.out, /DEFERRED/);
    assert.match(table.out, /^4 hosts: 1 converged, 2 healthy, 1 deferred, 1 in a contact, 1 orphaned/m);
    assert.ok(!table.out.split('\n').some((l) => needsEscape(l.replace(/\\/g, ''))), 'raw control characters printed');

    const none = await runMain(['fleet', '--mission', 'no-such-mission', '--json'], laptop);
    assert.equal(none.code, 6);
    assert.equal((JSON.parse(none.out) as FleetOutcome).hosts.length, 0);

    const noRegion = await runMain(['fleet'], { ...laptop, AWS_REGION: '' });
    assert.equal(noRegion.code, 2);
    assert.match(noRegion.err, /fleet needs a region/);
  } finally {
    await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
  }
});
