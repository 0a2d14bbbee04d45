/** Pure views over /sys CPU facts: physical cores, L3 domains, IRQ cores, RPS mask. */
import type { CpuTopologyFacts } from '../types.ts';

export interface PhysicalCore {
  /** Its online hyperthreads, ascending (two on a whole pair). */
  threads: number[];
  packageId: number;
  /** Key of the L3 domain (the shared_cpu_list), or `pkg<N>` when the cache is unknown. */
  domain: string;
  /** NUMA node of its first thread, when /sys shows one. */
  numaNode?: number;
}

/**
 * Distinct thread-sibling sets, ordered by their lowest CPU number. Siblings count only when
 * online and with the same package and core id (AMD's older compute units list two cores as
 * thread siblings: they are two cores of one thread each, not a hyperthread pair).
 */
export function listPhysicalCores(topo: CpuTopologyFacts): PhysicalCore[] {
  const online = new Set(topo.online);
  const byId = new Map(topo.cpus.map((c) => [c.id, c]));
  const byKey = new Map<string, PhysicalCore>();
  for (const cpu of topo.cpus) {
    if (!online.has(cpu.id)) continue;
    const threads = cpu.siblings
      .filter((t) => {
        const other = byId.get(t);
        return online.has(t) && other !== undefined && other.packageId === cpu.packageId && other.coreId === cpu.coreId;
      })
      .sort((a, b) => a - b);
    if (!threads.includes(cpu.id)) threads.push(cpu.id);
    threads.sort((a, b) => a - b);
    const key = threads.join(',');
    if (byKey.has(key)) continue;
    const domain = cpu.l3.length ? cpu.l3.join(',') : `pkg${cpu.packageId}`;
    byKey.set(key, { threads, packageId: cpu.packageId, domain, ...(cpu.numaNode !== undefined && { numaNode: cpu.numaNode }) });
  }
  return [...byKey.values()].sort((a, b) => a.threads[0] - b.threads[0]);
}

/** CPUs whose thread siblings include a CPU with another core id: [cpu, sibling, core ids] (compute units, not hyperthreads). */
export function listSplitSiblings(topo: CpuTopologyFacts): Array<{ cpu: number; sibling: number; coreIds: [number, number] }> {
  const byId = new Map(topo.cpus.map((c) => [c.id, c]));
  const out: Array<{ cpu: number; sibling: number; coreIds: [number, number] }> = [];
  for (const cpu of topo.cpus) {
    for (const t of cpu.siblings) {
      const other = byId.get(t);
      if (other && t > cpu.id && other.packageId === cpu.packageId && other.coreId !== cpu.coreId)
        out.push({ cpu: cpu.id, sibling: t, coreIds: [cpu.coreId, other.coreId] });
    }
  }
  return out;
}

/**
 * The cores left to the kernel and OS (set_irq_affinity.sh's interrupt_core_list): the two
 * lowest physical cores of the lowest package, both threads. On every type in AWS's tuning
 * table this is `0,1,N/2,N/2+1`.
 */
export function pickIrqCores(cores: PhysicalCore[]): number[] {
  if (cores.length === 0) return [];
  const firstPackage = Math.min(...cores.map((c) => c.packageId));
  return cores
    .filter((c) => c.packageId === firstPackage)
    .slice(0, 2)
    .flatMap((c) => c.threads)
    .sort((a, b) => a - b);
}

/**
 * Hex mask of every CPU, one digit per 4 CPUs, comma-grouped every 8 digits from the right
 * (96 CPUs → `ffffffff,ffffffff,ffffffff`).
 */
export function formatRpsMask(cpuCount: number): string {
  const full = Math.floor(cpuCount / 4);
  const rest = cpuCount % 4;
  let digits = (rest ? ((1 << rest) - 1).toString(16) : '') + 'f'.repeat(full);
  if (digits === '') digits = '0';
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 8) groups.unshift(digits.slice(Math.max(0, end - 8), end));
  return groups.join(',');
}
