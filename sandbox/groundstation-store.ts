/**
 * The Ground Station stand-in's state: stored groups, their simulated health, and opaque
 * pagination tokens. Pure data in, data out; the HTTP side lives in groundstation-service.ts.
 */
import { agentIpOf, type CreateGroupV2Request, type EndpointDetailsV2 } from './wire-types.ts';

export interface StoredGroup {
  id: string;
  arn: string;
  endpoints: EndpointDetailsV2[];
  contactPrePassDurationSeconds?: number;
  contactPostPassDurationSeconds?: number;
  tags: Record<string, string>;
  /** Whether an agent has registered for this group (see setAgentRegistered). */
  agentRegistered: boolean;
  /** Created while its IP was not the account's (latched, as AWS checks at create): INVALID_IP_OWNERSHIP until replaced. */
  ipOwnershipInvalid?: boolean;
  /** A reason the group reports whatever the agent does (the SLR missing, a forced reason: `sandbox --health-reason`). */
  forcedHealthReason?: string;
}

export function buildGroup(id: string, arn: string, req: CreateGroupV2Request): StoredGroup {
  return {
    id,
    arn,
    endpoints: req.endpoints,
    contactPrePassDurationSeconds: req.contactPrePassDurationSeconds,
    contactPostPassDurationSeconds: req.contactPostPassDurationSeconds,
    tags: { ...(req.tags ?? {}) },
    agentRegistered: false,
  };
}

interface Health {
  healthStatus: 'HEALTHY' | 'UNHEALTHY';
  healthReasons: string[];
  agentStatus?: string;
  auditResults?: string;
}

/**
 * What the real service reports: an agent-side IP the account does not own is flagged first
 * (AWS checks Elastic IP ownership at create time), then a missing agent registration.
 */
export function simulateHealth(group: StoredGroup, e: EndpointDetailsV2, ownedIps?: string[]): Health {
  if (group.forcedHealthReason !== undefined) {
    const agent = group.agentRegistered ? { agentStatus: 'ACTIVE', auditResults: 'UNHEALTHY' } : {};
    return { healthStatus: 'UNHEALTHY', healthReasons: [group.forcedHealthReason], ...agent };
  }
  if (group.ipOwnershipInvalid || (ownedIps && !ownedIps.includes(agentIpOf(e)))) {
    return group.agentRegistered
      ? { healthStatus: 'UNHEALTHY', healthReasons: ['INVALID_IP_OWNERSHIP'], agentStatus: 'ACTIVE', auditResults: 'UNHEALTHY' }
      : { healthStatus: 'UNHEALTHY', healthReasons: ['INVALID_IP_OWNERSHIP'] };
  }
  if (!group.agentRegistered) return { healthStatus: 'UNHEALTHY', healthReasons: ['NO_REGISTERED_AGENT'] };
  return { healthStatus: 'HEALTHY', healthReasons: ['HEALTHY'], agentStatus: 'ACTIVE', auditResults: 'HEALTHY' };
}

function endpointDetails(group: StoredGroup, e: EndpointDetailsV2, ownedIps?: string[]): Record<string, unknown> {
  const { healthStatus, healthReasons, agentStatus, auditResults } = simulateHealth(group, e, ownedIps);
  const [key, value] = Object.entries(e)[0] as [string, object];
  return { [key]: { ...value, agentStatus, auditResults }, healthStatus, healthReasons };
}

/** GetDataflowEndpointGroupResponse (undefined members vanish in JSON.stringify, as AWS omits nulls). */
export function renderGroup(group: StoredGroup, ownedIps?: string[]): Record<string, unknown> {
  return {
    dataflowEndpointGroupId: group.id,
    dataflowEndpointGroupArn: group.arn,
    endpointsDetails: group.endpoints.map((e) => endpointDetails(group, e, ownedIps)),
    tags: group.tags,
    contactPrePassDurationSeconds: group.contactPrePassDurationSeconds,
    contactPostPassDurationSeconds: group.contactPostPassDurationSeconds,
  };
}

/** Opaque token (base64 matches the PaginationToken pattern) carrying the next offset. */
export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64');
}

export function decodePageToken(token: string): number | undefined {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

export function pageOf<T>(items: T[], offset: number, size: number): { page: T[]; nextToken?: string } {
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { page, nextToken: encodePageToken(next) } : { page };
}
