import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostFactsError } from '../../../../src/errors.ts';
import { formatCpuList, parseCpuList } from '../../../../src/cpu-list.ts';
import { readCpuTopology, readInterfaceNames } from '../../../../src/facts/linux/sysfs.ts';
import { getHostProfile, HOST_PROFILES } from '../../../../sandbox/hosts.ts';
import { writeSysfsTree } from '../../../../sandbox/sysfs-tree.ts';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('cpu-list', () => {
  const cases: Array<[string, number[]]> = [
    ['', []],
    ['0', [0]],
    ['0-3,8,10-11', [0, 1, 2, 3, 8, 10, 11]],
    ['0-23,48-71', [...range(0, 23), ...range(48, 71)]],
    ['0,2,4', [0, 2, 4]],
    ['0-1', [0, 1]],
  ];
  for (const [text, cpus] of cases) {
    test(`"${text}" round-trips`, () => {
      assert.deepEqual(parseCpuList(text), cpus);
      assert.equal(formatCpuList(cpus), text);
    });
  }
  test('parse tolerates a trailing newline and unsorted input; format sorts and dedupes', () => {
    assert.deepEqual(parseCpuList('8,0-2\n'), [0, 1, 2, 8]);
    assert.equal(formatCpuList([3, 1, 2, 2, 9]), '1-3,9');
  });
  for (const bad of ['a', '3-1', '1,,2', '-1', '1-']) {
    test(`"${bad}" is rejected with a message`, () => {
      assert.throws(() => parseCpuList(bad), /invalid CPU list/);
    });
  }
});

describe('sysfs reader on generated trees', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'gs-sysfs-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('c5.24xlarge: 96 online, siblings n/n+48, L3 and NUMA per socket', async () => {
    const dir = join(root, 'c5');
    await writeSysfsTree(getHostProfile('c5.24xlarge'), dir);
    const topo = await readCpuTopology(dir);
    assert.deepEqual(topo.online, range(0, 95));
    assert.equal(topo.cpus.length, 96);
    const socket0 = [...range(0, 23), ...range(48, 71)];
    const socket1 = [...range(24, 47), ...range(72, 95)];
    for (const cpu of topo.cpus) {
      const core = cpu.id % 48;
      assert.deepEqual(cpu.siblings, [core, core + 48]);
      assert.equal(cpu.packageId, core < 24 ? 0 : 1);
      assert.equal(cpu.coreId, core % 24);
      assert.deepEqual(cpu.l3, core < 24 ? socket0 : socket1);
      assert.equal(cpu.numaNode, cpu.packageId);
    }
  });

  for (const [name, host] of Object.entries(HOST_PROFILES)) {
    test(`${name}: vCPU count, HT pairs and interface names read back`, async () => {
      const dir = join(root, name);
      await writeSysfsTree(host, dir);
      const { sockets, coresPerSocket, threadsPerCore } = host.cpu;
      const n = sockets * coresPerSocket * threadsPerCore;
      const topo = await readCpuTopology(dir);
      assert.deepEqual(topo.online, range(0, n - 1));
      assert.equal(new Set(topo.cpus.map((c) => c.siblings.join(','))).size, n / threadsPerCore);
      assert.equal(new Set(topo.cpus.map((c) => c.l3.join(','))).size, sockets);
      assert.deepEqual(await readInterfaceNames(dir), Object.fromEntries(host.interfaces.map((i) => [i.mac, i.linuxName])));
    });
  }

  test('missing sysfs → HostFactsError naming the path and --sys-root', async () => {
    const missing = join(root, 'nope');
    await assert.rejects(readCpuTopology(missing), (err: unknown) => {
      assert.ok(err instanceof HostFactsError);
      assert.ok(err.message.includes(join(missing, 'devices/system/cpu/online')));
      assert.match(err.details.join(' '), /--sys-root.*GS_AGENT_CONFIG_SYS_ROOT/);
      return true;
    });
    await assert.rejects(readInterfaceNames(missing), HostFactsError);
  });

  test('a missing topology file is an error; falls back to core_cpus_list', async () => {
    const dir = join(root, 'broken');
    await writeSysfsTree(getHostProfile('t3.medium'), dir);
    await unlink(join(dir, 'devices/system/cpu/cpu1/topology/thread_siblings_list'));
    const topo = await readCpuTopology(dir);
    assert.deepEqual(topo.cpus[1].siblings, [0, 1]);
    await unlink(join(dir, 'devices/system/cpu/cpu1/topology/core_id'));
    await assert.rejects(readCpuTopology(dir), /cpu1\/topology\/core_id/);
  });
});
