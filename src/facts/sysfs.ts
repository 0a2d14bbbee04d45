/**
 * CPU topology and interface names from a sysfs root (/sys, or a generated tree given by
 * --sys-root / GS_AGENT_CONFIG_SYS_ROOT).
 *
 * Reads are synchronous: a 192-vCPU host has ~1,700 tiny files, and one readFileSync each
 * costs a tenth of a promise round trip through the thread pool (npm run bench).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostFactsError } from '../errors.ts';
import type { CpuFacts, CpuTopologyFacts } from '../types.ts';
import { parseCpuList } from './cpu-list.ts';

function unreadable(path: string, err: unknown): HostFactsError {
  const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  return new HostFactsError(`cannot read ${path} (${reason})`, [
    'the CPU topology and interface names come from sysfs; point at another tree with --sys-root DIR or GS_AGENT_CONFIG_SYS_ROOT',
  ], { cause: err });
}

async function readText(path: string): Promise<string> {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (err) {
    throw unreadable(path, err);
  }
}

/** Missing optional files (caches, NUMA nodes) give undefined instead of an error. */
async function readOptional(path: string): Promise<string | undefined> {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
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
    throw new HostFactsError(`${path}: ${(err as Error).message}`, [], { cause: err });
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
  const shared = await readOptional(`${cacheDir}/${l3}/shared_cpu_list`);
  return shared === undefined ? [] : parseCpuList(shared);
}

/** cpu → NUMA node, from devices/system/node/nodeK/cpulist (empty when there is no node dir). */
async function readNumaNodes(sysRoot: string): Promise<Map<number, number>> {
  const nodeDir = join(sysRoot, 'devices/system/node');
  const nodes = (await listDir(nodeDir, true)).filter((n) => /^node\d+$/.test(n));
  const lists = await Promise.all(nodes.map((n) => readOptional(join(nodeDir, n, 'cpulist'))));
  const byCpu = new Map<number, number>();
  nodes.forEach((n, i) => {
    for (const cpu of parseCpuList(lists[i] ?? '')) byCpu.set(cpu, Number(n.slice(4)));
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
  const packageId = await readText(`${topo}/physical_package_id`);
  const coreId = await readText(`${topo}/core_id`);
  const siblings = await readSiblings(topo);
  const l3 = await readL3(dir, l3Hint);
  const node = numa.get(id);
  return { id, packageId: Number(packageId), coreId: Number(coreId), siblings, l3, ...(node === undefined ? {} : { numaNode: node }) };
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

/** Lower-cased MAC → Linux interface name, from class/net/<name>/address (lo skipped). */
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
