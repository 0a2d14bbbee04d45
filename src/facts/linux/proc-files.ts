/**
 * What the doctor reads from /proc (--proc-root / GS_AGENT_CONFIG_PROC_ROOT): the kernel
 * command line, the CPU model, the reserved-ports sysctl and IRQ affinities. Each read is
 * bounded (bounded-read.ts: never blocking, regular files only, capped) and gives a reason
 * instead of throwing: a file that is cut at its cap or is not text is a reason, never a value
 * to judge (a kernel-args "fail" from half a command line would be a false one).
 */
import { join } from 'node:path';
import type { CpuInfoFacts, Fact } from '../types.ts';
import { parseCpuList } from '../../cpu-list.ts';
import { readFact, readStartFact } from './bounded-read.ts';

/**
 * Where /proc is read: --proc-root, else GS_AGENT_CONFIG_PROC_ROOT, else /proc. With a
 * simulated /sys (a sys root other than /sys) and neither set, /proc is not read: the real one
 * would describe this machine, not the simulated host.
 */
export function resolveProcRoot(flag: string | undefined, env: Record<string, string | undefined>, sysRoot: string): Fact<string> {
  const root = flag ?? env.GS_AGENT_CONFIG_PROC_ROOT;
  if (root) return { ok: true, value: root };
  if (sysRoot !== '/sys')
    return {
      ok: false,
      reason: `/proc not read: /sys is simulated (${sysRoot}) and neither --proc-root nor GS_AGENT_CONFIG_PROC_ROOT is set`,
    };
  return { ok: true, value: '/proc' };
}

/** COMMAND_LINE_SIZE is 2048 on x86 and at most 4096 elsewhere: a longer /proc/cmdline is not the kernel's. */
export const MAX_CMDLINE_BYTES = 4096;

export const readCmdline = (procRoot: string): Fact<string> => {
  const f = readFact(join(procRoot, 'cmdline'), MAX_CMDLINE_BYTES);
  return f.ok ? { ok: true, value: f.value.trim() } : f;
};

/** The first processor block of /proc/cpuinfo (all CPUs of an EC2 instance are the same model). */
export function parseCpuInfo(text: string): CpuInfoFacts {
  const block = text.split(/\n\s*\n/)[0] ?? '';
  const fields = new Map<string, string>();
  for (const line of block.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) fields.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  const num = (k: string) => {
    const v = fields.get(k);
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
  };
  const out: CpuInfoFacts = {};
  const vendor = fields.get('vendor_id');
  const modelName = fields.get('model name');
  if (vendor) out.vendor = vendor;
  if (modelName) out.modelName = modelName;
  for (const [k, key] of [
    ['cpu family', 'family'],
    ['model', 'model'],
    ['stepping', 'stepping'],
  ] as const) {
    const v = num(k);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** Enough for the first processor block (the file of a 192-vCPU host is ~60 KiB; only its start is used). */
const CPUINFO_READ_BYTES = 16 * 1024;

export function readCpuInfo(procRoot: string): Fact<CpuInfoFacts> {
  const path = join(procRoot, 'cpuinfo');
  const f = readStartFact(path, CPUINFO_READ_BYTES);
  if (!f.ok) return f;
  // Cut is fine, but only past the first block: a block cut in its middle may lack the model line.
  if (f.value.cut && !/\n\s*\n/.test(f.value.text))
    return { ok: false, reason: `${path}: its first processor block is cut at ${CPUINFO_READ_BYTES} bytes` };
  const info = parseCpuInfo(f.value.text);
  return info.vendor || info.model !== undefined
    ? { ok: true, value: info }
    : { ok: false, reason: `${path} has no vendor_id or model line` };
}

export const readReservedPorts = (procRoot: string): Fact<string> => {
  const path = join(procRoot, 'sys/net/ipv4/ip_local_reserved_ports');
  const f = readFact(path, 16 * 1024);
  if (!f.ok) return f;
  return /^[\d,\s-]*$/.test(f.value)
    ? { ok: true, value: f.value.trim() }
    : { ok: false, reason: `${path} is not a port list: ${JSON.stringify(f.value.slice(0, 80))}` };
};

/** smp_affinity_list of each IRQ; the first unreadable or malformed one is the reason. */
export function readIrqAffinity(procRoot: string, irqs: string[]): Fact<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const irq of irqs) {
    const path = join(procRoot, 'irq', irq, 'smp_affinity_list');
    const f = readFact(path, 4096);
    if (!f.ok) return f;
    try {
      out[irq] = parseCpuList(f.value);
    } catch (err) {
      return { ok: false, reason: `${path}: ${(err as Error).message}` };
    }
  }
  return { ok: true, value: out };
}
