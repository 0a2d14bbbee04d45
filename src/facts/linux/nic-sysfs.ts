/**
 * Per-interface tuning state from sysfs (--sys-root): the NIC's MSI IRQ numbers, the RPS mask
 * of each rx queue and the NUMA node of its PCI device. Bounded; reasons instead of throwing.
 */
import { join } from 'node:path';
import type { Fact } from '../types.ts';
import { listFact, readFact } from './bounded-read.ts';

/** IRQ numbers of the NIC (the names of /sys/class/net/<if>/device/msi_irqs/*). */
export function readMsiIrqs(sysRoot: string, ifname: string): Fact<string[]> {
  const path = join(sysRoot, 'class/net', ifname, 'device/msi_irqs');
  const f = listFact(path, 1024);
  if (!f.ok) return f;
  const bad = f.value.find((n) => !/^\d+$/.test(n));
  if (bad !== undefined) return { ok: false, reason: `${path} has an entry that is not an IRQ number: ${JSON.stringify(bad)}` };
  return f.value.length
    ? { ok: true, value: [...f.value].sort((a, b) => Number(a) - Number(b)) }
    : { ok: false, reason: `${path} is empty` };
}

const MASK = /^[0-9a-fA-F,]+$/;

/** rps_cpus of every rx queue: queue name → mask as the kernel prints it. */
export function readRpsMasks(sysRoot: string, ifname: string): Fact<Record<string, string>> {
  const dir = join(sysRoot, 'class/net', ifname, 'queues');
  const list = listFact(dir, 1024);
  if (!list.ok) return list;
  const queues = list.value.filter((q) => /^rx-\d+$/.test(q));
  if (!queues.length) return { ok: false, reason: `${dir} has no rx-* queue` };
  const out: Record<string, string> = {};
  for (const q of queues) {
    const path = join(dir, q, 'rps_cpus');
    const f = readFact(path, 1024);
    if (!f.ok) return f;
    const mask = f.value.trim();
    if (!MASK.test(mask)) return { ok: false, reason: `${path} is not a CPU mask: ${JSON.stringify(mask.slice(0, 80))}` };
    out[q] = mask;
  }
  return { ok: true, value: out };
}

export function readNumaNode(sysRoot: string, ifname: string): Fact<number> {
  const path = join(sysRoot, 'class/net', ifname, 'device/numa_node');
  const f = readFact(path, 64);
  if (!f.ok) return f;
  const v = f.value.trim();
  return /^-?\d+$/.test(v) ? { ok: true, value: Number(v) } : { ok: false, reason: `${path} is not a node number: ${JSON.stringify(v)}` };
}
