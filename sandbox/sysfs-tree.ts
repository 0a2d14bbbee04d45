/**
 * Writes the subset of /sys that gs-agent-config reads, for a simulated host, so the real
 * sysfs reader can run against it (`--sys-root DIR` / GS_AGENT_CONFIG_SYS_ROOT).
 *
 * Numbering follows Linux on these Intel instance types: with S sockets × C cores × 2
 * threads (N vCPUs), cpu n and n + N/2 are hyperthread siblings, and socket s holds cores
 * s*C … s*C+C-1 plus their siblings (c5.24xlarge: socket 0 = 0-23,48-71).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kernelCpuList } from './kernel-format.ts';
import type { SimulatedHost } from './types.ts';

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

/** Writes `files` (path relative to root → content + "\n", as sysfs does). */
async function writeFiles(root: string, files: Map<string, string>): Promise<void> {
  const dirs = new Set([...files.keys()].map((p) => join(root, p, '..')));
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  // A 128-vCPU host is ~2000 files: write in batches to stay far below the open-file limit.
  const entries = [...files];
  for (let i = 0; i < entries.length; i += 64) {
    await Promise.all(entries.slice(i, i + 64).map(([p, content]) => writeFile(join(root, p), `${content}\n`)));
  }
}

function cpuFiles(host: SimulatedHost, files: Map<string, string>): void {
  const cpus = layoutCpus(host.cpu);
  const all = kernelCpuList(cpus.map((c) => c.id));
  for (const f of ['online', 'present', 'possible']) files.set(`devices/system/cpu/${f}`, all);

  const bySocket = new Map<number, number[]>();
  for (const c of cpus) bySocket.set(c.socket, [...(bySocket.get(c.socket) ?? []), c.id]);

  for (const c of cpus) {
    const base = `devices/system/cpu/cpu${c.id}`;
    const siblings = kernelCpuList(c.siblings);
    const socketCpus = kernelCpuList(bySocket.get(c.socket) ?? []);
    files.set(`${base}/topology/physical_package_id`, String(c.socket));
    files.set(`${base}/topology/core_id`, String(c.coreId));
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
      files.set(`${base}/cache/index${k}/shared_cpu_list`, cache.shared);
    });
  }
  // One NUMA node per socket, as on c5/m5/c6i.
  for (const [socket, ids] of bySocket) files.set(`devices/system/node/node${socket}/cpulist`, kernelCpuList(ids));
  files.set('devices/system/node/online', kernelCpuList([...bySocket.keys()]));
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
export async function writeSysfsTree(host: SimulatedHost, dir: string): Promise<void> {
  const files = new Map<string, string>();
  cpuFiles(host, files);
  netFiles(host, files);
  await writeFiles(dir, files);
}
