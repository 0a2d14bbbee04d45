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
import { parseCpuList } from '../../cpu-list.ts';
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

/** The file's text, trimmed; at most MAX_FILE_BYTES are read (a corrupt tree cannot make us load a huge file). */
function readSmall(path: string): string {
  const { text, over } = readCappedSync(path, MAX_FILE_BYTES);
  if (over) throw new TooLong();
  return text.trim();
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

/**
 * shared_cpu_list of the cache/indexK whose level is 3 ([] when the kernel shows no L3).
 * `hint` is the index found on the previous CPU: every CPU has the same cache layout, so
 * one `level` read confirms it instead of listing and reading every index.
 */
async function readL3(cpuDir: string, hint: { index?: string }): Promise<number[]> {
  const cacheDir = `${cpuDir}/cache`;
  let l3 = hint.index !== undefined && (await readOptional(`${cacheDir}/${hint.index}/level`)) === '3' ? hint.index : undefined;
  if (l3 === undefined) {
    const indices = (await listDir(cacheDir, true)).filter((n) => /^index\d+$/.test(n));
    const levels = await Promise.all(indices.map((n) => readOptional(join(cacheDir, n, 'level'))));
    l3 = indices.find((_, i) => levels[i] === '3');
  }
  if (l3 === undefined) return [];
  hint.index = l3;
  const path = `${cacheDir}/${l3}/shared_cpu_list`;
  const shared = await readOptional(path);
  return shared === undefined ? [] : parseListOf(path, shared);
}

/** cpu → NUMA node, from devices/system/node/nodeK/cpulist (empty when there is no node dir). */
async function readNumaNodes(sysRoot: string): Promise<Map<number, number>> {
  const nodeDir = join(sysRoot, 'devices/system/node');
  const nodes = (await listDir(nodeDir, true)).filter((n) => /^node\d+$/.test(n));
  const lists = await Promise.all(nodes.map((n) => readOptional(join(nodeDir, n, 'cpulist'))));
  const byCpu = new Map<number, number>();
  nodes.forEach((n, i) => {
    const path = join(nodeDir, n);
    const node = factReader(path, CHECK)('NUMA node number', n.slice(4), (v) => parseInteger('numaNode', v));
    for (const cpu of parseListOf(join(path, 'cpulist'), lists[i] ?? '')) byCpu.set(cpu, node);
  });
  return byCpu;
}

async function readSiblings(topo: string): Promise<number[]> {
  // thread_siblings_list is deprecated in favour of core_cpus_list (5.x); either has the HT pair.
  const path = `${topo}/thread_siblings_list`;
  const text = await readOptional(path);
  return text === undefined ? readList(`${topo}/core_cpus_list`) : parseListOf(path, text);
}

async function readCpu(cpuRoot: string, id: number, numa: Map<number, number>, l3Hint: { index?: string }): Promise<CpuFacts> {
  // cpuRoot is normalised once (join); per-CPU paths are plain concatenation (1,700 of them).
  const dir = `${cpuRoot}/cpu${id}`;
  const topo = `${dir}/topology`;
  const packageId = await readInteger(`${topo}/physical_package_id`, 'topologyId');
  const coreId = await readInteger(`${topo}/core_id`, 'topologyId');
  const siblings = await readSiblings(topo);
  const l3 = await readL3(dir, l3Hint);
  const node = numa.get(id);
  return { id, packageId, coreId, siblings, l3, ...(node === undefined ? {} : { numaNode: node }) };
}

/** Online CPUs with package, core, hyperthread siblings, L3 sharing and NUMA node. */
export async function readCpuTopology(sysRoot: string): Promise<CpuTopologyFacts> {
  const cpuRoot = join(sysRoot, 'devices/system/cpu');
  const online = await readList(join(cpuRoot, 'online'));
  const numa = await readNumaNodes(sysRoot);
  const cpus: CpuFacts[] = [];
  const l3Hint = {};
  for (const id of online) cpus.push(await readCpu(cpuRoot, id, numa, l3Hint));
  return { online, cpus };
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
