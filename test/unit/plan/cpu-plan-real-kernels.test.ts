/**
 * The core planner on topologies real kernels show (issue 20), from recorded facts built by
 * hand: whole online pairs only, the real cause when it cannot plan, compute units, NUMA first
 * (the NIC's node), then the L3 rule, inside the cpuset, an L3 without its list said.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCpuList } from '../../../src/cpu-list.ts';
import { HostFactsError, MissionInvalidError } from '../../../src/errors.ts';
import { planCpuCores } from '../../../src/plan/cpu-plan.ts';
import type { CpuTopologyFacts } from '../../../src/types.ts';
import { aDataflow, aMission, cpuTopology } from '../../helpers/builders.ts';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const narrow = () => aMission({ dataflows: [aDataflow({ bandwidthMHz: 20 })] }); // 3 + 1 = 4 cores

/** The topology with `gone` CPUs offline: dropped from online, cpus and every sibling list. */
function offline(topo: CpuTopologyFacts, gone: number[]): CpuTopologyFacts {
  const g = new Set(gone);
  return {
    online: topo.online.filter((c) => !g.has(c)),
    cpus: topo.cpus
      .filter((c) => !g.has(c.id))
      .map((c) => ({ ...c, siblings: c.siblings.filter((s) => !g.has(s)), l3: c.l3.filter((s) => !g.has(s)) })),
    offline: gone,
  };
}

/** Sub-NUMA clustering: node 2s for the lower half of socket s's cores, 2s+1 for the upper half. */
function snc(sockets: number, cores: number): CpuTopologyFacts {
  const topo = cpuTopology(sockets, cores);
  return { ...topo, cpus: topo.cpus.map((c) => ({ ...c, numaNode: c.packageId * 2 + (c.coreId < cores / 2 ? 0 : 1) })) };
}

test('offline CPUs: whole online pairs are used, the offline ones named in a note', () => {
  const p = planCpuCores(aMission(), offline(cpuTopology(2, 24), range(84, 95)), 'c5.24xlarge');
  assert.equal(formatCpuList(p.agentCpuCores), '24-33,72-81');
  assert.ok(
    p.notes.some((n) =>
      /only whole online hyperthread pairs are used: CPUs 84-95 offline; 12 of 48 cores have one thread online \(CPUs 36-47\)/.test(n),
    ),
  );
});

test('offline CPUs where the mission needs them: the real cause, not "hyperthreading is off"', () => {
  assert.throws(
    () => planCpuCores(narrow(), offline(cpuTopology(1, 8), range(12, 15)), 'm5.4xlarge'),
    (e: unknown) => {
      assert.ok(e instanceof HostFactsError);
      assert.doesNotMatch(e.message, /hyperthreading is off/);
      assert.match(
        e.message,
        /the largest has 2 free; only 2 whole hyperthread pairs are online on socket 0 .*: 4 of its cores have one thread \(CPUs 12-15 offline on this host\); the mission needs 4$/,
      );
      assert.match(e.details[0], /^bring the offline CPUs online/);
      return true;
    },
  );
});

test('partial hyperthreading (some cores with one thread, nothing offline): whole pairs only', () => {
  const topo = offline(cpuTopology(1, 16), range(24, 31));
  delete topo.offline;
  const p = planCpuCores(narrow(), topo, 'm5.8xlarge');
  assert.equal(formatCpuList(p.agentCpuCores), '2-5,18-21');
  assert.ok(p.notes.some((n) => /8 of 16 cores have one thread online \(CPUs 8-15\)/.test(n)));
});

test('no whole pair anywhere: hyperthreading is off, with the cause', () => {
  assert.throws(
    () => planCpuCores(narrow(), cpuTopology(1, 8, 1), 'm5.4xlarge'),
    /hyperthreading is off on this m5.4xlarge: none of its 8 cores has two online threads/,
  );
});

test('compute units (siblings with different core ids) are not hyperthread pairs', () => {
  const topo = cpuTopology(1, 8);
  const cu = { ...topo, cpus: topo.cpus.map((c) => ({ ...c, coreId: c.id })) };
  assert.throws(
    () => planCpuCores(narrow(), cu, 'm5.4xlarge'),
    /CPUs 0 and 8 are listed as thread siblings \(thread_siblings_list\) but have core ids 0 and 8: separate cores \(AMD compute units\), not hyperthreads/,
  );
});

test("NUMA first: sub-NUMA clustering, the NIC on node 3 → the cores of node 3, not the L3's lowest", () => {
  const p = planCpuCores(aMission(), snc(2, 24), 'c5.24xlarge', { name: 'eth1', numaNode: 3 });
  assert.equal(formatCpuList(p.agentCpuCores), '36-45,84-93');
  assert.ok(p.notes.some((n) => /the 10 lowest free hyperthread pairs on NUMA node 3 \(eth1's\) of socket 1/.test(n)));
  assert.deepEqual(p.warnings, []);
});

test('NUMA first: the NIC on node 0 of a two-socket host → socket 0, beside the IRQ cores, never on them', () => {
  const p = planCpuCores(aMission(), cpuTopology(2, 24), 'c5.24xlarge', { name: 'eth0', numaNode: 0 });
  assert.equal(formatCpuList(p.agentCpuCores), '2-11,50-59');
  assert.ok(p.agentCpuCores.every((c) => !p.irqCores.includes(c)));
});

test("the NIC's node too small: the most cores there, the rest in the same L3, and a warning", () => {
  const m = aMission({
    dataflows: [aDataflow({ bandwidthMHz: 400 }), aDataflow({ name: 'b', bandwidthMHz: 100, address: { host: '127.0.0.1', port: 55001 } })],
  });
  const p = planCpuCores(m, snc(2, 24), 'c5.24xlarge', { name: 'eth1', numaNode: 3 });
  assert.equal(formatCpuList(p.agentCpuCores), '24-25,36-47,72-73,84-95');
  assert.match(p.warnings.join('\n'), /the agent cores cross NUMA nodes: eth1 is on node 3, 12 of the 14 cores are \(the rest on node 2\)/);
});

test("no NUMA preference on a one-node host or without the NIC's node: as before", () => {
  const one = planCpuCores(narrow(), cpuTopology(1, 8), 'm5.4xlarge', { name: 'eth0', numaNode: 0 });
  assert.equal(formatCpuList(one.agentCpuCores), '2-5,10-13');
  const none = planCpuCores(aMission(), cpuTopology(2, 24), 'c5.24xlarge');
  assert.equal(formatCpuList(none.agentCpuCores), '24-33,72-81');
});

test('inside the cpuset: the choice moves, and says so', () => {
  const topo = {
    ...cpuTopology(2, 24),
    cpuset: { path: '/sys/fs/cgroup/cpuset.cpus.effective', cpus: [...range(0, 23), ...range(28, 71), ...range(76, 95)] },
  };
  const p = planCpuCores(aMission(), topo, 'c5.24xlarge');
  assert.equal(formatCpuList(p.agentCpuCores), '28-37,76-85');
  assert.ok(p.notes.some((n) => n.startsWith("the agent's cores are chosen inside the cpuset /sys/fs/cgroup/cpuset.cpus.effective")));
});

test('a cpuset too small: the cause names the cpuset and how to widen it', () => {
  const topo = { ...cpuTopology(1, 8), cpuset: { path: '/sys/fs/cgroup/cpuset.cpus.effective', cpus: [0, 1, 2, 3, 8, 9, 10, 11] } };
  assert.throws(
    () => planCpuCores(narrow(), topo, 'm5.4xlarge'),
    (e: unknown) => {
      assert.ok(e instanceof HostFactsError);
      assert.match(
        e.message,
        /the largest has 2 free; 4 of its whole pairs are outside the cpuset \/sys\/fs\/cgroup\/cpuset.cpus.effective \(CPUs 0-3,8-11\); the mission needs 4$/,
      );
      assert.match(e.details[0], /widen the agent's cpuset/);
      return true;
    },
  );
});

test('cpuCores given: CPUs outside the cpuset, or without an online sibling, are refused by name', () => {
  const topo = { ...offline(cpuTopology(1, 8), [15]), cpuset: { path: '/c', cpus: range(0, 13) } };
  // auto: cores 2-5 (core 6 is outside the cpuset, core 7 has one thread).
  assert.equal(formatCpuList(planCpuCores(narrow(), topo, 'm5.4xlarge').agentCpuCores), '2-5,10-13');
  const m = aMission({ dataflows: [aDataflow({ bandwidthMHz: 20 })] }, { cpuCores: [2, 3, 4, 7, 10, 11, 12, 14] });
  assert.throws(
    () => planCpuCores(m, topo, 'm5.4xlarge'),
    (e: unknown) => {
      assert.ok(e instanceof MissionInvalidError);
      assert.ok(e.details.includes('CPUs 7 have no online hyperthread sibling: not whole pairs; choose others'), e.details.join('\n'));
      assert.ok(
        e.details.some((d) => /^CPUs 14 are outside the cpuset \/c/.test(d)),
        e.details.join('\n'),
      );
      return true;
    },
  );
});

test('an L3 without shared_cpu_list: one domain per socket, said in a warning', () => {
  const topo = cpuTopology(2, 24);
  const p = planCpuCores(aMission(), { ...topo, cpus: topo.cpus.map((c) => ({ ...c, l3: [] })), l3Unlisted: topo.online }, 'c5.24xlarge');
  assert.equal(formatCpuList(p.agentCpuCores), '24-33,72-81');
  assert.match(p.warnings.join('\n'), /the L3 cache of CPUs 0-95 shows no shared_cpu_list in \/sys: one L3 domain per socket assumed/);
});
