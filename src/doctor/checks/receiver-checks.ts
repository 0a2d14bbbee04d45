/**
 * The receiver listens before the contact: every downlink's `deliverTo` port has a UDP socket
 * bound (/proc/net/udp, /proc/net/udp6) that packets to `deliverTo` reach: bound to its
 * address or to the wildcard (0.0.0.0, or :: / ::ffff:ADDRESS in udp6). Pure. Without the
 * socket the agent sends the contact's data to a closed port and it is lost: a warning (the
 * receiver may be started just before the contact), a failure when a contact using this host
 * is in progress or due within the guard window (the contact guard's window and reading), or
 * when the schedule could not be read (fail closed, as the guard: a contact that cannot be read
 * counts as due).
 */
import type { Hold } from '../../contacts/hold.ts';
import type { UdpSocketFact } from '../../facts/types.ts';
import type { Mission } from '../../types.ts';
import type { Check, CheckResult, ContactHoldFact } from '../types.ts';

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

type Downlink = Mission['dataflows'][number];

/** The downlinks whose deliverTo no bound socket receives (the escalation is read only when there are some). */
export function silentDownlinks(mission: Mission, sockets: readonly UdpSocketFact[]): Downlink[] {
  return mission.dataflows.filter((d) => d.direction === 'downlink' && !sockets.some((s) => receives(s, d.address.host, d.address.port)));
}

const CONTACT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const utc = (ms: number) => new Date(ms).toISOString();

/** The contact a hold names: its id when it is one (else quoted as data), its status and start. */
function contactPhrase(hold: Hold): string {
  const c = hold.contact;
  if (hold.unjudged !== undefined || !c) return hold.unjudged ?? 'the contact listing could not be finished; treated as holding this host';
  const id = c.id === undefined ? 'a contact without an id' : CONTACT_ID.test(c.id) ? `contact ${c.id}` : `contact ${JSON.stringify(c.id)}`;
  const when = c.startMs !== undefined && Number.isFinite(c.startMs) ? `, start ${utc(c.startMs)}` : '';
  return `${id} (${c.status ?? 'status unknown'}${when}) uses this host`;
}

/** The escalation: why it fails (a contact due or the schedule unreadable), or the note a warning carries. */
function escalation(near: ContactHoldFact | undefined): { fail: string } | { note: string } {
  if (!near) return { note: '' };
  if ('notAsked' in near) return { note: `; the contact schedule was not checked (${near.notAsked})` };
  const minutes = Math.round(near.guardMs / 60_000);
  if (!near.hold.ok)
    return {
      fail: `the contact schedule could not be read (${near.hold.reason}): a contact that cannot be read counts as due, as for the contact guard`,
    };
  if (!near.hold.value) return { note: `; no contact of this host is in progress or due within the guard window (${minutes} min)` };
  const h = near.hold.value;
  // A hold for what could not be judged already says "treated as holding this host".
  if (h.unjudged !== undefined || !h.contact) return { fail: contactPhrase(h) };
  return { fail: `${contactPhrase(h)}: in progress or due within the guard window (${minutes} min)` };
}

export const receiverListening: Check = (input) => {
  const { mission, doctor } = input;
  if (!mission) return result('unknown', 'no mission given: the downlinks and their deliverTo ports are not known');
  const downlinks = mission.dataflows.filter((d) => d.direction === 'downlink');
  if (!downlinks.length) return result('ok', `mission ${mission.name} has no downlink`);
  const sockets = doctor.udpSockets;
  if (!sockets) return result('unknown', '/proc/net/udp not read');
  if (!sockets.ok) return result('unknown', sockets.reason);
  const silent = silentDownlinks(mission, sockets.value);
  const at = (d: Downlink) => `${d.address.host}:${d.address.port}`;
  if (!silent.length)
    return result('ok', `a UDP socket is bound for every downlink's deliverTo (${downlinks.map((d) => `${d.name} ${at(d)}`).join(', ')})`);
  const missing = `no UDP socket bound for ${silent.map((d) => `dataflow ${d.name} of mission ${mission.name}: deliverTo ${at(d)}`).join('; ')} (/proc/net/udp, /proc/net/udp6): the agent would deliver the contact's data to a closed port`;
  const start = `start the receiver for ${silent.map((d) => `${d.name} on UDP ${at(d)}`).join(', ')}`;
  const e = escalation(input.contactHold);
  if ('fail' in e)
    return result('fail', `${missing}; ${e.fail}`, `${start} now (or correct deliverTo in the mission and re-run gs-agent-config apply)`);
  return result(
    'warn',
    `${missing}${e.note}`,
    `${start} before the contact (or correct deliverTo in the mission and re-run gs-agent-config apply)`,
  );
};
