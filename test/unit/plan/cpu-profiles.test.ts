/**
 * Cores sized per contact: with mission `profiles:` only one profile's dataflows run at a time
 * (one contact per group), so the agent gets the largest profile's cores plus the management
 * core; the too-small message suggests only instance types that would fit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planCpuCores } from '../../../src/plan/cpu-plan.ts';
import { HostFactsError } from '../../../src/errors.ts';
import { aDataflow, aMission, cpuTopology } from '../../helpers/builders.ts';

const twelve = Array.from({ length: 12 }, (_, i) =>
  aDataflow({ name: `d${i}`, bandwidthMHz: 20, address: { host: '127.0.0.1', port: 56000 + i } }),
);
const names = (from: number, to: number) => twelve.slice(from, to).map((d) => d.name);

test('twelve 20 MHz downlinks without profiles need 37 cores: refused on c6i.32xlarge, and no listed type is suggested', () => {
  assert.throws(
    () => planCpuCores(aMission({ dataflows: twelve }), cpuTopology(2, 32), 'c6i.32xlarge'),
    (e: unknown) => {
      assert.ok(e instanceof HostFactsError);
      assert.match(e.message, /needs 37 cores \(74 vCPUs\) in one L3 domain, the largest has 32 free/);
      assert.deepEqual(e.details, [
        "no listed instance type has 37 free cores in one L3 domain: list the mission's profiles (only one contact runs at a time) or use fewer/narrower dataflows",
      ]);
      return true;
    },
  );
});

test('the same twelve in two profiles of six: 6 × 3 + 1 = 19 cores, planned on c6i.32xlarge (socket 1)', () => {
  const m = aMission({
    dataflows: twelve,
    profiles: [
      { name: 'pass-a', dataflows: names(0, 6) },
      { name: 'pass-b', dataflows: names(6, 12) },
    ],
  });
  const p = planCpuCores(m, cpuTopology(2, 32), 'c6i.32xlarge');
  assert.equal(p.agentCpuCores.length, 19 * 2);
  assert.ok(
    p.agentCpuCores.every((c) => (c >= 32 && c < 64) || c >= 96),
    'one L3 domain, socket 1',
  );
  assert.ok(
    p.notes.includes(
      'sized for the largest profile, pass-a: 19 cores (38 vCPUs); every dataflow at once would need 37, but one contact runs at a time',
    ),
  );
});

test('unequal profiles: the largest decides; a dataflow in two profiles counts in each', () => {
  const m = aMission({
    dataflows: twelve,
    profiles: [
      { name: 'small', dataflows: names(0, 2) },
      { name: 'big', dataflows: names(1, 8) },
    ],
  });
  assert.equal(planCpuCores(m, cpuTopology(2, 24), 'c5.24xlarge').agentCpuCores.length, (7 * 3 + 1) * 2);
});

test("too small: only types whose free L3 domain fits are suggested, never the host's own type", () => {
  // 28 cores: c5.24xlarge (24 per socket) is too small; the 32-core-per-socket types fit.
  const m = aMission({ dataflows: twelve.slice(0, 9) });
  assert.throws(
    () => planCpuCores(m, cpuTopology(2, 24), 'c5.24xlarge'),
    (e: unknown) => {
      assert.ok(e instanceof HostFactsError);
      assert.match(e.message, /needs 28 cores/);
      assert.deepEqual(e.details, [
        "choose an instance type with 28 free cores in one L3 domain (c6i.32xlarge, m6i.32xlarge, r6i.32xlarge), or list the mission's profiles (only one contact runs at a time) or use fewer/narrower dataflows",
      ]);
      return true;
    },
  );
  // 25 cores on a c5.24xlarge: c5.24xlarge itself is never suggested.
  const m25 = aMission({ dataflows: twelve.slice(0, 8) });
  assert.throws(
    () => planCpuCores(m25, cpuTopology(2, 24), 'c5.24xlarge'),
    (e: unknown) => {
      assert.ok(e instanceof HostFactsError);
      assert.ok(!e.details[0].includes('c5.24xlarge'), e.details[0]);
      assert.match(e.details[0], /\(c6i\.32xlarge, m6i\.32xlarge, r6i\.32xlarge\)/);
      return true;
    },
  );
});
