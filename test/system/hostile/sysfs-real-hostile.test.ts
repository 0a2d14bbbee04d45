/**
 * Hostile /sys for the sources issue 20 added (the CPUs present, the effective cpuset) and the
 * contradictions a real tree can hold (siblings, NUMA lists): garbled, huge and never-ending
 * (a named pipe) files, each refused with exit 3 naming the file, fast, nothing written, and a
 * plain re-run still applies (runFactsScenario / assertFactsOutcome).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { useSandbox } from '../../helpers/sandbox-fixture.ts';
import { assertFactsOutcome, runFactsScenario, type FactsScenario } from './facts-harness.ts';

const fx = useSandbox('hostile-sysfs-real');

const CPUSET = 'fs/cgroup/system.slice/aws-groundstation-agent.service/cpuset.cpus.effective';

const put = (rel: string, content: string) => async (dir: string) => {
  await mkdir(dirname(join(dir, rel)), { recursive: true });
  await writeFile(join(dir, rel), content);
};
const fifo = (rel: string) => async (dir: string) => {
  await mkdir(dirname(join(dir, rel)), { recursive: true });
  await rm(join(dir, rel), { force: true });
  execFileSync('mkfifo', [join(dir, rel)]);
};

const scenarios: FactsScenario[] = [
  { name: 'cpuset garbled', exit: 3, sysfs: put(CPUSET, '0-95,zz\n'), message: /cpuset\.cpus\.effective: invalid CPU list "0-95,zz"/ },
  {
    name: 'cpuset of 2 MiB',
    exit: 3,
    sysfs: put(CPUSET, '0,'.repeat(1024 * 1024)),
    message: /cpuset\.cpus\.effective: longer than 65536 bytes/,
  },
  { name: 'cpuset a named pipe', exit: 3, sysfs: fifo(CPUSET), message: /cpuset\.cpus\.effective.*refused/ },
  {
    name: 'cgroup v1 cpuset garbled',
    exit: 3,
    sysfs: put('fs/cgroup/cpuset/cpuset.effective_cpus', '\u0000\u0001\n'),
    message: /cpuset\.effective_cpus: invalid CPU list/,
  },
  {
    name: 'present garbled',
    exit: 3,
    sysfs: put('devices/system/cpu/present', 'all of them\n'),
    message: /devices\/system\/cpu\/present: invalid CPU list "all of them"/,
  },
  { name: 'present a named pipe', exit: 3, sysfs: fifo('devices/system/cpu/present'), message: /devices\/system\/cpu\/present.*refused/ },
  {
    name: 'a NUL inside a list (not at its end)',
    exit: 3,
    sysfs: put('devices/system/cpu/online', '0-47\u0000,48-95\n'),
    message: /devices\/system\/cpu\/online: invalid CPU list/,
  },
  {
    name: 'every NUMA node lists every CPU',
    exit: 3,
    sysfs: put('devices/system/node/node1/cpulist', '0-95\n'),
    message: /node1\/cpulist lists CPU 0, which .*node0\/cpulist lists too: a CPU sits in one NUMA node/,
  },
  {
    name: 'thread siblings that do not list each other',
    exit: 3,
    sysfs: put('devices/system/cpu/cpu48/topology/thread_siblings_list', '48-49\n'),
    message: /cpu(48|49)\/topology\/thread_siblings_list: CPU (48|49) lists .* the CPU topology contradicts itself/,
  },
  {
    name: 'thread siblings in two packages',
    exit: 3,
    sysfs: put('devices/system/cpu/cpu48/topology/physical_package_id', '1\n'),
    message: /cpu(0|48)\/topology\/physical_package_id: thread siblings 0 and 48 sit in packages/,
  },
];

for (const s of scenarios) {
  test(`hostile /sys: ${s.name} → exit ${s.exit}`, { timeout: 30_000 }, async () => {
    assertFactsOutcome(await runFactsScenario(s, fx.sb));
  });
}

test('a list ending with a NUL byte after the newline (as some kernels write) is read, not refused', { timeout: 30_000 }, async () => {
  const s: FactsScenario = { name: 'NUL-terminated', exit: 3, sysfs: put('devices/system/cpu/online', '0-95\n\u0000'), message: /./ };
  const o = await runFactsScenario(s, fx.sb);
  assert.equal(o.run.code, 0, o.run.err);
});
