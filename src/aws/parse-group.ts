/**
 * GetDataflowEndpointGroup and ListDataflowEndpointGroups answers, parsed once into our types.
 * The SDK's deserializers pass V2 members through untyped, so every field this tool relies on
 * is checked here: an answer missing one is incomplete (transient: read again), never a crash.
 */
import type { ConnectionDetailsWire, Direction, GroupEndpointState, GroupState, RangedConnectionDetailsWire } from '../types.ts';
import { TransientError } from '../errors.ts';

/** A dataflow endpoint group id (the model's Uuid). */
export const GROUP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The group id at the end of a group ARN, or undefined. */
export function groupIdOfArn(arn: string): string | undefined {
  const id = arn.slice(arn.lastIndexOf('/') + 1);
  return arn.includes('/') && GROUP_ID.test(id) ? id : undefined;
}

/** A success answer without a field the tool needs: retried, then exit 5. */
export class IncompleteAnswerError extends TransientError {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function incomplete(operation: string, what: string): never {
  throw new IncompleteAnswerError(`${operation} answered without a usable ${what}. Retry ${operation}: run the command again in a moment.`);
}

function str(op: string, v: unknown, what: string): string {
  return typeof v === 'string' && v.length > 0 ? v : incomplete(op, what);
}

function int(op: string, v: unknown, what: string, min: number, max: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : incomplete(op, what);
}

function optInt(op: string, v: unknown, what: string, min: number, max: number): number | undefined {
  return v === undefined || v === null ? undefined : int(op, v, what, min, max);
}

function ranged(op: string, v: unknown, at: string): { ip: string; ports: { min: number; max: number }; mtu?: number } {
  const r = isObj(v) ? (v as unknown as RangedConnectionDetailsWire) : incomplete(op, `${at}.agentIpAndPortAddress`);
  const sa = isObj(r.socketAddress) ? r.socketAddress : incomplete(op, `${at}.agentIpAndPortAddress.socketAddress`);
  const pr = isObj(sa.portRange) ? sa.portRange : incomplete(op, `${at}.agentIpAndPortAddress.socketAddress.portRange`);
  const mtu = optInt(op, r.mtu, `${at}.agentIpAndPortAddress.mtu`, 1, 65535);
  const out = {
    ip: str(op, sa.name, `${at}.agentIpAndPortAddress.socketAddress.name`),
    ports: {
      min: int(op, pr.minimum, `${at} port range minimum`, 1, 65535),
      max: int(op, pr.maximum, `${at} port range maximum`, 1, 65535),
    },
  };
  return mtu === undefined ? out : { ...out, mtu };
}

function single(op: string, v: unknown, at: string): { host: string; port: number; mtu?: number } {
  const c = isObj(v) ? (v as unknown as ConnectionDetailsWire) : incomplete(op, at);
  const sa = isObj(c.socketAddress) ? c.socketAddress : incomplete(op, `${at}.socketAddress`);
  const mtu = optInt(op, c.mtu, `${at}.mtu`, 1, 65535);
  const out = { host: str(op, sa.name, `${at}.socketAddress.name`), port: int(op, sa.port, `${at}.socketAddress.port`, 1, 65535) };
  return mtu === undefined ? out : { ...out, mtu };
}

function optStr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** One V2 agent endpoint; V1 endpoints (no V2 member) give undefined. */
export function parseEndpoint(op: string, d: unknown, i: number): GroupEndpointState | undefined {
  if (!isObj(d)) return incomplete(op, `endpointsDetails[${i}]`);
  const direction: Direction | undefined = isObj(d.uplinkAwsGroundStationAgentEndpoint)
    ? 'uplink'
    : isObj(d.downlinkAwsGroundStationAgentEndpoint)
      ? 'downlink'
      : undefined;
  if (!direction) return undefined;
  const ep = (d.uplinkAwsGroundStationAgentEndpoint ?? d.downlinkAwsGroundStationAgentEndpoint) as Obj;
  const at = `endpointsDetails[${i}]`;
  const details = isObj(ep.dataflowDetails) ? ep.dataflowDetails : incomplete(op, `${at}.dataflowDetails`);
  const conn = isObj(details.agentConnectionDetails) ? details.agentConnectionDetails : incomplete(op, `${at}.agentConnectionDetails`);
  const local = direction === 'uplink' ? 'ingressAddressAndPort' : 'egressAddressAndPort';
  const reasons = Array.isArray(d.healthReasons) ? d.healthReasons.filter((r): r is string => typeof r === 'string') : undefined;
  const out: GroupEndpointState = {
    name: str(op, ep.name, `${at}.name`),
    direction,
    agent: ranged(op, conn.agentIpAndPortAddress, at),
    address: single(op, conn[local], `${at}.${local}`),
  };
  const extra = {
    agentStatus: optStr(ep.agentStatus),
    auditResults: optStr(ep.auditResults),
    healthStatus: optStr(d.healthStatus),
    healthReasons: reasons,
  };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (out as unknown as Obj)[k] = v;
  return out;
}

function parseTags(op: string, v: unknown): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) return incomplete(op, 'tags map');
  const tags: Record<string, string> = {};
  for (const [k, val] of Object.entries(v))
    tags[k] = typeof val === 'string' ? val : incomplete(op, `tag ${JSON.stringify(k).slice(0, 60)}`);
  return tags;
}

/** The group as GetDataflowEndpointGroup describes it; `id` is the one asked for and must come back. */
export function parseGroup(out: Obj, id: string): GroupState {
  const op = 'GetDataflowEndpointGroup';
  const gotId = str(op, out.dataflowEndpointGroupId, 'dataflowEndpointGroupId');
  if (gotId !== id) incomplete(op, `dataflowEndpointGroupId (asked for ${id}, got ${JSON.stringify(gotId).slice(0, 60)})`);
  const arn = str(op, out.dataflowEndpointGroupArn, 'dataflowEndpointGroupArn');
  if (!arn.endsWith(`/${id}`)) incomplete(op, `dataflowEndpointGroupArn (${JSON.stringify(arn).slice(0, 100)} does not end with the id)`);
  const details = out.endpointsDetails ?? [];
  if (!Array.isArray(details) || details.length > 500) return incomplete(op, 'endpointsDetails list');
  const group: GroupState = {
    id: gotId,
    arn,
    endpoints: details.map((d, i) => parseEndpoint(op, d, i)).filter((e): e is GroupEndpointState => e !== undefined),
    tags: parseTags(op, out.tags),
  };
  const pre = optInt(op, out.contactPrePassDurationSeconds, 'contactPrePassDurationSeconds', 0, 86_400);
  const post = optInt(op, out.contactPostPassDurationSeconds, 'contactPostPassDurationSeconds', 0, 86_400);
  if (pre !== undefined) group.contactPrePassDurationSeconds = pre;
  if (post !== undefined) group.contactPostPassDurationSeconds = post;
  return group;
}

/** One page of ListDataflowEndpointGroups: its entries and the next token. */
export function parseGroupPage(page: Obj): { groups: Array<{ id: string; arn: string }>; nextToken?: string } {
  const op = 'ListDataflowEndpointGroups';
  const list = page.dataflowEndpointGroupList ?? [];
  if (!Array.isArray(list) || list.length > 1000) return incomplete(op, 'dataflowEndpointGroupList');
  const groups = list.map((g, i) => {
    const o = isObj(g) ? g : incomplete(op, `dataflowEndpointGroupList[${i}]`);
    return {
      id: str(op, o.dataflowEndpointGroupId, `dataflowEndpointGroupList[${i}].dataflowEndpointGroupId`),
      arn: str(op, o.dataflowEndpointGroupArn, `dataflowEndpointGroupList[${i}].dataflowEndpointGroupArn`),
    };
  });
  const token = page.nextToken;
  if (token !== undefined && token !== null && typeof token !== 'string') incomplete(op, 'nextToken');
  return typeof token === 'string' && token.length > 0 ? { groups, nextToken: token } : { groups };
}
