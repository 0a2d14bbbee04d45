/**
 * The host fact plan() sizes the rx ring with: `ethtool -g` maximum of each interface that
 * holds a public IP (the agent's adapter is one of them). One short execFile per such
 * interface; unreadable gives no entry, and the plan keeps AWS's value.
 */
import type { HostFacts } from '../../types.ts';
import { readRing } from './ethtool.ts';
import type { ProgramOptions } from './host-programs.ts';

export async function withNicRingMax(facts: HostFacts, programs: ProgramOptions): Promise<HostFacts> {
  if (programs.disabled) return facts;
  const names = facts.interfaces.filter((i) => i.publicIps.length && i.linuxName).map((i) => i.linuxName as string);
  const rings = await Promise.all(names.map(async (n) => [n, await readRing(n, programs)] as const));
  const nicRingMax: Record<string, number> = {};
  for (const [n, r] of rings) if (r.ok) nicRingMax[n] = r.value.rxMax;
  return Object.keys(nicRingMax).length ? { ...facts, nicRingMax } : facts;
}
