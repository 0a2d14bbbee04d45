/** Ring and coalescing settings of one NIC from `ethtool -g` / `ethtool -c`. */
import type { Fact, NicCoalesceFacts, NicRingFacts } from '../types.ts';
import { runHostProgram, type ProgramOptions } from './host-programs.ts';

/** `RX:` under "Pre-set maximums" and under "Current hardware settings". */
export function parseRing(text: string): NicRingFacts | undefined {
  const [maxPart, curPart] = text.split(/Current hardware settings:/);
  const rx = (s?: string) => {
    // Bounded like every host value: a ring is 64–65536 descriptors; anything else is unreadable.
    const m = s ? /^RX:\s+(\d{1,6})\s*$/m.exec(s) : null;
    const n = m ? Number(m[1]) : undefined;
    return n !== undefined && n >= 64 && n <= 65536 ? n : undefined;
  };
  const rxMax = rx(maxPart);
  const rxCurrent = rx(curPart);
  return rxMax !== undefined && rxCurrent !== undefined ? { rxMax, rxCurrent } : undefined;
}

export function parseCoalesce(text: string): NicCoalesceFacts | undefined {
  const get = (k: string) => {
    const m = new RegExp(`^${k}:\\s+(\\d+)\\s*$`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const out: NicCoalesceFacts = {};
  const rx = get('rx-usecs');
  const tx = get('tx-usecs');
  if (rx !== undefined) out.rxUsecs = rx;
  if (tx !== undefined) out.txUsecs = tx;
  return rx === undefined && tx === undefined ? undefined : out;
}

async function ask<T>(flag: string, ifname: string, parse: (t: string) => T | undefined, opts: ProgramOptions): Promise<Fact<T>> {
  const r = await runHostProgram('ethtool', [flag, ifname], opts);
  if (!r.ok) return r;
  if (r.value.exitCode !== 0) return { ok: false, reason: `ethtool ${flag} ${ifname} exited ${r.value.exitCode}` };
  const v = parse(r.value.stdout);
  return v === undefined
    ? { ok: false, reason: `ethtool ${flag} ${ifname}: unexpected output ${JSON.stringify(r.value.stdout.slice(0, 80))}` }
    : { ok: true, value: v };
}

export const readRing = (ifname: string, opts: ProgramOptions) => ask('-g', ifname, parseRing, opts);
export const readCoalesce = (ifname: string, opts: ProgramOptions) => ask('-c', ifname, parseCoalesce, opts);
