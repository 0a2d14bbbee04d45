/**
 * DescribeContact's dataflow list, read strictly from the wire's JSON: the agent addresses a
 * contact uses (V2 uplink/downlink agent endpoints, V1 agent endpoints, plain dataflow endpoints),
 * or why they cannot be read. "Which host does this contact use" is answered from these alone,
 * so a dataflow-endpoint side without its endpoint details, a config type the model does not
 * know, or a list that is absent or empty makes the contact unjudgeable, never "not this host".
 */
import type { Direction } from '../types.ts';
import type { ContactEndpoint } from './contact-types.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The model's ConfigCapabilityType. */
const CONFIG_TYPES = new Set([
  'antenna-downlink',
  'antenna-downlink-demod-decode',
  'tracking',
  'dataflow-endpoint',
  'antenna-uplink',
  'uplink-echo',
  's3-recording',
  'telemetry-sink',
]);

/** A RangedSocketAddress or SocketAddress: an IPv4 name and integer ports, minimum ≤ maximum. */
function address(socket: unknown): { ip: string; min: number; max: number } | undefined {
  if (!isObject(socket) || typeof socket.name !== 'string') return undefined;
  const range = socket.portRange;
  const [min, max] = isObject(range) ? [range.minimum, range.maximum] : [socket.port, socket.port];
  if (!Number.isInteger(min) || !Number.isInteger(max) || (min as number) > (max as number)) return undefined;
  return { ip: socket.name, min: min as number, max: max as number };
}

const get = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), v);

/** The one endpoint an EndpointDetails names, or undefined when it names none the guard can read. */
function endpointOf(details: unknown, direction: Direction): ContactEndpoint | undefined {
  if (!isObject(details)) return undefined;
  const v2 = details.uplinkAwsGroundStationAgentEndpoint ?? details.downlinkAwsGroundStationAgentEndpoint;
  const kinds: Array<[unknown, unknown, Direction]> = [
    [
      v2,
      get(v2, 'dataflowDetails', 'agentConnectionDetails', 'agentIpAndPortAddress', 'socketAddress'),
      isObject(details.uplinkAwsGroundStationAgentEndpoint) ? 'uplink' : 'downlink',
    ],
    [details.awsGroundStationAgentEndpoint, get(details.awsGroundStationAgentEndpoint, 'ingressAddress', 'socketAddress'), direction],
    [details.endpoint, get(details.endpoint, 'address'), direction],
  ];
  for (const [ep, socket, dir] of kinds) {
    if (ep === undefined) continue;
    const a = address(socket);
    const name = get(ep, 'name');
    if (!a || (name !== undefined && typeof name !== 'string')) return undefined;
    return { name: name ?? '', direction: dir, agentIp: a.ip, ports: { min: a.min, max: a.max } };
  }
  return undefined;
}

/** One side of a DataflowDetail: its endpoint (if any), or why it cannot be read. */
function readSide(side: unknown, where: string, direction: Direction): { endpoint?: ContactEndpoint } | { problem: string } {
  if (!isObject(side)) return { problem: `${where} is missing` };
  const type = side.configType;
  const details = get(side, 'configDetails', 'endpointDetails');
  if (details !== undefined) {
    const endpoint = endpointOf(details, direction);
    return endpoint ? { endpoint } : { problem: `${where}'s endpoint details name no agent address and port range` };
  }
  if (type === 'dataflow-endpoint') return { problem: `${where} (a dataflow-endpoint config) has no configDetails.endpointDetails` };
  if (typeof type !== 'string' || !CONFIG_TYPES.has(type))
    return { problem: `${where} has config type ${typeof type === 'string' ? `"${type}"` : 'none'}, not one the model knows` };
  return {};
}

/** The agent endpoints of every dataflow (both sides of each edge), or the first reason they cannot be read. */
export function parseDataflowList(list: unknown): { endpoints: ContactEndpoint[] } | { problem: string } {
  if (list === undefined || list === null) return { problem: 'DescribeContact answered without dataflowList' };
  if (!Array.isArray(list)) return { problem: 'dataflowList is not a list' };
  if (list.length === 0) return { problem: 'dataflowList is empty (no dataflow names a host)' };
  const endpoints: ContactEndpoint[] = [];
  for (const [i, d] of list.entries()) {
    if (!isObject(d)) return { problem: `dataflow ${i + 1} is not an object` };
    for (const [key, direction] of [
      ['source', 'uplink'],
      ['destination', 'downlink'],
    ] as const) {
      const r = readSide(d[key], `dataflow ${i + 1}'s ${key}`, direction);
      if ('problem' in r) return r;
      if (r.endpoint) endpoints.push(r.endpoint);
    }
  }
  return { endpoints };
}
