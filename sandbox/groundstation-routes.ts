/**
 * restJson1 routing and responses for the Ground Station stand-in, as the model's `http`
 * traits define them (groundstation 2019-05-23).
 */
import { randomUUID } from 'node:crypto';
import type { SandboxRequest, SandboxResponse } from './types.ts';

export type GroundStationOperation =
  | 'CreateDataflowEndpointGroupV2'
  | 'GetDataflowEndpointGroup'
  | 'ListDataflowEndpointGroups'
  | 'DeleteDataflowEndpointGroup'
  | 'ListTagsForResource'
  | 'TagResource'
  | 'UntagResource'
  /** A request signed for groundstation that matches no route. */
  | 'UnknownOperation';

export interface Route {
  operation: GroundStationOperation;
  label?: string;
}

const GROUP_PATH = /^\/dataflowEndpointGroup\/([^/]+)$/;
const TAGS_PATH = /^\/tags\/([^/]+)$/;

function label(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function routeOf(method: string, path: string): Route | undefined {
  if (path === '/dataflowEndpointGroupV2') return method === 'POST' ? { operation: 'CreateDataflowEndpointGroupV2' } : undefined;
  if (path === '/dataflowEndpointGroup') return method === 'GET' ? { operation: 'ListDataflowEndpointGroups' } : undefined;
  const group = GROUP_PATH.exec(path);
  if (group) {
    if (method === 'GET') return { operation: 'GetDataflowEndpointGroup', label: label(group[1]) };
    if (method === 'DELETE') return { operation: 'DeleteDataflowEndpointGroup', label: label(group[1]) };
    return undefined;
  }
  const tags = TAGS_PATH.exec(path);
  if (!tags) return undefined;
  const byMethod: Record<string, GroundStationOperation> = {
    GET: 'ListTagsForResource',
    POST: 'TagResource',
    DELETE: 'UntagResource',
  };
  return byMethod[method] ? { operation: byMethod[method], label: label(tags[1]) } : undefined;
}

/** IMDS (`/latest/…`) and the EC2 Query API (form-encoded `POST /`) belong to other stand-ins. */
function isForeign(req: SandboxRequest): boolean {
  if (req.url.pathname.startsWith('/latest/')) return true;
  const type = String(req.headers['content-type'] ?? '');
  return req.method === 'POST' && req.url.pathname === '/' && type.startsWith('application/x-www-form-urlencoded');
}

/** The route of a Ground Station request, or undefined when the request is someone else's. */
export function matchRoute(req: SandboxRequest): Route | undefined {
  if (isForeign(req)) return undefined;
  const route = routeOf(req.method, req.url.pathname);
  if (route) return route;
  // An unrouted request still signed for our service gets AWS's UnknownOperation answer.
  const auth = String(req.headers.authorization ?? '');
  return auth.includes('/groundstation/aws4_request') ? { operation: 'UnknownOperation' } : undefined;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), ...headers },
    body: JSON.stringify(body),
  };
}

/** An AWS restJson1 error: the type in `x-amzn-errortype`, the members in the JSON body. */
export function errorResponse(status: number, type: string, body: { message: string; parameterName?: string }): SandboxResponse {
  return jsonResponse(status, body, { 'x-amzn-errortype': type });
}

export function invalidParameter(parameterName: string, message: string): SandboxResponse {
  return errorResponse(431, 'InvalidParameterException', { message, parameterName });
}

export function notFound(message: string): SandboxResponse {
  return errorResponse(434, 'ResourceNotFoundException', { message });
}
