/**
 * Writes the subset of /sys that gs-agent-config reads, for a simulated host, so the real
 * sysfs reader can run against it (`--sys-root DIR` / GS_AGENT_CONFIG_SYS_ROOT).
 *
 * Numbering follows Linux on these Intel instance types: with S sockets × C cores × 2
 * threads (N vCPUs), cpu n and n + N/2 are hyperthread siblings, and socket s holds cores
 * s*C … s*C+C-1 plus their siblings (c5.24xlarge: socket 0 = 0-23,48-71).
 *
 * `SysfsOptions.variants` (sandbox --sys) writes what real kernels show instead (sys-variants.ts):
 * - nul-lists: every list file ends with "\n\0";
 * - offline-cpus: the second thread of the upper half of the last socket's cores is offline
 *   (an operator's `echo 0 > …/online`): present, not online, absent from every list;
 * - partial-ht: those threads do not exist at all (only some cores have two threads);
 * - compute-units: thread siblings with different core ids (AMD's older compute units);
 * - numa-every-cpu: every NUMA node lists every CPU (a firmware bug);
 * - snc: sub-NUMA clustering, two NUMA nodes per socket (lower and upper half of its cores),
 *   one L3 per socket;
 * - cpuset: the agent unit's cgroup v2 cpuset leaves out the first 4 cores of the last socket
 *   (or the CPUs given in `cpuset`);
 * - l3-unlisted: the L3 cache (index3) has no shared_cpu_list.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kernelCpuList } from './kernel-format.ts';
import type { SysVariant } from './sys-variants.ts';
import type { SimulatedHost } from './types.ts';

export interface SysfsOptions {
  variants?: readonly SysVariant[];
  /** The agent unit's effective cpuset (cgroup v2); default for the `cpuset` variant: see above. */
  cpuset?: number[];
}

const AGENT_CGROUP = 'fs/cgroup/system.slice/aws-groundstation-agent.service';

interface SimCpu {
  id: number;
  socket: number;
  coreId: number;
  siblings: number[];
}

/** Every vCPU of the host with its socket, core and hyperthread siblings. */
function layoutCpus(cpu: SimulatedHost['cpu']): SimCpu[] {
  const physical = cpu.sockets * cpu.coresPerSocket;
  const cpus: SimCpu[] = [];
  for (let thread = 0; thread < cpu.threadsPerCore; thread++) {
    for (let core = 0; core < physical; core++) {
      const siblings = Array.from({ length: cpu.threadsPerCore }, (_, t) => core + t * physical);
      cpus.push({
        id: core + thread * physical,
        socket: Math.floor(core / cpu.coresPerSocket),
        coreId: core % cpu.coresPerSocket,
        siblings,
      });
    }
  }
  return cpus.sort((a, b) => a.id - b.id);
}

/** The second threads the offline-cpus and partial-ht variants take away: those of the upper half of the last socket's cores. */
export function missingThreads(cpu: SimulatedHost['cpu']): number[] {
  if (cpu.threadsPerCore < 2) return [];
  const physical = cpu.sockets * cpu.coresPerSocket;
  const first = (cpu.sockets - 1) * cpu.coresPerSocket + Math.ceil(cpu.coresPerSocket / 2);
  return Array.from({ length: physical - first }, (_, i) => first + i + physical);
}

/** The default cpuset of the `cpuset` variant: every CPU but the first 4 cores of the last socket (both threads). */
export function defaultCpuset(cpu: SimulatedHost['cpu']): number[] {
  const cpus = layoutCpus(cpu);
  const first = (cpu.sockets - 1) * cpu.coresPerSocket;
  const physical = cpu.sockets * cpu.coresPerSocket;
  return cpus.map((c) => c.id).filter((id) => !(id % physical >= first && id % physical < first + 4));
}

/** Writes `files` (path relative to root → content + "\n", as sysfs does). */
async function writeFiles(root: string, files: Map<string, string>, nul = false): Promise<void> {
  const dirs = new Set([...files.keys()].map((p) => join(root, p, '..')));
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  // A 128-vCPU host is ~2000 files: write in batches to stay far below the open-file limit.
  const entries = [...files];
  for (let i = 0; i < entries.length; i += 64) {
    await Promise.all(
      entries.slice(i, i + 64).map(([p, content]) => writeFile(join(root, p), `${content}\n${nul && isList(p) ? '\0' : ''}`)),
    );
  }
}

const isList = (path: string) => /(_list|cpulist|\/online|\/present|\/possible|cpuset\.cpus\.effective)$/.test(path);

function cpuFiles(host: SimulatedHost, files: Map<string, string>, opts: SysfsOptions): void {
  const has = (v: SysVariant) => opts.variants?.includes(v) ?? false;
  const missing = new Set(has('offline-cpus') || has('partial-ht') ? missingThreads(host.cpu) : []);
  const all = layoutCpus(host.cpu);
  const present = has('partial-ht') ? all.filter((c) => !missing.has(c.id)) : all;
  const cpus = all.filter((c) => !missing.has(c.id)).map((c) => ({ ...c, siblings: c.siblings.filter((s) => !missing.has(s)) }));
  files.set('devices/system/cpu/online', kernelCpuList(cpus.map((c) => c.id)));
  files.set('devices/system/cpu/present', kernelCpuList(present.map((c) => c.id)));
  files.set('devices/system/cpu/possible', kernelCpuList(present.map((c) => c.id)));
  if (has('offline-cpus')) for (const id of missing) files.set(`devices/system/cpu/cpu${id}/online`, '0');

  const bySocket = new Map<number, number[]>();
  for (const c of cpus) bySocket.set(c.socket, [...(bySocket.get(c.socket) ?? []), c.id]);

  for (const c of cpus) {
    const base = `devices/system/cpu/cpu${c.id}`;
    const siblings = kernelCpuList(c.siblings);
    const socketCpus = kernelCpuList(bySocket.get(c.socket) ?? []);
    files.set(`${base}/topology/physical_package_id`, String(c.socket));
    // Compute units: each thread its own core id (2k, 2k+1), yet listed as siblings.
    files.set(`${base}/topology/core_id`, String(has('compute-units') ? c.coreId * 2 + c.siblings.indexOf(c.id) : c.coreId));
    files.set(`${base}/topology/thread_siblings_list`, siblings);
    files.set(`${base}/topology/core_cpus_list`, siblings);
    // L1d, L1i and L2 are per physical core; L3 is shared by the whole socket on these types.
    const caches = [
      { level: 1, type: 'Data', shared: siblings },
      { level: 1, type: 'Instruction', shared: siblings },
      { level: 2, type: 'Unified', shared: siblings },
      { level: 3, type: 'Unified', shared: socketCpus },
    ];
    caches.forEach((cache, k) => {
      files.set(`${base}/cache/index${k}/level`, String(cache.level));
      files.set(`${base}/cache/index${k}/type`, cache.type);
      if (!(k === 3 && has('l3-unlisted'))) files.set(`${base}/cache/index${k}/shared_cpu_list`, cache.shared);
    });
  }
  // One NUMA node per socket, as on c5/m5/c6i; two per socket with sub-NUMA clustering.
  const nodes = new Map<number, number[]>();
  for (const c of cpus) {
    const node = has('snc') ? c.socket * 2 + (c.coreId < host.cpu.coresPerSocket / 2 ? 0 : 1) : c.socket;
    nodes.set(node, [...(nodes.get(node) ?? []), c.id]);
  }
  const everyCpu = kernelCpuList(cpus.map((c) => c.id));
  for (const [node, ids] of nodes)
    files.set(`devices/system/node/node${node}/cpulist`, has('numa-every-cpu') ? everyCpu : kernelCpuList(ids));
  files.set('devices/system/node/online', kernelCpuList([...nodes.keys()]));
  if (has('cpuset') || opts.cpuset) {
    const set = opts.cpuset ?? defaultCpuset(host.cpu);
    const online = new Set(cpus.map((c) => c.id));
    files.set(`${AGENT_CGROUP}/cpuset.cpus.effective`, kernelCpuList(set.filter((id) => online.has(id))));
  }
}

function netFiles(host: SimulatedHost, files: Map<string, string>): void {
  files.set('class/net/lo/address', '00:00:00:00:00:00');
  files.set('class/net/lo/mtu', '65536');
  for (const eni of host.interfaces) {
    files.set(`class/net/${eni.linuxName}/address`, eni.mac.toLowerCase());
    // ENIs inside a VPC default to jumbo frames.
    files.set(`class/net/${eni.linuxName}/mtu`, '9001');
  }
}

/** Generate the host's /sys subset under `dir` (created if missing). */
export async function writeSysfsTree(host: SimulatedHost, dir: string, opts: SysfsOptions = {}): Promise<void> {
  const files = new Map<string, string>();
  cpuFiles(host, files, opts);
  netFiles(host, files);
  await writeFiles(dir, files, opts.variants?.includes('nul-lists') ?? false);
}
