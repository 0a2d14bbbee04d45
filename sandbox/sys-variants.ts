/**
 * The variants of a real kernel's /sys that `sandbox --sys VARIANT` (startSandbox({ sys }))
 * writes instead of the tidy default tree, on their own so that the CLI's help can list them
 * without loading the sandbox. sysfs-tree.ts applies them.
 */
export const SYS_VARIANTS = [
  'nul-lists',
  'offline-cpus',
  'partial-ht',
  'compute-units',
  'numa-every-cpu',
  'snc',
  'cpuset',
  'l3-unlisted',
] as const;

export type SysVariant = (typeof SYS_VARIANTS)[number];

/** Unknown variants throw, naming the valid ones. */
export function checkSysVariants(names: readonly string[]): SysVariant[] {
  const bad = names.filter((n) => !(SYS_VARIANTS as readonly string[]).includes(n));
  if (bad.length)
    throw new Error(`unknown /sys variant ${bad.map((b) => JSON.stringify(b)).join(', ')} for --sys; valid: ${SYS_VARIANTS.join(', ')}`);
  return names as SysVariant[];
}
