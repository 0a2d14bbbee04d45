/**
 * Stand-in for AWS Ground Station's dataflow endpoint group API (restJson1 over HTTP): SigV4
 * checked, every model constraint of CreateDataflowEndpointGroupV2 enforced, real pagination,
 * tags, and simulated endpoint health.
 */
import { randomUUID } from 'node:crypto';
import type { CreateGroupV2Request } from './wire-types.ts';
import type { SandboxRequest, SandboxResponse, SandboxService } from './types.ts';
import { ANY_ARN, PAGINATION_MAX_RESULTS, PAGINATION_TOKEN, TAG_KEYS, UUID } from './groundstation-model.ts';
import { checkInteger, checkString, formatViolations, validateShape, type Violation } from './groundstation-validate.ts';
import { buildGroup, decodePageToken, pageOf, renderGroup, type StoredGroup } from './groundstation-store.ts';
import { errorResponse, invalidParameter, jsonResponse, matchRoute, notFound, type Route } from './groundstation-routes.ts';
import { checkSigV4, type SigV4Credentials } from './sigv4-check.ts';

export type { StoredGroup } from './groundstation-store.ts';

export interface GroundStationServiceOptions {
  region: string;
  accountId: string;
  credentials: SigV4Credentials;
  /** Public IPs the account owns; an agent-side IP outside it makes the endpoint INVALID_IP_OWNERSHIP. */
  ownedIps?: () => string[];
  /** ListDataflowEndpointGroups page size when the caller sends no maxResults (default 50). */
  listPageSize?: number;
  /** Records an action done on the caller's behalf (the service-linked role's creation: `iam:CreateServiceLinkedRole`). */
  recordAction?: (action: string) => void;
}

/**
 * The account's service-linked role AWSServiceRoleForGroundStationDataflowEndpointGroup: the
 * first create in an account makes it with the caller's iam:CreateServiceLinkedRole; a caller
 * without it leaves the group NOT_AUTHORIZED_TO_CREATE_SLR (AWS's "Use service-linked roles").
 */
export interface SlrSimulation {
  exists: boolean;
  /** Whether the caller holds iam:CreateServiceLinkedRole for groundstation.amazonaws.com. */
  callerMayCreate: boolean;
}

export type GroundStationService = SandboxService & {
  /** The stored groups by id, in creation order: inspect or seed them in tests. */
  groups: Map<string, StoredGroup>;
  setAgentRegistered(id: string, registered: boolean): void;
  /** The service-linked role (default: it exists, as in an account that had a group before). */
  slr: SlrSimulation;
  /** Groups per region (quota L-D6A1915B, AWS's default 100); undefined: not enforced (the default here). */
  groupQuota: number | undefined;
  /** Every group created from now on reports this health reason (UNHEALTHY), whatever the agent does. */
  forcedHealthReason: string | undefined;
};

type Handler = (req: SandboxRequest, route: Route) => SandboxResponse;

function violationResponse(violations: Violation[]): SandboxResponse {
  return invalidParameter(violations[0].path, formatViolations(violations));
}

/** Coral rejects unparseable bodies before validation, as a 400 SerializationException. */
function parseBody(req: SandboxRequest): { ok: true; value: unknown } | { ok: false; response: SandboxResponse } {
  const text = req.body.toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: errorResponse(400, 'SerializationException', { message: 'Request body is not valid JSON' }) };
  }
}

function checkLabel(name: string, value: string | undefined, rule: typeof UUID | typeof ANY_ARN): SandboxResponse | undefined {
  const violations: Violation[] = [];
  checkString(name, value, rule, violations);
  return violations.length ? violationResponse(violations) : undefined;
}

export function createGroundStationService(opts: GroundStationServiceOptions): GroundStationService {
  const groups = new Map<string, StoredGroup>();
  const arnOf = (id: string) => `arn:aws:groundstation:${opts.region}:${opts.accountId}:dataflow-endpoint-group/${id}`;
  const byArn = (arn: string) => [...groups.values()].find((g) => g.arn === arn);

  const create: Handler = (req) => {
    const body = parseBody(req);
    if (!body.ok) return body.response;
    const { violations, value } = validateShape<CreateGroupV2Request>('CreateDataflowEndpointGroupV2Request', body.value);
    if (violations.length) return violationResponse(violations);
    if (service.groupQuota !== undefined && groups.size >= service.groupQuota)
      return errorResponse(402, 'ServiceQuotaExceededException', {
        message: `Dataflow endpoint group limit of ${service.groupQuota} exceeded (quota L-D6A1915B)`,
      });
    const id = randomUUID();
    const group = buildGroup(id, arnOf(id), value);
    if (!service.slr.exists) {
      if (service.slr.callerMayCreate) {
        service.slr.exists = true;
        opts.recordAction?.('iam:CreateServiceLinkedRole');
      } else group.forcedHealthReason = 'NOT_AUTHORIZED_TO_CREATE_SLR';
    }
    if (service.forcedHealthReason !== undefined) group.forcedHealthReason = service.forcedHealthReason;
    groups.set(id, group);
    return jsonResponse(200, { dataflowEndpointGroupId: id });
  };

  const withGroup = (route: Route, then: (g: StoredGroup) => SandboxResponse): SandboxResponse => {
    const bad = checkLabel('dataflowEndpointGroupId', route.label, UUID);
    if (bad) return bad;
    const group = groups.get(route.label as string);
    return group ? then(group) : notFound(`Dataflow endpoint group ${route.label} not found`);
  };

  const withArn = (route: Route, then: (g: StoredGroup) => SandboxResponse): SandboxResponse => {
    const bad = checkLabel('resourceArn', route.label, ANY_ARN);
    if (bad) return bad;
    const group = byArn(route.label as string);
    return group ? then(group) : notFound(`Resource ${route.label} not found`);
  };

  const get: Handler = (_req, route) => withGroup(route, (g) => jsonResponse(200, renderGroup(g, opts.ownedIps?.())));

  const remove: Handler = (_req, route) =>
    withGroup(route, (g) => {
      groups.delete(g.id);
      return jsonResponse(200, { dataflowEndpointGroupId: g.id });
    });

  const list: Handler = (req) => {
    const params = req.url.searchParams;
    const violations: Violation[] = [];
    const rawMax = params.get('maxResults');
    const max = rawMax === null ? undefined : /^-?\d+$/.test(rawMax) ? Number(rawMax) : rawMax;
    if (max !== undefined) checkInteger('maxResults', max, PAGINATION_MAX_RESULTS, violations);
    const token = params.get('nextToken');
    if (token !== null) checkString('nextToken', token, PAGINATION_TOKEN, violations);
    if (violations.length) return violationResponse(violations);
    const offset = token === null ? 0 : decodePageToken(token);
    if (offset === undefined) return invalidParameter('nextToken', 'The nextToken is not valid');
    const items = [...groups.values()].map((g) => ({ dataflowEndpointGroupId: g.id, dataflowEndpointGroupArn: g.arn }));
    const { page, nextToken } = pageOf(items, offset, (max as number | undefined) ?? opts.listPageSize ?? 50);
    return jsonResponse(200, { dataflowEndpointGroupList: page, nextToken });
  };

  const listTags: Handler = (_req, route) => withArn(route, (g) => jsonResponse(200, { tags: g.tags }));

  const tag: Handler = (req, route) =>
    withArn(route, (g) => {
      const body = parseBody(req);
      if (!body.ok) return body.response;
      const { violations, value } = validateShape<{ tags: Record<string, string> }>('TagResourceRequest', body.value);
      if (violations.length) return violationResponse(violations);
      Object.assign(g.tags, value.tags);
      return jsonResponse(200, {});
    });

  const untag: Handler = (req, route) =>
    withArn(route, (g) => {
      const keys = req.url.searchParams.getAll('tagKeys');
      if (keys.length > TAG_KEYS.maxItems) {
        return violationResponse([
          { path: 'tagKeys', value: keys, constraint: `Member must have length less than or equal to ${TAG_KEYS.maxItems}` },
        ]);
      }
      for (const k of keys) delete g.tags[k];
      return jsonResponse(200, {});
    });

  const unknown: Handler = () => errorResponse(404, 'UnknownOperationException', { message: 'Unknown operation' });

  const handlers: Record<Route['operation'], Handler> = {
    CreateDataflowEndpointGroupV2: create,
    GetDataflowEndpointGroup: get,
    ListDataflowEndpointGroups: list,
    DeleteDataflowEndpointGroup: remove,
    ListTagsForResource: listTags,
    TagResource: tag,
    UntagResource: untag,
    UnknownOperation: unknown,
  };

  const service: GroundStationService = {
    groups,
    slr: { exists: true, callerMayCreate: true },
    groupQuota: undefined,
    forcedHealthReason: undefined,
    setAgentRegistered(id, registered) {
      const group = groups.get(id);
      if (!group) throw new Error(`groundstation sandbox: no group ${id}`);
      group.agentRegistered = registered;
    },
    identify(req) {
      const route = matchRoute(req);
      return route ? `groundstation:${route.operation}` : undefined;
    },
    async handle(req) {
      const auth = await checkSigV4(req, { service: 'groundstation', region: opts.region, credentials: opts.credentials });
      if (!auth.ok) return errorResponse(403, auth.code, { message: auth.message });
      const route = matchRoute(req) ?? { operation: 'UnknownOperation' };
      return handlers[route.operation](req, route);
    },
  };
  return service;
}
