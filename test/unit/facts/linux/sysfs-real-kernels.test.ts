/**
 * The sysfs reader on trees as real kernels write them (issue 20): NUL-terminated lists, CPUs
 * present but offline, single-thread cores, compute units, the effective cpuset (cgroup v2 and
 * v1, most specific first), an L3 without shared_cpu_list, and the contradictions refused
 * with the file named.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseCpuList, trimKernelText } from '../../../../src/cpu-list.ts';
import { HostFactsError } from '../../../../src/errors.ts';
import { readCpuTopology } from '../../../../src/facts/linux/sysfs.ts';
import { getHostProfile } from '../../../../sandbox/hosts.ts';
import { writeSysfsTree } from '../../../../sandbox/sysfs-tree.ts';
import type { SysVariant } from '../../../../sandbox/sys-variants.ts';

describe('kernel list text', () => {
  test('a NUL byte after the newline (and several) is dropped, as hwloc and lscpu do', () => {
    assert.deepEqual(parseCpuList('0-3\n\u0000'), [0, 1, 2, 3]);
    assert.deepEqual(parseCpuList('0-1,4\n\u0000\u0000\n'), [0, 1, 4]);
    assert.deepEqual(parseCpuList('\u0000'), []);
    assert.equal(trimKernelText('  7\n\u0000'), '7');
  });
  test('a NUL inside the list is refused', () => {
    assert.throws(() => parseCpuList('0-3\u0000,5'), /invalid CPU list/);
    assert.throws(() => parseCpuList('\u00000-3'), /invalid CPU list/);
  });
});

describe('generated variants', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'gs-sysfs-real-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });
  const tree = async (name: string, variants: SysVariant[], profile = 'c5.24xlarge') => {
    const dir = join(root, name);
    await writeSysfsTree(getHostProfile(profile), dir, { variants });
    return dir;
  };

  test('nul-lists: the same facts as the tidy tree', async () => {
    const [a, b] = await Promise.all([tree('tidy', []), tree('nul', ['nul-lists'])]);
    assert.deepEqual(await readCpuTopology(b), await readCpuTopology(a));
  });

  test('offline-cpus: present minus online is recorded, the online siblings lose their pair', async () => {
    const topo = await readCpuTopology(await tree('offline', ['offline-cpus']));
    assert.deepEqual(
      topo.offline,
      Array.from({ length: 12 }, (_, i) => 84 + i),
    );
    assert.equal(topo.online.length, 84);
    assert.deepEqual(topo.cpus.find((c) => c.id === 36)!.siblings, [36]);
    assert.deepEqual(topo.cpus.find((c) => c.id === 24)!.siblings, [24, 72]);
  });

  test('partial-ht: the missing threads are not present, so nothing is offline', async () => {
    const topo = await readCpuTopology(await tree('partial', ['partial-ht']));
    assert.equal(topo.offline, undefined);
    assert.equal(topo.online.length, 84);
  });

  test('compute-units: read as written (the planner judges them)', async () => {
    const topo = await readCpuTopology(await tree('cu', ['compute-units']));
    const [c0, c48] = [0, 48].map((id) => topo.cpus.find((c) => c.id === id)!);
    assert.deepEqual(c0.siblings, [0, 48]);
    assert.notEqual(c0.coreId, c48.coreId);
  });

  test('snc: two nodes per socket, one L3 per socket', async () => {
    const topo = await readCpuTopology(await tree('snc', ['snc']));
    const c = (id: number) => topo.cpus.find((x) => x.id === id)!;
    assert.deepEqual([c(0).numaNode, c(12).numaNode, c(24).numaNode, c(36).numaNode, c(84).numaNode], [0, 1, 2, 3, 3]);
    assert.deepEqual(c(24).l3, c(36).l3);
  });

  test("cpuset: the agent unit's cgroup v2 cpuset.cpus.effective", async () => {
    const dir = await tree('cpuset', ['cpuset']);
    const topo = await readCpuTopology(dir);
    assert.equal(topo.cpuset!.path, join(dir, 'fs/cgroup/system.slice/aws-groundstation-agent.service/cpuset.cpus.effective'));
    assert.equal(topo.cpuset!.cpus.length, 88);
    assert.ok(!topo.cpuset!.cpus.includes(24) && !topo.cpuset!.cpus.includes(75));
  });

  test('l3-unlisted: every CPU recorded, l3 empty', async () => {
    const topo = await readCpuTopology(await tree('l3', ['l3-unlisted']));
    assert.equal(topo.l3Unlisted!.length, 96);
    assert.ok(topo.cpus.every((c) => c.l3.length === 0));
  });

  test('numa-every-cpu: refused, both node files named', async () => {
    const dir = await tree('every', ['numa-every-cpu']);
    await assert.rejects(readCpuTopology(dir), (e: unknown) => {
      assert.ok(e instanceof HostFactsError);
      assert.equal(e.exitCode, 3);
      assert.match(
        e.message,
        new RegExp(
          `^${join(dir, 'devices/system/node/node1/cpulist')} lists CPU 0, which ${join(dir, 'devices/system/node/node0/cpulist')} lists too`,
        ),
      );
      return true;
    });
  });
});

describe('cpuset files, most specific first', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gs-sysfs-cpuset-'));
    await writeSysfsTree(getHostProfile('m5.4xlarge'), dir);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const put = async (rel: string, text: string) => {
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeFile(join(dir, rel), text);
  };

  test('no cgroup files: no cpuset', async () => {
    assert.equal((await readCpuTopology(dir)).cpuset, undefined);
  });
  test('cgroup v1 root, then the v2 root wins over it, then an empty unit file is no restriction', async () => {
    await put('fs/cgroup/cpuset/cpuset.effective_cpus', '0-7\n');
    assert.deepEqual((await readCpuTopology(dir)).cpuset, {
      path: join(dir, 'fs/cgroup/cpuset/cpuset.effective_cpus'),
      cpus: [0, 1, 2, 3, 4, 5, 6, 7],
    });
    await put('fs/cgroup/cpuset.cpus.effective', '0-15\n');
    assert.equal((await readCpuTopology(dir)).cpuset!.cpus.length, 16);
    await put('fs/cgroup/system.slice/aws-groundstation-agent.service/cpuset.cpus.effective', '\n');
    assert.equal((await readCpuTopology(dir)).cpuset!.path, join(dir, 'fs/cgroup/cpuset.cpus.effective'));
    await put('fs/cgroup/system.slice/aws-groundstation-agent.service/cpuset.cpus.effective', '2-5\n\u0000');
    assert.deepEqual((await readCpuTopology(dir)).cpuset!.cpus, [2, 3, 4, 5]);
  });
});

describe('contradictions refused with the file named', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gs-sysfs-contra-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const fresh = async (name: string) => {
    const d = join(dir, name);
    await writeSysfsTree(getHostProfile('m5.4xlarge'), d);
    return d;
  };

  test('siblings that do not list each other', async () => {
    const d = await fresh('asym');
    await writeFile(join(d, 'devices/system/cpu/cpu8/topology/thread_siblings_list'), '8-9\n');
    await assert.rejects(
      readCpuTopology(d),
      /cpu(8|9)\/topology\/thread_siblings_list: CPU (8|9) lists .* the CPU topology contradicts itself/,
    );
  });
  test('siblings in two packages', async () => {
    const d = await fresh('pkg');
    await writeFile(join(d, 'devices/system/cpu/cpu8/topology/physical_package_id'), '1\n');
    await assert.rejects(
      readCpuTopology(d),
      /cpu(0|8)\/topology\/physical_package_id: thread siblings 0 and 8 sit in packages (0 and 1|1 and 0)/,
    );
  });
});
