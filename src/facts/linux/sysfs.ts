/**
 * CPU topology and interface names from a sysfs root (/sys, or a generated tree given by
 * --sys-root / GS_AGENT_CONFIG_SYS_ROOT).
 *
 * Reads are synchronous: a 192-vCPU host has ~1,700 tiny files, and one bounded sync read each
 * costs a tenth of a promise round trip through the thread pool (npm run bench). They never
 * block (bounded-read.ts): a named pipe, device or socket in the tree is refused by name, as is a
 * file that would block, even where a missing file would be fine (caches, NUMA nodes).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HostFactsError } from '../../errors.ts';
import type { CpuFacts, CpuTopologyFacts } from '../../types.ts';
import { formatCpuList, parseCpuList, trimKernelText } from '../../cpu-list.ts';
import { NotRegularFileError, readCappedSync } from './bounded-read.ts';
import { factReader } from '../fact-value.ts';
import { parseInteger, type IntegerKind } from '../parse-values.ts';

/** No sysfs file the tool reads is near this; a bigger one is not a sysfs file. */
const MAX_FILE_BYTES = 64 * 1024;
const CHECK = "the kernel's sysfs (or the tree given by --sys-root / GS_AGENT_CONFIG_SYS_ROOT)";

function unreadable(path: string, err: unknown): HostFactsError {
  const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  return new HostFactsError(
    `cannot read ${path} (${reason})`,
    ['the CPU topology and interface names come from sysfs; point at another tree with --sys-root DIR or GS_AGENT_CONFIG_SYS_ROOT'],
    { cause: err },
  );
}

class TooLong extends Error {}

/** Present but not readable as a kernel file (a named pipe, a device, a file that would block): never "missing". */
function refused(path: string, err: unknown): HostFactsError | undefined {
  if (err instanceof NotRegularFileError)
    return new HostFactsError(`${err.message}, as every sysfs file the tool reads is: refused unread`, [`check ${CHECK}`]);
  if ((err as NodeJS.ErrnoException).code === 'EAGAIN')
    return new HostFactsError(`${path}: reading it would block, which no sysfs file the tool reads does: refused`, [`check ${CHECK}`]);
  return undefined;
}

/** The file's text, trimmed as the kernel's (trailing NULs too); at most MAX_FILE_BYTES are read (a corrupt tree cannot make us load a huge file). */
function readSmall(path: string): string {
  const { text, over } = readCappedSync(path, MAX_FILE_BYTES);
  if (over) throw new TooLong();
  return trimKernelText(text);
}

function tooLong(path: string): HostFactsError {
  return new HostFactsError(`${path}: longer than ${MAX_FILE_BYTES} bytes, which no sysfs file the tool reads is`, [`check ${CHECK}`]);
}

async function readText(path: string): Promise<string> {
  try {
    return readSmall(path);
  } catch (err) {
    if (err instanceof TooLong) throw tooLong(path);
    throw refused(path, err) ?? unreadable(path, err);
  }
}

/** Missing optional files (caches, NUMA nodes) give undefined instead of an error. */
async function readOptional(path: string): Promise<string | undefined> {
  try {
    return readSmall(path);
  } catch (err) {
    if (err instanceof TooLong) throw tooLong(path);
    const r = refused(path, err);
    if (r) throw r;
    return undefined;
  }
}

/** A whole number from a sysfs file (physical_package_id, core_id): anything else names the file. */
async function readInteger(path: string, kind: IntegerKind): Promise<number> {
  const text = await readText(path);
  return factReader(path, CHECK)('value', text, (v) => parseInteger(kind, v));
}

async function listDir(path: string, optional: boolean): Promise<string[]> {
  try {
    return readdirSync(path).sort();
  } catch (err) {
    if (optional) return [];
    throw unreadable(path, err);
  }
}

/** A CPU list read from `path`; a malformed one names the file. */
function parseListOf(path: string, text: string): number[] {
  try {
    return parseCpuList(text);
  } catch (err) {
    throw new HostFactsError(`${path}: ${(err as Error).message}`, [`check ${CHECK}`], { cause: err });
  }
}

async function readList(path: string): Promise<number[]> {
  return parseListOf(path, await readText(path));
}

interface L3 {
  /** shared_cpu_list ([] when the kernel shows no L3 or no list). */
  shared: number[];
  /** An L3 is shown without its shared_cpu_list. */
  unlisted: boolean;
}

/**
 * shared_cpu_list of the cache/indexK whose level is 3 ([] when the kernel shows no L3).
 * `hint` is the index found on the previous CPU: every CPU has the same cache layout, so
 * one `level` read confirms it instead of listing and reading every index.
 */
async function readL3(cpuDir: string, hint: { index?: string }): Promise<L3> {
  const cacheDir = `${cpuDir}/cache`;
  let l3 = hint.index !== undefined && (await readOptional(`${cacheDir}/${hint.index}/level`)) === '3' ? hint.index : undefined;
  if (l3 === undefined) {
    const indices = (await listDir(cacheDir, true)).filter((n) => /^index\d+$/.test(n));
    const levels = await Promise.all(indices.map((n) => readOptional(join(cacheDir, n, 'level'))));
    l3 = indices.find((_, i) => levels[i] === '3');
  }
  if (l3 === undefined) return { shared: [], unlisted: false };
  hint.index = l3;
  const path = `${cacheDir}/${l3}/shared_cpu_list`;
  const shared = await readOptional(path);
  return shared === undefined ? { shared: [], unlisted: true } : { shared: parseListOf(path, shared), unlisted: false };
}

/**
 * cpu → NUMA node, from devices/system/node/nodeK/cpulist (empty when there is no node dir).
 * A CPU listed by two nodes (a known firmware bug lists every CPU in every node) is refused
 * with both files named: NUMA placement cannot be judged from such a tree.
 */
async function readNumaNodes(sysRoot: string): Promise<Map<number, number>> {
  const nodeDir = join(sysRoot, 'devices/system/node');
  const nodes = (await listDir(nodeDir, true)).filter((n) => /^node\d+$/.test(n));
  const lists = await Promise.all(nodes.map((n) => readOptional(join(nodeDir, n, 'cpulist'))));
  const byCpu = new Map<number, number>();
  const fileOf = new Map<number, string>();
  nodes.forEach((n, i) => {
    const path = join(nodeDir, n);
    const node = factReader(path, CHECK)('NUMA node number', n.slice(4), (v) => parseInteger('numaNode', v));
    const file = join(path, 'cpulist');
    for (const cpu of parseListOf(file, lists[i] ?? '')) {
      const first = fileOf.get(cpu);
      if (first !== undefined) {
        throw new HostFactsError(
          `${file} lists CPU ${cpu}, which ${first} lists too: a CPU sits in one NUMA node, so this NUMA topology contradicts itself (a known firmware bug lists every CPU in every node)`,
          [
            "update the instance's kernel or firmware (or boot with numa=off), or point --sys-root at a sound tree: the core plan and doctor's nic-numa check cannot judge NUMA placement from this one",
          ],
        );
      }
      byCpu.set(cpu, node);
      fileOf.set(cpu, file);
    }
  });
  return byCpu;
}

async function readSiblings(topo: string): Promise<number[]> {
  // thread_siblings_list is deprecated in favour of core_cpus_list (5.x); either has the HT pair.
  const path = `${topo}/thread_siblings_list`;
  const text = await readOptional(path);
  return text === undefined ? readList(`${topo}/core_cpus_list`) : parseListOf(path, text);
}

interface ReadCpu {
  cpu: CpuFacts;
  l3Unlisted: boolean;
}

async function readCpu(cpuRoot: string, id: number, numa: Map<number, number>, l3Hint: { index?: string }): Promise<ReadCpu> {
  // cpuRoot is normalised once (join); per-CPU paths are plain concatenation (1,700 of them).
  const dir = `${cpuRoot}/cpu${id}`;
  const topo = `${dir}/topology`;
  const packageId = await readInteger(`${topo}/physical_package_id`, 'topologyId');
  const coreId = await readInteger(`${topo}/core_id`, 'topologyId');
  const siblings = await readSiblings(topo);
  const l3 = await readL3(dir, l3Hint);
  const node = numa.get(id);
  return {
    cpu: { id, packageId, coreId, siblings, l3: l3.shared, ...(node === undefined ? {} : { numaNode: node }) },
    l3Unlisted: l3.unlisted,
  };
}

function contradiction(message: string, file: string): HostFactsError {
  return new HostFactsError(`${file}: ${message}: the CPU topology contradicts itself`, [
    `check ${CHECK}; the core plan cannot be made from a topology that contradicts itself`,
  ]);
}

/**
 * Thread siblings list each other and sit in one package. Siblings with different core ids
 * (AMD's older compute units) are kept as read: the planner does not take them as a pair.
 */
function checkSiblings(cpuRoot: string, cpus: CpuFacts[]): void {
  const byId = new Map(cpus.map((c) => [c.id, c]));
  for (const c of cpus) {
    for (const s of c.siblings) {
      const other = byId.get(s);
      if (!other || s === c.id) continue;
      const file = `${cpuRoot}/cpu${s}/topology/thread_siblings_list`;
      if (!other.siblings.includes(c.id))
        throw contradiction(
          `CPU ${s} lists ${formatCpuList(other.siblings)} as its thread siblings, without CPU ${c.id}, which lists CPU ${s}`,
          file,
        );
      if (other.packageId !== c.packageId)
        throw contradiction(
          `thread siblings ${c.id} and ${s} sit in packages ${c.packageId} and ${other.packageId} (physical_package_id)`,
          `${cpuRoot}/cpu${s}/topology/physical_package_id`,
        );
    }
  }
}

/** Agent unit of the Ground Station Agent: its cgroup, when it has one, restricts the CPUs it may run on. */
const AGENT_UNIT = 'aws-groundstation-agent.service';
/** Where the kernel shows an effective cpuset, most specific first (cgroup v2, then v1). */
const CPUSET_FILES = [
  `fs/cgroup/system.slice/${AGENT_UNIT}/cpuset.cpus.effective`,
  'fs/cgroup/system.slice/cpuset.cpus.effective',
  'fs/cgroup/cpuset.cpus.effective',
  `fs/cgroup/cpuset/system.slice/${AGENT_UNIT}/cpuset.effective_cpus`,
  'fs/cgroup/cpuset/system.slice/cpuset.effective_cpus',
  'fs/cgroup/cpuset/cpuset.effective_cpus',
];

/** The first effective cpuset the kernel shows (an empty file is not a restriction), or undefined. */
async function readCpuset(sysRoot: string): Promise<{ path: string; cpus: number[] } | undefined> {
  for (const rel of CPUSET_FILES) {
    const path = join(sysRoot, rel);
    const text = await readOptional(path);
    if (text === undefined || text === '') continue;
    return { path, cpus: parseListOf(path, text) };
  }
  return undefined;
}

/**
 * Online CPUs with package, core, hyperthread siblings, L3 sharing and NUMA node; the CPUs
 * present but offline, the effective cpuset and the CPUs whose L3 shows no shared_cpu_list.
 */
export async function readCpuTopology(sysRoot: string): Promise<CpuTopologyFacts> {
  const cpuRoot = join(sysRoot, 'devices/system/cpu');
  const online = await readList(join(cpuRoot, 'online'));
  const presentPath = join(cpuRoot, 'present');
  const presentText = await readOptional(presentPath);
  const onlineSet = new Set(online);
  const offline = presentText === undefined ? [] : parseListOf(presentPath, presentText).filter((c) => !onlineSet.has(c));
  const numa = await readNumaNodes(sysRoot);
  const cpus: CpuFacts[] = [];
  const l3Unlisted: number[] = [];
  const l3Hint = {};
  for (const id of online) {
    const r = await readCpu(cpuRoot, id, numa, l3Hint);
    cpus.push(r.cpu);
    if (r.l3Unlisted) l3Unlisted.push(id);
  }
  checkSiblings(cpuRoot, cpus);
  const cpuset = await readCpuset(sysRoot);
  return {
    online,
    cpus,
    ...(offline.length && { offline }),
    ...(cpuset && { cpuset }),
    ...(l3Unlisted.length && { l3Unlisted }),
  };
}

/**
 * Lower-cased MAC → Linux interface name, from class/net/<name>/address (lo skipped). Names
 * are as listed: gather.ts checks the name of each interface it uses (an odd name on an
 * unrelated virtual device must not stop the run).
 */
export async function readInterfaceNames(sysRoot: string): Promise<Record<string, string>> {
  const netDir = join(sysRoot, 'class/net');
  const names = (await listDir(netDir, false)).filter((n) => n !== 'lo');
  const macs = await Promise.all(names.map((n) => readOptional(join(netDir, n, 'address'))));
  const byMac: Record<string, string> = {};
  names.forEach((name, i) => {
    const mac = macs[i]?.toLowerCase();
    // Virtual devices (bonds, bridges) may repeat a MAC: the first name in sorted order wins.
    if (mac && mac !== '00:00:00:00:00:00' && !(mac in byMac)) byMac[mac] = name;
  });
  return byMac;
}
