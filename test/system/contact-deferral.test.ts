/**
 * Never break a pass: a contact reserved in the sandbox (real SDK client) holds this host
 * during PREPASS, PASS and POSTPASS, so a changed mission is applied only as far as it is
 * safe (new group created, other files written) while the agent config keeps naming the
 * contact's group, the old group stays and the restart waits: exit 8 naming the contact. The
 * next run after COMPLETED finishes the replace and restarts the agent (recorded systemctl).
 */
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CancelContactCommand } from '@aws-sdk/client-groundstation';
import { AGENT_UNIT, restartAgent } from '../../src/apply/agent-restart.ts';
import { applyMission } from '../../src/apply/apply-mission.ts';
import { applyInputs, applyPorts, writeOptions, type ApplyArgs } from '../../src/cli/apply-wiring.ts';
import { applyReport, type ApplyReport } from '../../src/cli/format-apply.ts';
import type { Io } from '../../src/cli/io.ts';
import { createRuntime } from '../../src/cli/runtime.ts';
import { REPO, runMain } from '../helpers/cli.ts';
import { applyRenamedExample, reserveContactOn, sdkClient } from '../helpers/contacts-fixtures.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import { makeFakePrograms, type FakePrograms } from '../dist/examples/fake-programs.ts';

const f = useSandbox('deferral');
const S = 1000;
let fakes: FakePrograms;
before(async () => {
  fakes = await makeFakePrograms({ systemctl: '' });
});
after(async () => {
  await fakes.cleanup();
});
// Every scenario runs on the same simulated host (same Elastic IP and ports): end its contacts.
afterEach(async () => {
  const client = sdkClient(f.sb);
  for (const id of f.sb.contacts.contacts.keys()) await client.send(new CancelContactCommand({ contactId: id }));
});

interface Host {
  root: string;
  mission: string;
  v2: string;
  g1: string;
  names: string[];
}

/** A host applied once with mission `name` (its own endpoint names), and the changed mission it will get. */
async function appliedHost(name: string): Promise<Host> {
  f.sb.hostAgent.running = true;
  const { root, mission, v1, report, names } = await applyRenamedExample(f.sb, 'defer', name);
  return {
    root,
    mission,
    v2: v1.replace('deliverTo: 127.0.0.1:55000', 'deliverTo: 127.0.0.1:55010'),
    g1: report.dataflowEndpointGroupArn,
    names,
  };
}

/** Reserves a contact [startMs, endMs] (possibly already begun: the sandbox clock is moved back to reserve it). */
async function contact(names: string[], startMs: number, endMs: number, post = 120): Promise<string> {
  return reserveContactOn(f.sb, names, startMs, endMs, { pre: 120, post });
}

async function agentConfigGroup(root: string): Promise<string> {
  const config = JSON.parse(await readFile(join(root, 'opt/aws/groundstation/etc/aws-gs-agent-config.json'), 'utf8'));
  return config.capabilities[0];
}

const groupArns = () => [...f.sb.groundStation.groups.values()].map((g) => g.arn);

function io(): Io & { text: () => { out: string; err: string } } {
  let out = '';
  let err = '';
  return {
    out: (t) => {
      out += `${t}\n`;
    },
    err: (t) => {
      err += `${t}\n`;
    },
    env: f.sb.env,
    isTTY: false,
    cwd: REPO,
    text: () => ({ out, err }),
  };
}

const args = (h: Host, extra: Partial<ApplyArgs> = {}): ApplyArgs => ({
  mission: h.mission,
  root: h.root,
  json: true,
  quiet: false,
  debug: false,
  deadline: 240,
  lockWait: 5,
  ...extra,
});
const restarter = () => restartAgent(join(fakes.dir, 'systemctl'));

/** The apply use-case as the CLI wires it, with the recorded systemctl as the agent's restarter. */
async function apply(a: ApplyArgs): Promise<{ report: ApplyReport }> {
  const rt = createRuntime(io());
  const outcome = await applyMission(
    await applyInputs(a, rt, { legacyTuning: true }),
    { ...applyPorts(rt), agentRestarter: restarter },
    writeOptions(a),
    rt.run,
  );
  return { report: applyReport(outcome) as ApplyReport };
}

const phases: Array<{ phase: string; start: number; end: number }> = [
  { phase: 'PREPASS', start: 60 * S, end: 600 * S },
  { phase: 'PASS', start: -60 * S, end: 600 * S },
  { phase: 'POSTPASS', start: -600 * S, end: -30 * S },
];

for (const { phase, start, end } of phases) {
  test(`a changed mission applied during ${phase}: new group made, agent config still names the contact's group, old group kept, restart deferred, exit 8; after COMPLETED the next run finishes`, async () => {
    const h = await appliedHost(`defer-${phase.toLowerCase()}`);
    const now = Date.now();
    const id = await contact(h.names, now + start, now + end);
    await writeFile(h.mission, h.v2);
    const callsBefore = (await fakes.calls()).length;

    const held = await apply(args(h));
    assert.equal(held.report.action, 'replace');
    assert.equal(held.report.deferred?.contactId, id);
    assert.equal(held.report.deferred?.status, phase);
    assert.deepEqual(held.report.deferred?.steps, ['agent-config', 'restart', 'retire']);
    assert.equal(held.report.agentRestarted, false);
    assert.deepEqual(held.report.retiredGroups, []);
    assert.equal(await agentConfigGroup(h.root), h.g1, "the agent config still names the contact's group");
    const g2 = held.report.dataflowEndpointGroupArn;
    assert.notEqual(g2, h.g1);
    assert.ok(groupArns().includes(h.g1) && groupArns().includes(g2), 'old group kept, new group made');
    const state = JSON.parse(await readFile(join(h.root, 'var/lib/gs-agent-config/state.json'), 'utf8'));
    assert.equal(state.deferred.contactId, id);
    assert.equal(state.deferred.activeGroupArn, h.g1);
    assert.deepEqual(state.retiring, [h.g1.split('/').pop()]);
    assert.equal((await fakes.calls()).length, callsBefore, 'no systemctl call while held');

    // The CLI: exit 8 and a message naming the contact, its satellite, status and the end of its post-pass.
    const cli = await runMain(['apply', h.mission, '--root', h.root], f.sb.env);
    assert.equal(cli.code, 8, cli.err);
    assert.match(
      cli.err,
      new RegExp(`contact ${id} \\(satellite [0-9a-f-]{36} at Ohio 1, ${phase}\\) holds this host until \\d{4}-\\d\\d-\\d\\dT`),
    );
    assert.match(cli.err, /re-run `gs-agent-config apply .*` after .*--wait-for-contacts/s);
    assert.equal(await agentConfigGroup(h.root), h.g1);

    // After COMPLETED (the sandbox clock moves on; ListContacts no longer lists it live): the replace finishes.
    f.sb.contacts.clock.advance(2 * 3_600_000);
    try {
      const free = await apply(args(h));
      assert.equal(free.report.deferred, null);
      assert.equal(free.report.dataflowEndpointGroupArn, g2);
      assert.deepEqual(free.report.retiredGroups, [h.g1.split('/').pop()]);
      assert.equal(free.report.agentRestarted, true);
      assert.equal(await agentConfigGroup(h.root), g2);
      assert.ok(!groupArns().includes(h.g1), 'old group deleted');
      assert.deepEqual((await fakes.calls()).slice(callsBefore), [
        ['systemctl', 'reset-failed', AGENT_UNIT],
        ['systemctl', '--no-block', 'try-restart', AGENT_UNIT],
      ]);
      const after = JSON.parse(await readFile(join(h.root, 'var/lib/gs-agent-config/state.json'), 'utf8'));
      assert.equal(after.deferred, undefined);
      assert.deepEqual(after.retiring, []);
    } finally {
      f.sb.contacts.clock.set(Date.now());
    }
  });
}

test('a contact already COMPLETED does not hold the host: the replace and restart happen at once', async () => {
  const h = await appliedHost('defer-completed');
  const now = Date.now();
  await contact(h.names, now - 900 * S, now - 600 * S);
  await writeFile(h.mission, h.v2);
  const callsBefore = (await fakes.calls()).length;
  const r = await apply(args(h));
  assert.equal(r.report.deferred, null);
  assert.equal(r.report.action, 'replace');
  assert.deepEqual(r.report.retiredGroups, [h.g1.split('/').pop()]);
  assert.equal(r.report.agentRestarted, true);
  assert.equal(await agentConfigGroup(h.root), r.report.dataflowEndpointGroupArn);
  assert.equal((await fakes.calls()).length, callsBefore + 2);
});

test('--force during a pass: does it all now, with a loud warning', async () => {
  const h = await appliedHost('defer-force');
  const now = Date.now();
  const id = await contact(h.names, now - 60 * S, now + 600 * S);
  await writeFile(h.mission, h.v2);
  const r = await runMain(['apply', h.mission, '--root', h.root, '--force', '--json'], f.sb.env);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, new RegExp(`WARNING: --force: contact ${id} .*PASS.*this breaks the contact`));
  const report = JSON.parse(r.out);
  assert.equal(report.deferred, null);
  assert.equal(await agentConfigGroup(h.root), report.dataflowEndpointGroupArn);
  assert.ok(!groupArns().includes(h.g1));
  assert.ok(report.warnings.some((w: string) => w.includes('--force')));
});

test('--wait-for-contacts: waits for the post-pass to end, then finishes', async () => {
  const h = await appliedHost('defer-wait');
  const now = Date.now();
  // POSTPASS ending about 3 s from now.
  const id = await contact(h.names, now - 120 * S, now - 1 * S, 4);
  await writeFile(h.mission, h.v2);
  const held = await runMain(['apply', h.mission, '--root', h.root, '--json'], f.sb.env);
  assert.equal(held.code, 8, held.err);
  assert.equal(JSON.parse(held.out).deferred.contactId, id);
  const r = await runMain(['apply', h.mission, '--root', h.root, '--json', '--wait-for-contacts', '--wait-max', '60'], f.sb.env);
  assert.equal(r.code, 0, r.err);
  // Off a terminal (a journal, SSM's output): one line when the wait starts, saying what it waits for and until when at most.
  assert.match(
    r.err,
    /^gs-agent-config: waiting: contact [0-9a-f-]{36} .* holds this host until \S+ \(end of post-pass\); waiting until \S+Z at most \(--wait-max\)\n$/,
  );
  const report = JSON.parse(r.out);
  assert.equal(report.deferred, null);
  assert.equal(await agentConfigGroup(h.root), report.dataflowEndpointGroupArn);
  assert.ok(!groupArns().includes(h.g1));
});
