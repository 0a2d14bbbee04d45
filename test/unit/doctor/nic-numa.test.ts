/** doctor's nic-numa as a pure function: ok, fail with each kind of fix, unknown (issue 20). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nicNuma } from '../../../src/doctor/checks/cpu-checks.ts';
import type { DoctorInput } from '../../../src/doctor/types.ts';
import type { DoctorFacts, Fact } from '../../../src/facts/types.ts';
import type { CpuTopologyFacts, HostFacts, Plan } from '../../../src/types.ts';
import { cpuTopology } from '../../helpers/builders.ts';
import { DOCTOR_HOST } from '../../helpers/doctor-facts.ts';

const no = <T>(reason = 'not read'): Fact<T> => ({ ok: false, reason });
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

function input(cpu: CpuTopologyFacts, agent: number[], numaNode: Fact<number>): DoctorInput {
  const host: HostFacts = { ...DOCTOR_HOST, cpu };
  const plan = { device: { agentCpuCores: agent, networkAdapters: ['eth0'] }, tuning: { irqCores: [0, 1, 48, 49] } } as unknown as Plan;
  const nic = { name: 'eth0', numaNode, irqAffinity: no(), rpsMasks: no(), ring: no(), coalesce: no() };
  const doctor = { nics: [nic] } as unknown as DoctorFacts;
  return {
    host: { ok: true, value: host },
    plan: { ok: true, value: plan },
    doctor,
    applyCommand: (extra) => ['gs-agent-config', 'apply', 'm.yaml', ...extra].join(' '),
  };
}

const socket1 = [...range(24, 33), ...range(72, 81)];

test("the agent cores on the NIC's node: ok", () => {
  const r = nicNuma(input(cpuTopology(2, 24), socket1, { ok: true, value: 1 }));
  assert.equal(r.status, 'ok');
  assert.equal(r.evidence, 'eth0 is on NUMA node 1 (CPUs 24-47,72-95); agent cores 24-33,72-81');
});

test('on the other node with room there: a cpuCores line to paste under agent:', () => {
  const r = nicNuma(input(cpuTopology(2, 24), socket1, { ok: true, value: 0 }));
  assert.equal(r.status, 'fail');
  assert.equal(
    r.fix,
    'under agent: in the mission, set   cpuCores: "2-11,50-59"   (10 whole hyperthread pairs on NUMA node 0), then re-run gs-agent-config apply m.yaml',
  );
});

test("the cpuset keeps the agent off the NIC's node: the systemctl line that widens it", () => {
  const cpu = {
    ...cpuTopology(2, 24),
    cpuset: { path: '/sys/fs/cgroup/cpuset.cpus.effective', cpus: [...range(24, 47), ...range(72, 95)] },
  };
  const r = nicNuma(input(cpu, socket1, { ok: true, value: 0 }));
  assert.equal(r.status, 'fail');
  assert.equal(
    r.fix,
    'the cpuset /sys/fs/cgroup/cpuset.cpus.effective (CPUs 24-47,72-95) keeps the agent off NUMA node 0: sudo systemctl set-property aws-groundstation-agent.service AllowedCPUs=2-47,50-95, then re-run gs-agent-config apply m.yaml',
  );
});

test("the NIC's node cannot hold the agent: why, in words", () => {
  const small = cpuTopology(2, 24);
  const cpu = {
    ...small,
    cpus: small.cpus.map((c) => ({ ...c, numaNode: c.packageId === 0 && c.coreId < 6 ? 0 : c.packageId === 0 ? 2 : 1 })),
  };
  const r = nicNuma(input(cpu, socket1, { ok: true, value: 0 }));
  assert.equal(r.status, 'fail');
  assert.match(r.fix, /^NUMA node 0 has fewer than 10 free whole hyperthread pairs in one L3 domain \(free: 2-5,50-53\)/);
});

test('no node (-1) on a two-node host, or the node file unreadable: unknown', () => {
  assert.equal(nicNuma(input(cpuTopology(2, 24), socket1, { ok: true, value: -1 })).status, 'unknown');
  const r = nicNuma(input(cpuTopology(2, 24), socket1, no('/sys/class/net/eth0/device/numa_node is not a node number: "x"')));
  assert.equal(r.status, 'unknown');
  assert.match(r.evidence, /numa_node is not a node number/);
});
