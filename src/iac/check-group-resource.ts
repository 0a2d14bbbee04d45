/**
 * The checks the planner makes, run on one dataflow endpoint group resource of a template:
 * V2 (`Endpoints[].Downlink|UplinkAwsGroundStationAgentEndpoint`) and V1
 * (`EndpointDetails[].AwsGroundStationAgentEndpoint`, IngressAddress ranged, EgressAddress).
 * Field values, durations, endpoint count and names here; the port layout via port-layout.ts.
 */
import type { PortRange } from '../types.ts';
import { findPortLayoutProblems } from '../plan/port-layout.ts';
import { FindingSink, fieldAt, joinPath, type Step } from './template-fields.ts';

export const V2_TYPE = 'AWS::GroundStation::DataflowEndpointGroupV2';
export const V1_TYPE = 'AWS::GroundStation::DataflowEndpointGroup';

/** What the host-side checks need from an agent endpoint whose values are literal. */
export interface CheckedEndpoint {
  label: string;
  rangePath: string;
  range?: PortRange;
  portPath: string;
  port?: number;
}

const SAFE_NAME = /^[ a-zA-Z0-9_:-]{1,256}$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const V2_MAX_ENDPOINTS = 12;

interface Shape {
  list: string;
  agentKey: string;
  durationMin: number;
  durationNote: string;
}

const SHAPES: Record<string, Shape> = {
  [V2_TYPE]: { list: 'Endpoints', agentKey: 'AgentIpAndPortAddress', durationMin: 30, durationNote: '' },
  [V1_TYPE]: {
    list: 'EndpointDetails',
    agentKey: 'IngressAddress',
    durationMin: 120,
    durationNote: " (CloudFormation's limit for the V1 resource; the API and the V2 resource allow 30)",
  },
};

/** Where the agent endpoint of list item `i` sits, and its direction; undefined when the item is not one. */
function locateEndpoint(sink: FindingSink, type: string, item: unknown, itemPath: string): { base: Step[]; localKey: string } | undefined {
  const has = (k: string) => item !== null && typeof item === 'object' && k in item;
  if (type === V1_TYPE)
    return has('AwsGroundStationAgentEndpoint') ? { base: ['AwsGroundStationAgentEndpoint'], localKey: 'EgressAddress' } : undefined;
  const down = has('DownlinkAwsGroundStationAgentEndpoint');
  const up = has('UplinkAwsGroundStationAgentEndpoint');
  if (down === up) {
    sink.problem(itemPath, 'must hold exactly one of DownlinkAwsGroundStationAgentEndpoint and UplinkAwsGroundStationAgentEndpoint');
    return undefined;
  }
  return down
    ? { base: ['DownlinkAwsGroundStationAgentEndpoint', 'DataflowDetails', 'AgentConnectionDetails'], localKey: 'EgressAddressAndPort' }
    : { base: ['UplinkAwsGroundStationAgentEndpoint', 'DataflowDetails', 'AgentConnectionDetails'], localKey: 'IngressAddressAndPort' };
}

function checkEndpoint(
  sink: FindingSink,
  type: string,
  item: unknown,
  itemPath: string,
  label: string,
): { ep?: CheckedEndpoint; name?: [string, string] } {
  const where = locateEndpoint(sink, type, item, itemPath);
  if (!where) return {};
  const at = (...steps: Step[]) => fieldAt(item, itemPath, [...where.base, ...steps]);
  const nameSteps: Step[] = type === V1_TYPE ? ['AwsGroundStationAgentEndpoint', 'Name'] : [where.base[0], 'Name'];
  const nameField = fieldAt(item, itemPath, nameSteps);
  const name = sink.text(nameField, true, SAFE_NAME, 'endpoint names are 1–256 letters, digits, spaces or _ : -');
  const agent = SHAPES[type].agentKey;
  sink.text(at(agent, 'SocketAddress', 'Name'), true, IPV4, "must be a literal IPv4 address: the agent host's Elastic IP");
  sink.integer(at(agent, 'Mtu'), false, 1400, 1500, 'MTU');
  sink.integer(at(where.localKey, 'Mtu'), false, 1400, 1500, 'MTU');
  const min = sink.integer(at(agent, 'SocketAddress', 'PortRange', 'Minimum'), true, 1, 65535, 'a port');
  const max = sink.integer(at(agent, 'SocketAddress', 'PortRange', 'Maximum'), true, 1, 65535, 'a port');
  const rangePath = at(agent, 'SocketAddress', 'PortRange').path;
  let range: PortRange | undefined;
  if (min !== undefined && max !== undefined) {
    if (min > max) sink.problem(rangePath, `Minimum ${min} is above Maximum ${max}`);
    else range = { min, max };
  }
  const portField = at(where.localKey, 'SocketAddress', 'Port');
  const port = sink.integer(portField, true, 1, 65535, 'a port');
  return { ep: { label, rangePath, range, portPath: portField.path, port }, name: name === undefined ? undefined : [name, nameField.path] };
}

function checkDurations(sink: FindingSink, props: unknown, shape: Shape): void {
  for (const key of ['ContactPrePassDurationSeconds', 'ContactPostPassDurationSeconds']) {
    const f = fieldAt(props, 'Properties', [key]);
    const n = sink.integer(f, false, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, key);
    if (n !== undefined && (n < shape.durationMin || n > 480))
      sink.problem(f.path, `must be ${shape.durationMin}–480 seconds${shape.durationNote} (got ${n})`);
  }
}

function checkList(sink: FindingSink, type: string, props: unknown): unknown[] | undefined {
  const shape = SHAPES[type];
  const f = fieldAt(props, 'Properties', [shape.list]);
  const list = sink.literal(f, true);
  if (list === undefined) return undefined;
  if (!Array.isArray(list) || list.length === 0) {
    sink.problem(f.path, 'must be a list of at least one endpoint');
    return undefined;
  }
  if (type === V2_TYPE && list.length > V2_MAX_ENDPOINTS)
    sink.problem(f.path, `has ${list.length} endpoints; a group holds at most ${V2_MAX_ENDPOINTS}`);
  if (
    type === V1_TYPE &&
    list.some((i) => i && typeof i === 'object' && 'Endpoint' in i) &&
    list.some((i) => i && typeof i === 'object' && 'AwsGroundStationAgentEndpoint' in i)
  ) {
    sink.problem(f.path, 'mixes dataflow endpoints (Endpoint) and agent endpoints (AwsGroundStationAgentEndpoint); a group holds one kind');
  }
  return list as unknown[];
}

/** Findings of one group resource, plus its agent endpoints for the template-wide checks. */
export function checkGroupResource(logicalId: string, type: string, props: unknown): { sink: FindingSink; endpoints: CheckedEndpoint[] } {
  const sink = new FindingSink(logicalId);
  checkDurations(sink, props, SHAPES[type]);
  const list = checkList(sink, type, props) ?? [];
  const listPath = joinPath('Properties', SHAPES[type].list);
  const endpoints: CheckedEndpoint[] = [];
  const names = new Map<string, string>();
  list.forEach((item, i) => {
    const itemPath = joinPath(listPath, i);
    const { ep, name } = checkEndpoint(sink, type, item, itemPath, `${SHAPES[type].list}[${i}]`);
    if (name && names.has(name[0])) sink.problem(name[1], `endpoint name ${JSON.stringify(name[0])} is also used by ${names.get(name[0])}`);
    else if (name) names.set(name[0], `${SHAPES[type].list}[${i}]`);
    if (ep) endpoints.push(ep);
  });
  for (const p of findPortLayoutProblems(endpoints)) {
    const ep = endpoints[p.index];
    sink.problem(p.on === 'range' ? ep.rangePath : ep.portPath, p.message);
  }
  return { sink, endpoints };
}
