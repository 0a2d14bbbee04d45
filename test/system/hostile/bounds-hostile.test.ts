/**
 * Hostile programs, files, EC2 pages and clocks against the run's bounds: every scenario of
 * bounds-scenarios.ts through main(), then the wall clock stepped back an hour mid-run. What
 * each must hold: the documented exit code, the run never past --deadline by more than a
 * second, one error line and no stack when it fails, `unknown` with the reason where the
 * evidence is unsound, and at most one group for the host.
 */
import { afterEach, test } from 'node:test';
import { CancelContactCommand } from '@aws-sdk/client-groundstation';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import type { CheckResult } from '../../../src/doctor/types.ts';
import { runMain } from '../../helpers/cli.ts';
import { applyRenamedExample, createMissionProfile, reserveContact, sdkClient } from '../../helpers/contacts-fixtures.ts';
import { useSandbox } from '../../helpers/sandbox-fixture.ts';
import { assertOneMessage } from './run-aws-scenario.ts';
import { boundsScenarios, IGNORES_TERM, MISSION, runBoundsScenario, type BoundsOutcome } from './bounds-scenarios.ts';

const fx = useSandbox('hostile-bounds');

/** At most this past --deadline: the issue's bound. */
const PRECISION_MS = 1000;

function assertBoundsOutcome(o: BoundsOutcome): void {
  const { scenario: s, run } = o;
  const what = `${s.name}: exit ${run.code}\n${run.err}`;
  assert.equal(run.code, s.exit, what);
  assert.ok(o.ms <= s.deadline * 1000 + PRECISION_MS, `${s.name}: took ${Math.round(o.ms)} ms with --deadline ${s.deadline}`);
  assertOneMessage(run, s.message);
  assert.ok(o.groups.after <= 1, `${s.name}: ${o.groups.after} groups for the host and the mission`);
  if (s.command !== 'apply') assert.equal(o.groups.after, o.groups.before, `${s.name}: ${s.command} created or deleted a group`);
  if (s.checks) {
    const checks = Object.fromEntries((JSON.parse(run.out) as { checks: CheckResult[] }).checks.map((c) => [c.id, c]));
    for (const [id, want] of Object.entries(s.checks)) {
      assert.equal(checks[id]?.status, want.status, `${s.name}: ${id} is ${checks[id]?.status}: ${checks[id]?.evidence}`);
      assert.match(checks[id].evidence, want.evidence, `${s.name}: ${id}`);
    }
    // Unsound evidence never gives a fail: the only fails are those the sandbox host really has (none).
    assert.deepEqual(
      Object.values(checks).filter((c) => c.status === 'fail'),
      [],
      `${s.name}: a check failed on unsound evidence`,
    );
  }
}

test('at least 15 bounds scenarios, with distinct names', () => {
  assert.ok(boundsScenarios.length >= 15, `${boundsScenarios.length} scenarios`);
  assert.equal(new Set(boundsScenarios.map((s) => s.name)).size, boundsScenarios.length);
});

for (const s of boundsScenarios) {
  test(`hostile bounds: ${s.name} → exit ${s.exit}`, { timeout: 60_000 }, async () => {
    const o = await runBoundsScenario(s, fx.sb);
    assertBoundsOutcome(o);
    if (s.command === 'apply' && s.exit === 0) {
      // The run went on as designed: a plain re-run keeps the one group it made.
      const again = await runMain(['apply', MISSION, '--root', fx.root], fx.sb.env);
      assert.equal(again.code, 0, again.err);
    }
  });
}

/**
 * Date.now stepped back `ms` from the moment `step()` is called, for one run in this process:
 * the host's wall clock (run.wallClock, the SDK's signing time) moves, AWS's (the sandbox's
 * contacts clock is moved forward by the same amount) and the monotonic clock do not.
 */
async function withWallClockStep<T>(ms: number, body: (step: () => void) => Promise<T>): Promise<T> {
  const realNow = Date.now;
  let offset = 0;
  Date.now = () => realNow() - offset;
  try {
    return await body(() => {
      if (offset) return;
      offset = ms;
      fx.sb.contacts.clock.advance(ms);
    });
  } finally {
    Date.now = realNow;
    fx.sb.contacts.clock.set(realNow());
    fx.sb.beforeAction = undefined;
  }
}

const HOUR = 3_600_000;

/**
 * The contacts this file reserved: cancelled after each test. Every test runs on the one sandbox
 * host, and that host owns one group whatever the mission (the next test's mission replaces it),
 * so a contact left in PASS would hold the next test's apply too.
 */
const reserved: string[] = [];
afterEach(async () => {
  const client = sdkClient(fx.sb);
  for (const contactId of reserved.splice(0)) await client.send(new CancelContactCommand({ contactId }));
});

/** A host applied once, its mission changed (a replace is pending) and a contact in PASS on it until `endMs`. */
async function heldHost(name: string, endMs: number) {
  fx.sb.hostAgent.running = true;
  const h = await applyRenamedExample(fx.sb, 'bounds', name);
  await writeFile(h.mission, h.v1.replace('deliverTo: 127.0.0.1:55000', 'deliverTo: 127.0.0.1:55010'));
  const client = sdkClient(fx.sb);
  const profile = await createMissionProfile(client, h.names, { pre: 60, post: 60 });
  const start = Date.now() - 120_000;
  fx.sb.contacts.clock.set(start - HOUR);
  try {
    reserved.push(await reserveContact(client, profile.arn, start, endMs));
  } finally {
    fx.sb.contacts.clock.set(Date.now());
  }
  return h;
}

test(
  'the wall clock stepped back an hour while --wait-for-contacts waits: --deadline ends the wait on time and says so',
  { timeout: 60_000 },
  async () => {
    const h = await heldHost('clock-wait', Date.now() + 30 * 60_000);
    const deadline = 13;
    const { r, ms } = await withWallClockStep(HOUR, async (step) => {
      // Mid-run: the host's clock steps back as the guard first asks Ground Station for the contacts.
      fx.sb.beforeAction = (action) => {
        if (action.endsWith('ListContacts')) step();
      };
      const t0 = performance.now();
      const r = await runMain(
        ['apply', h.mission, '--root', h.root, '--wait-for-contacts', '--wait-max', '600', '--deadline', String(deadline)],
        fx.sb.env,
      );
      return { r, ms: performance.now() - t0 };
    });
    assert.equal(r.code, 8, r.err);
    assert.ok(ms <= deadline * 1000 + PRECISION_MS, `took ${Math.round(ms)} ms with --deadline ${deadline}`);
    assertOneMessage(r, /deferred: contact [0-9a-f-]+ .*PASS/);
    assert.doesNotMatch(r.err, /add --wait-for-contacts/, 'it was given');
    assert.match(
      r.err,
      /or raise --deadline: --wait-for-contacts waited \d+ s and stopped 10 s before the run's deadline \(--deadline 13 s bounds every wait\)/,
    );
  },
);

test('--wait-max shorter than the contact: the wait ends at --wait-max and says to raise it', { timeout: 60_000 }, async () => {
  const h = await heldHost('wait-max', Date.now() + 30 * 60_000);
  const t0 = performance.now();
  const r = await runMain(['apply', h.mission, '--root', h.root, '--wait-for-contacts', '--wait-max', '2', '--deadline', '60'], fx.sb.env);
  const ms = performance.now() - t0;
  assert.equal(r.code, 8, r.err);
  assert.ok(ms < 15_000, `took ${Math.round(ms)} ms`);
  assert.doesNotMatch(r.err, /add --wait-for-contacts/);
  assert.match(r.err, /or raise --wait-max: --wait-for-contacts waited \d+ s, its --wait-max 2, and the contact outlasted it/);
});

test(
  'the wall clock stepped back an hour with a hanging program and a named pipe in /proc: doctor ends within --deadline',
  { timeout: 60_000 },
  async () => {
    const s = {
      name: 'clock stepped back, programs ignoring SIGTERM, a FIFO cmdline',
      command: 'doctor' as const,
      exit: 0,
      deadline: 4,
      programs: { systemctl: IGNORES_TERM, ethtool: IGNORES_TERM, rpm: IGNORES_TERM },
      proc: boundsScenarios.find((x) => x.name.startsWith('a named pipe as /proc/cmdline: refused'))!.proc,
      checks: {
        // ethtool -g, asked first (the ring maximum among the host facts), is killed at the deadline;
        // the programs doctor asks after it are not started at all.
        irqbalance: {
          status: 'unknown' as const,
          evidence: /systemctl is-active irqbalance\.service not run: the run's deadline \(--deadline 4 s\) had passed$/,
        },
        'agent-installed': { status: 'unknown' as const, evidence: /rpm -q .* not run: the run's deadline \(--deadline 4 s\) had passed$/ },
        'kernel-args': { status: 'unknown' as const, evidence: /named pipe/ },
      },
    };
    const o = await withWallClockStep(HOUR, async (step) => {
      fx.sb.beforeAction = (action) => {
        if (action.startsWith('imds')) step();
      };
      return runBoundsScenario(s, fx.sb);
    });
    assertBoundsOutcome(o);
  },
);

test(
  'status --wait longer than a given --deadline: the deadline ends the wait, and the line says which bound did',
  { timeout: 60_000 },
  async () => {
    fx.sb.hostAgent.running = false;
    const h = await applyRenamedExample(fx.sb, 'bounds', 'status-wait');
    const t0 = performance.now();
    const r = await runMain(['status', '--root', h.root, '--wait', '60', '--deadline', '12'], fx.sb.env);
    const ms = performance.now() - t0;
    assert.equal(r.code, 6, r.err);
    assert.ok(ms <= 12_000 + PRECISION_MS, `took ${Math.round(ms)} ms`);
    assert.match(
      r.out,
      /gave up waiting after \d+ s of --wait 60: the run's deadline \(--deadline 12 s\) bounds every wait; raise --deadline to wait longer: not every endpoint is ACTIVE and HEALTHY/,
    );
  },
);
