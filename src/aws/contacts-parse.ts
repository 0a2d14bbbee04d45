/**
 * Parses ListContacts' ContactData and DescribeContact's dataflow list at the boundary. The
 * 3.523.0 SDK types predate the V2 agent endpoints; its deserializer passes them through as
 * sent, so they are read here as unknown and checked member by member.
 */
import { IncompleteAnswerError } from './parse-group.ts';
import type { ContactEndpoint, ContactSummary } from './contact-types.ts';

interface ContactDataLike {
  contactId?: string;
  contactStatus?: string;
  startTime?: Date;
  endTime?: Date;
  prePassStartTime?: Date;
  postPassEndTime?: Date;
  satelliteArn?: string;
  groundStation?: string;
  missionProfileArn?: string;
  region?: string;
}

const ms = (d: unknown): number | undefined => (d instanceof Date && Number.isFinite(d.getTime()) ? d.getTime() : undefined);

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A contact without id, status or times cannot be judged: the whole answer is refused. */
export function parseContactData(c: ContactDataLike, operation: string): ContactSummary {
  const startMs = ms(c.startTime);
  const endMs = ms(c.endTime);
  if (typeof c.contactId !== 'string' || typeof c.contactStatus !== 'string' || startMs === undefined || endMs === undefined) {
    throw new IncompleteAnswerError(
      `${operation} answered a contact without contactId, contactStatus, startTime or endTime; no disruptive step was taken. Retry ${operation}: run the command again in a moment.`,
    );
  }
  return defined({
    id: c.contactId,
    status: c.contactStatus,
    startMs,
    endMs,
    prePassStartMs: Math.min(ms(c.prePassStartTime) ?? startMs, startMs),
    postPassEndMs: Math.max(ms(c.postPassEndTime) ?? endMs, endMs),
    satelliteArn: c.satelliteArn,
    groundStation: c.groundStation,
    missionProfileArn: c.missionProfileArn,
    region: c.region,
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function agentEndpoint(details: unknown): ContactEndpoint | undefined {
  if (!isObject(details)) return undefined;
  const up = details.uplinkAwsGroundStationAgentEndpoint;
  const down = details.downlinkAwsGroundStationAgentEndpoint;
  const ep = isObject(up) ? up : isObject(down) ? down : undefined;
  if (!ep) return undefined;
  const conn = isObject(ep.dataflowDetails) ? ep.dataflowDetails.agentConnectionDetails : undefined;
  const agent = isObject(conn) && isObject(conn.agentIpAndPortAddress) ? conn.agentIpAndPortAddress.socketAddress : undefined;
  const range = isObject(agent) ? agent.portRange : undefined;
  if (typeof ep.name !== 'string' || !isObject(agent) || typeof agent.name !== 'string' || !isObject(range)) return undefined;
  const { minimum, maximum } = range;
  if (!Number.isInteger(minimum) || !Number.isInteger(maximum)) return undefined;
  return {
    name: ep.name,
    direction: isObject(up) ? 'uplink' : 'downlink',
    agentIp: agent.name,
    ports: { min: minimum as number, max: maximum as number },
  };
}

/** The agent endpoints of a contact's dataflows (both sides of every edge); others are not ours. */
export function parseDataflowEndpoints(list: unknown[]): ContactEndpoint[] {
  const out: ContactEndpoint[] = [];
  for (const d of list) {
    if (!isObject(d)) continue;
    for (const side of [d.source, d.destination]) {
      const details = isObject(side) && isObject(side.configDetails) ? side.configDetails.endpointDetails : undefined;
      const ep = agentEndpoint(details);
      if (ep) out.push(ep);
    }
  }
  return out;
}
