/**
 * The UDP sockets bound on the host, from /proc/net/udp and /proc/net/udp6 under --proc-root:
 * is a downlink's receiver listening on its `deliverTo` port? Bounded reads (bounded-read.ts:
 * regular files only, never blocking, capped), parsed strictly: the kernel's header line, then
 * one line per socket whose local address is hex (8 digits for IPv4, 32 for IPv6, each 32-bit
 * word in the host's byte order, little-endian on x86_64 and arm64 EC2 hosts) and whose port is
 * 4 hex digits. Any other line makes the whole file a reason, never a partial list.
 * /proc/net/udp6 missing (IPv6 disabled in the kernel) means no IPv6 socket; /proc/net/udp
 * missing is a reason.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Fact, UdpSocketFact } from '../types.ts';
import { readFact } from './bounded-read.ts';

/** ~150 bytes a socket: about 7,000 sockets. A longer file is not judged (cut: a socket may be missing). */
export const MAX_PROC_NET_UDP_BYTES = 1024 * 1024;

const HEADER = /^\s*sl\s+local_address\s+(rem|remote)_address\s+st\s/;

/** `0100007F` (a little-endian 32-bit word) → `127.0.0.1`. */
const ipv4Of = (hex: string) => [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');

/** 32 hex digits, four little-endian words → the IPv6 address, fully written (`0:0:0:0:0:ffff:7f00:1`). */
function ipv6Of(hex: string): string {
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) for (const i of [6, 4, 2, 0]) bytes.push(parseInt(hex.slice(w * 8 + i, w * 8 + i + 2), 16));
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return groups.join(':');
}

/** The text of /proc/net/udp (family 4) or /proc/net/udp6 (family 6) → its sockets, or why not. */
export function parseProcNetUdp(text: string, family: 4 | 6, path: string): Fact<UdpSocketFact[]> {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (!lines.length || !HEADER.test(lines[0]))
    return { ok: false, reason: `${path}: its first line is not the kernel's header (sl local_address rem_address st …)` };
  const width = family === 4 ? 8 : 32;
  const line = new RegExp(
    `^\\s*\\d{1,10}: ([0-9A-F]{${width}}):([0-9A-F]{4}) [0-9A-F]{${width}}:[0-9A-F]{4} ([0-9A-F]{2}) [0-9A-F]{8}:[0-9A-F]{8} [0-9A-F]{2}:[0-9A-F]{8} [0-9A-F]{8}\\s+\\d+\\s+\\d+\\s+\\d+(\\s+\\S+)*\\s*$`,
  );
  const sockets: UdpSocketFact[] = [];
  for (let i = 1; i < lines.length; i++) {
    const m = line.exec(lines[i]);
    if (!m) return { ok: false, reason: `${path}: line ${i + 1} is not a socket line: ${JSON.stringify(lines[i].slice(0, 80))}` };
    sockets.push({ family, address: family === 4 ? ipv4Of(m[1]) : ipv6Of(m[1]), port: parseInt(m[2], 16) });
  }
  return { ok: true, value: sockets };
}

function readOne(procRoot: string, name: 'udp' | 'udp6', family: 4 | 6): Fact<UdpSocketFact[]> {
  const path = join(procRoot, 'net', name);
  const f = readFact(path, MAX_PROC_NET_UDP_BYTES);
  return f.ok ? parseProcNetUdp(f.value, family, path) : f;
}

function missing(path: string): boolean {
  try {
    statSync(path);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Both files' sockets; either one unsound is the reason (a socket could hide in it). */
export function readUdpSockets(procRoot: string): Fact<UdpSocketFact[]> {
  const v4 = readOne(procRoot, 'udp', 4);
  if (!v4.ok) return v4;
  if (missing(join(procRoot, 'net', 'udp6'))) return v4;
  const v6 = readOne(procRoot, 'udp6', 6);
  if (!v6.ok) return v6;
  return { ok: true, value: [...v4.value, ...v6.value] };
}
