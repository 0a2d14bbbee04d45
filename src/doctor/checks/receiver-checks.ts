/**
 * The receiver listens before the contact: every downlink's `deliverTo` port has a UDP socket
 * bound (/proc/net/udp, /proc/net/udp6) that packets to `deliverTo` reach: bound to its
 * address or to the wildcard (0.0.0.0, or :: / ::ffff:ADDRESS in udp6). Pure. Without the
 * socket the agent sends the contact's data to a closed port and it is lost; a warning (the
 * receiver may be started just before the contact). Not escalated to a failure near a contact.
 */
import type { UdpSocketFact } from '../../facts/types.ts';
import type { Check, CheckResult } from '../types.ts';

const result = (status: CheckResult['status'], evidence: string, fix = ''): CheckResult => ({
  id: 'receiver-listening',
  status,
  evidence,
  fix,
});

const V6_ANY = '0:0:0:0:0:0:0:0';

/** `127.0.0.1` → `0:0:0:0:0:ffff:7f00:1` (how udp6 shows an IPv4 peer of a dual-stack socket). */
function v4Mapped(address: string): string | undefined {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return `0:0:0:0:0:ffff:${((parts[0] << 8) | parts[1]).toString(16)}:${((parts[2] << 8) | parts[3]).toString(16)}`;
}

/** Does a socket take datagrams sent to host:port? */
export function receives(s: UdpSocketFact, host: string, port: number): boolean {
  if (s.port !== port) return false;
  if (s.family === 4) return s.address === '0.0.0.0' || s.address === host;
  return s.address === V6_ANY || s.address === v4Mapped(host);
}

export const receiverListening: Check = (input) => {
  const { mission, doctor } = input;
  if (!mission) return result('unknown', 'no mission given: the downlinks and their deliverTo ports are not known');
  const downlinks = mission.dataflows.filter((d) => d.direction === 'downlink');
  if (!downlinks.length) return result('ok', `mission ${mission.name} has no downlink`);
  const sockets = doctor.udpSockets;
  if (!sockets) return result('unknown', '/proc/net/udp not read');
  if (!sockets.ok) return result('unknown', sockets.reason);
  const silent = downlinks.filter((d) => !sockets.value.some((s) => receives(s, d.address.host, d.address.port)));
  const at = (d: (typeof downlinks)[number]) => `${d.address.host}:${d.address.port}`;
  if (!silent.length)
    return result('ok', `a UDP socket is bound for every downlink's deliverTo (${downlinks.map((d) => `${d.name} ${at(d)}`).join(', ')})`);
  return result(
    'warn',
    `no UDP socket bound for ${silent.map((d) => `dataflow ${d.name} of mission ${mission.name}: deliverTo ${at(d)}`).join('; ')} (/proc/net/udp, /proc/net/udp6): the agent would deliver the contact's data to a closed port`,
    `start the receiver for ${silent.map((d) => `${d.name} on UDP ${at(d)}`).join(', ')} before the contact (or correct deliverTo in the mission and re-run gs-agent-config apply)`,
  );
};
