/**
 * The host fact plan() sizes the rx ring with: `ethtool -g` maximum of each interface that
 * holds a public IP (the agent's adapter is one of them). One short run per such interface,
 * bounded by the program runner (a hung ethtool is killed, never waited for); unreadable gives
 * no entry, and the plan keeps AWS's value.
 */
import type { InterfaceFacts } from '../../types.ts';
import { readRing } from './ethtool.ts';
import type { ProgramOptions } from './host-programs.ts';

/** Linux name → rx ring maximum; undefined when no interface's could be read (or no program may run). */
export async function readNicRingMax(interfaces: InterfaceFacts[], programs: ProgramOptions): Promise<Record<string, number> | undefined> {
  if (programs.disabled) return undefined;
  const names = interfaces.filter((i) => i.publicIps.length && i.linuxName).map((i) => i.linuxName as string);
  const rings = await Promise.all(names.map(async (n) => [n, await readRing(n, programs)] as const));
  const nicRingMax: Record<string, number> = {};
  for (const [n, r] of rings) if (r.ok) nicRingMax[n] = r.value.rxMax;
  return Object.keys(nicRingMax).length ? nicRingMax : undefined;
}
