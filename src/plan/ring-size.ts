/**
 * The rx ring the tuning unit sets: AWS's value (8192 on c6i, 16384 elsewhere), lowered to the
 * NIC's maximum from `ethtool -g` when that is smaller, because ethtool refuses a larger ring
 * and the unit's "-" prefix would hide it: the ring would keep its default. Pure.
 */
import type { HostFacts } from '../types.ts';

/** AWS's tuning guide: rx ring 8192 on c6i, 16384 elsewhere. */
export function awsRingSize(instanceType: string): number {
  return instanceType.startsWith('c6i.') ? 8192 : 16384;
}

/** The ring size, and a warning when the NIC holds it below AWS's value (doctor's ring-max fails then). */
export function ringSizeFor(facts: Pick<HostFacts, 'instance' | 'nicRingMax'>, adapters: string[]): { size: number; warnings: string[] } {
  const aws = awsRingSize(facts.instance.type);
  const limits = adapters.flatMap((a) => {
    const max = facts.nicRingMax?.[a];
    return max !== undefined && max < aws ? [{ a, max }] : [];
  });
  if (!limits.length) return { size: aws, warnings: [] };
  const size = Math.min(...limits.map((l) => l.max));
  return {
    size,
    warnings: [
      `doctor ring-max: rx ring ${size}, the NIC's maximum (${limits.map((l) => `${l.a} ${l.max}`).join(', ')}, ethtool -g), is below AWS's ${aws} for ${facts.instance.type}: the tuning unit sets ${size}`,
    ],
  };
}
