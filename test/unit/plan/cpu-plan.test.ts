/**
 * Core plans checked against AWS's guidance (Agent UG "Select Amazon EC2 instance and reserve
 * CPU cores" and "Tune your EC2 instance"), worked by hand:
 * - cores per dataflow from the wideband table, +1 management core per agent;
 * - whole hyperthread pairs, one L3 domain (socket), never the IRQ cores 0,1,N/2,N/2+1;
 * - the agent goes on the socket without the IRQ cores when it fits (AWS's c5.24xlarge
 *   example uses 24–44,72–92: socket 1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planCpuCores } from '../../../src/plan/cpu-plan.ts';
import { formatRpsMask } from '../../../src/plan/cpu-topology.ts';
import { listPhysicalCores, pickIrqCores } from '../../../src/plan/cpu-topology.ts';
import { HostFactsError, MissionInvalidError } from '../../../src/errors.ts';
import { aDataflow, aMission, cpuTopology } from '../../helpers/builders.ts';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

test('c5.24xlarge, one 400 MHz downlink: 9 + 1 = 10 cores (20 vCPUs) on socket 1', () => {
  const p = planCpuCores(aMission(), cpuTopology(2, 24), 'c5.24xlarge');
  // Socket 1 = physical cores 24..47, siblings 72..95; the ten lowest are 24..33 (+48).
  assert.deepEqual(p.agentCpuCores, [...range(24, 33), ...range(72, 81)]);
  assert.equal(p.agentCpuCores.length, 20);
  assert.deepEqual(p.irqCores, [0, 1, 48, 49]);
});

test('200 MHz + 100 MHz on one host: 1 + 6 + 4 = 11 cores (22 vCPUs), one socket, no IRQ core', () => {
  const m = aMission({
    dataflows: [
      aDataflow({ name: 'a', bandwidthMHz: 200 }),
      aDataflow({ name: 'b', bandwidthMHz: 100, address: { host: '127.0.0.1', port: 55001 } }),
    ],
  });
  const p = planCpuCores(m, cpuTopology(2, 24), 'c5.24xlarge');
  assert.deepEqual(p.agentCpuCores, [...range(24, 34), ...range(72, 82)]);
  assert.ok(p.agentCpuCores.every((c) => !p.irqCores.includes(c)));
});

test('between table rows the next higher row is used (120 MHz → 150 MHz row, 5 cores)', () => {
  const p = planCpuCores(aMission({ dataflows: [aDataflow({ bandwidthMHz: 120 })] }), cpuTopology(2, 24), 'c5.24xlarge');
  assert.equal(p.agentCpuCores.length, (5 + 1) * 2);
});

test('IRQ cores and RPS masks equal AWS tuning table rows', () => {
  const rows: Array<[string, number, number, number[], string]> = [
    ['c5.24xlarge', 2, 24, [0, 1, 48, 49], 'ffffffff,ffffffff,ffffffff'],
    ['c5.12xlarge', 1, 24, [0, 1, 24, 25], 'ffff,ffffffff'],
    ['c6i.32xlarge', 2, 32, [0, 1, 64, 65], 'ffffffff,ffffffff,ffffffff,ffffffff'],
    ['c5n.18xlarge', 2, 18, [0, 1, 36, 37], 'ff,ffffffff,ffffffff'],
    ['g4dn.16xlarge', 1, 32, [0, 1, 32, 33], 'ffffffff,ffffffff'],
  ];
  for (const [type, sockets, cores, irq, mask] of rows) {
    const topo = cpuTopology(sockets, cores);
    assert.deepEqual(pickIrqCores(listPhysicalCores(topo)), irq, type);
    assert.equal(formatRpsMask(topo.online.length), mask, type);
  }
  assert.equal(formatRpsMask(6), '3f');
});

test('single-socket host: agent shares the socket with the IRQ cores but never uses them', () => {
  // m5.4xlarge: 8 cores x 2; IRQ = {0,8},{1,9}; 50 MHz → 3 + 1 = 4 cores: 2..5 and 10..13.
  const p = planCpuCores(aMission({ dataflows: [aDataflow({ bandwidthMHz: 50 })] }), cpuTopology(1, 8), 'm5.4xlarge');
  assert.deepEqual(p.agentCpuCores, [2, 3, 4, 5, 10, 11, 12, 13]);
  assert.deepEqual(p.irqCores, [0, 1, 8, 9]);
});

test('too small an instance is refused with the numbers (exit 3)', () => {
  assert.throws(
    () => planCpuCores(aMission(), cpuTopology(1, 8), 'm5.4xlarge'),
    (e: unknown) =>
      e instanceof HostFactsError &&
      e.exitCode === 3 &&
      /needs 10 cores \(20 vCPUs\) in one L3 domain, the largest has 6 free/.test(e.message),
  );
  assert.throws(
    () => planCpuCores(aMission({ dataflows: [aDataflow({ bandwidthMHz: 20 })] }), cpuTopology(1, 1), 't3.medium'),
    HostFactsError,
  );
});

test('hyperthreading off is refused (exit 3)', () => {
  assert.throws(
    () => planCpuCores(aMission(), cpuTopology(2, 24, 1), 'c5.24xlarge'),
    (e: unknown) => e instanceof HostFactsError && /hyperthreading is off/.test(e.message),
  );
});

test('an explicit cpuCores override is checked against topology and rules', () => {
  const ok = aMission({}, { cpuCores: [...range(24, 33), ...range(72, 81)] });
  assert.deepEqual(planCpuCores(ok, cpuTopology(2, 24), 'c5.24xlarge').agentCpuCores, ok.agent.cpuCores);
  const bad = aMission({}, { cpuCores: [0, 1, 2, 24, 25, 72, 73] });
  assert.throws(
    () => planCpuCores(bad, cpuTopology(2, 24), 'c5.24xlarge'),
    (e: unknown) => {
      assert.ok(e instanceof MissionInvalidError);
      assert.equal(e.exitCode, 2);
      assert.deepEqual(e.details, [
        'not whole hyperthread pairs: add 48-50',
        'CPUs 0-1 are the IRQ/OS cores; remove them',
        'the cores span more than one L3 cache domain (socket); keep them on one',
        '5 cores given, the mission needs 10',
      ]);
      return true;
    },
  );
});

test('missing bandwidth is sized as 50 MHz with a warning', () => {
  const p = planCpuCores(aMission({ dataflows: [aDataflow({})] }), cpuTopology(2, 24), 'c5.24xlarge');
  assert.equal(p.agentCpuCores.length, 8);
  assert.match(p.warnings[0], /no bandwidthMHz/);
});
