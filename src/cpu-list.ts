/**
 * Linux CPU list format ("0-23,48-71"), as used by /sys/devices/system/cpu/online,
 * thread_siblings_list, shared_cpu_list and node cpulist. Pure: the planner imports this,
 * so it must stay free of I/O.
 */

/** Highest CPU number accepted (schemas/host-facts.schema.json cpuId; Linux NR_CPUS is at most 8192, EC2 tops out at 448). */
export const MAX_CPU_ID = 4095;
/** Longest text accepted: 4096 CPUs written one by one. */
const MAX_TEXT = 24_576;

const NUMBER = '(0|[1-9][0-9]{0,3})';
const ITEM = new RegExp(`^${NUMBER}(?:-${NUMBER})?$`);

/**
 * Kernel text as hwloc and lscpu read it: leading whitespace and any run of trailing NUL bytes
 * and whitespace removed (some kernels end list files with `\n\0`). A NUL inside stays and is
 * refused by the parser.
 */
export function trimKernelText(text: string): string {
  return text.replace(/[\s\0]+$/u, '').trimStart();
}

/** The text, quoted and cut for a message. */
function shown(text: string): string {
  const q = JSON.stringify(text);
  return q.length > 80 ? `${q.slice(0, 80)}…` : q;
}

/**
 * Parse a Linux CPU list into sorted, unique CPU numbers. An empty (or whitespace-only) list
 * is valid and gives []; trailing NUL bytes are dropped (trimKernelText). Throws an Error naming the offending part on malformed input; CPU
 * numbers above MAX_CPU_ID are refused before any range is expanded (no `0-4000000000` loop).
 */
export function parseCpuList(text: string): number[] {
  const trimmed = trimKernelText(text);
  if (trimmed === '') return [];
  if (trimmed.length > MAX_TEXT) throw new Error(`invalid CPU list ${shown(trimmed)}: longer than ${MAX_TEXT} characters`);
  const cpus = new Set<number>();
  for (const raw of trimmed.split(',')) {
    const part = raw.trim();
    const m = ITEM.exec(part);
    if (!m) throw new Error(`invalid CPU list ${shown(trimmed)}: ${shown(part)} is not a CPU number (0-${MAX_CPU_ID}) or a range like 0-3`);
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    if (last > MAX_CPU_ID) throw new Error(`invalid CPU list ${shown(trimmed)}: ${shown(part)} goes past CPU ${MAX_CPU_ID}`);
    if (last < first) throw new Error(`invalid CPU list ${shown(trimmed)}: range ${shown(part)} runs backwards`);
    for (let cpu = first; cpu <= last; cpu++) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}

/**
 * Format CPU numbers the way the kernel prints them: sorted, runs of two or more
 * consecutive CPUs as "a-b" (the kernel writes "10-11", not "10,11").
 */
export function formatCpuList(cpus: readonly number[]): string {
  const sorted = [...new Set(cpus)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return parts.join(',');
}
