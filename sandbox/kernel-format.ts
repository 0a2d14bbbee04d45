/**
 * How the Linux kernel prints CPU sets in /sys and /proc, written here from the kernel's own
 * formats (bitmap_print_list_to_buf and bitmap_print_to_pagebuf in lib/bitmap-str.c), not
 * borrowed from the product: the simulated host must be able to catch the product's mistakes.
 */

/** A cpulist as the kernel prints it: ascending ranges, `0-3,8,10-11`. */
export function kernelCpuList(cpus: Iterable<number>): string {
  const set = [...new Set(cpus)].sort((a, b) => a - b);
  const out: string[] = [];
  let start = set[0];
  for (let i = 1; i <= set.length; i++) {
    if (i < set.length && set[i] === set[i - 1] + 1) continue;
    out.push(start === set[i - 1] ? String(start) : `${start}-${set[i - 1]}`);
    start = set[i];
  }
  return set.length ? out.join(',') : '';
}

/**
 * A cpumask as the kernel prints it (rps_cpus, smp_affinity): hex in comma-separated 32-bit
 * words, as many as `nrCpus` needs; the first word has as many digits as its bits need.
 */
export function kernelCpuMask(cpus: Iterable<number>, nrCpus: number): string {
  let mask = 0n;
  for (const c of cpus) mask |= 1n << BigInt(c);
  const words = Math.max(1, Math.ceil(nrCpus / 32));
  const parts: string[] = [];
  for (let w = 0; w < words; w++) parts.unshift(((mask >> BigInt(32 * w)) & 0xffffffffn).toString(16).padStart(8, '0'));
  const firstBits = nrCpus - 32 * (words - 1);
  parts[0] = parts[0].slice(8 - Math.max(1, Math.ceil(firstBits / 4)));
  return parts.join(',');
}
