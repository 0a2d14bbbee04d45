/** A --facts file's CPU topology that contradicts itself is refused (issue 20), as the live reader refuses it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findFactsProblem } from '../../../src/facts/validate-host-facts.ts';
import type { CpuTopologyFacts, HostFacts } from '../../../src/types.ts';
import { cpuTopology } from '../../helpers/builders.ts';

function facts(cpu: CpuTopologyFacts): HostFacts {
  return {
    instance: { id: 'i-0123456789abcdef0', type: 'm5.4xlarge', region: 'us-east-2', accountId: '123456789012' },
    interfaces: [
      {
        mac: '0a:00:00:00:00:01',
        deviceNumber: 0,
        privateIps: ['10.0.0.10'],
        publicIps: [],
        ipv4Associations: {},
        linuxName: 'eth0',
        numaNode: 0,
      },
    ],
    cpu,
  };
}

test("offline CPUs, a cpuset, an L3 without its list and the NIC's node are valid facts", () => {
  const cpu = {
    ...cpuTopology(1, 8),
    offline: [16, 17],
    cpuset: { path: '/sys/fs/cgroup/cpuset.cpus.effective', cpus: [0, 1, 2] },
    l3Unlisted: [3],
  };
  assert.equal(findFactsProblem(facts(cpu)), undefined);
});

test('siblings that do not list each other, or sit in two packages, and a CPU both online and offline are refused', () => {
  const asym = cpuTopology(1, 8);
  asym.cpus[8] = { ...asym.cpus[8], siblings: [8] };
  assert.deepEqual(findFactsProblem(facts(asym)), {
    path: '/cpu/cpus/0/siblings',
    message: 'CPU 0 lists CPU 8 as a thread sibling, but CPU 8 does not list CPU 0',
  });
  const pkg = cpuTopology(1, 8);
  pkg.cpus[8] = { ...pkg.cpus[8], packageId: 1 };
  assert.deepEqual(findFactsProblem(facts(pkg)), {
    path: '/cpu/cpus/0/siblings',
    message: 'thread siblings 0 and 8 sit in packages 0 and 1',
  });
  assert.deepEqual(findFactsProblem(facts({ ...cpuTopology(1, 8), offline: [3] })), {
    path: '/cpu/offline',
    message: 'CPU 3 is both online and offline',
  });
});

test('a cpuset path longer than 4096 characters is refused by the schema', () => {
  const p = findFactsProblem(facts({ ...cpuTopology(1, 8), cpuset: { path: 'x'.repeat(4097), cpus: [0] } }));
  assert.equal(p?.path, '/cpu/cpuset/path');
});
