/**
 * Stand-in for the Resource Groups Tagging API's GetResources (AWS JSON 1.1, target
 * `ResourceGroupsTaggingAPI_20170126.GetResources`) over the sandbox's dataflow endpoint groups:
 * SigV4 checked (service `tagging`), the request's documented constraints enforced
 * (ResourcesPerPage 1–100, at most 50 TagFilters of keys 1–128 and at most 20 values of 0–256,
 * resource types as `service[:type]`, PaginationToken ≤ 2048), real pagination, and the errors
 * in the service's shape. `deny` answers AccessDeniedException, as for a role without
 * tag:GetResources.
 */
import type { SandboxRequest, SandboxResponse, SandboxService } from './types.ts';
import type { StoredGroup } from './groundstation-store.ts';
import { decodePageToken, pageOf } from './groundstation-store.ts';
import { checkSigV4, type SigV4Credentials } from './sigv4-check.ts';

const TARGET_PREFIX = 'ResourceGroupsTaggingAPI_20170126.';

export interface TaggingServiceOptions {
  region: string;
  credentials: SigV4Credentials;
  groups: () => Iterable<StoredGroup>;
}

export type TaggingService = SandboxService & { deny: boolean };

function reply(status: number, body: unknown, type?: string): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', ...(type ? { 'x-amzn-errortype': type } : {}) },
    body: JSON.stringify(body),
  };
}

const fault = (type: string, message: string, status = 400) => reply(status, { __type: type, Message: message }, type);
const invalid = (message: string) => fault('InvalidParameterException', message);

interface TagFilter {
  Key: string;
  Values?: string[];
}
interface Query {
  filters: TagFilter[];
  types: string[];
  perPage: number;
  token?: string;
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const strList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);

/** The request's members, checked against the API's documented constraints; a string is the problem. */
function parseQuery(input: Record<string, unknown>): Query | string {
  const { TagFilters = [], ResourceTypeFilters = [], ResourcesPerPage = 50, PaginationToken } = input;
  if (!Array.isArray(TagFilters) || TagFilters.length > 50) return 'TagFilters must be a list of at most 50 filters';
  for (const f of TagFilters as Array<Record<string, unknown>>) {
    if (typeof f !== 'object' || f === null || !isStr(f.Key) || f.Key.length < 1 || f.Key.length > 128)
      return 'TagFilters.Key must be a string of 1 to 128 characters';
    if (f.Values !== undefined && (!strList(f.Values) || f.Values.length > 20 || f.Values.some((v) => v.length > 256)))
      return 'TagFilters.Values must be at most 20 strings of at most 256 characters';
  }
  if (!strList(ResourceTypeFilters) || ResourceTypeFilters.some((t) => !/^[a-z0-9-]+(?::[A-Za-z0-9-]+)?$/.test(t)))
    return 'ResourceTypeFilters must be strings of the form service[:resourceType]';
  if (typeof ResourcesPerPage !== 'number' || !Number.isInteger(ResourcesPerPage) || ResourcesPerPage < 1 || ResourcesPerPage > 100)
    return 'ResourcesPerPage must be an integer from 1 to 100';
  if (PaginationToken !== undefined && (!isStr(PaginationToken) || PaginationToken.length > 2048))
    return 'PaginationToken must be a string of at most 2048 characters';
  return { filters: TagFilters as TagFilter[], types: ResourceTypeFilters, perPage: ResourcesPerPage, token: PaginationToken || undefined };
}

function matches(g: StoredGroup, q: Query): boolean {
  const typeOk = q.types.length === 0 || q.types.some((t) => t === 'groundstation' || t === 'groundstation:dataflow-endpoint-group');
  return typeOk && q.filters.every((f) => f.Key in g.tags && (!f.Values?.length || f.Values.includes(g.tags[f.Key])));
}

export function createTaggingService(opts: TaggingServiceOptions): TaggingService {
  const svc: TaggingService = {
    deny: false,
    identify(req) {
      const target = req.headers['x-amz-target'];
      return req.method === 'POST' && typeof target === 'string' && target.startsWith(TARGET_PREFIX)
        ? `tagging:${target.slice(TARGET_PREFIX.length)}`
        : undefined;
    },
    async handle(req: SandboxRequest, action: string) {
      const auth = await checkSigV4(req, { service: 'tagging', region: opts.region, credentials: opts.credentials });
      if (!auth.ok) return fault(auth.code, auth.message, 403);
      if (action !== 'tagging:GetResources')
        return fault('UnknownOperationException', `the sandbox serves only GetResources, not ${action.slice(8)}`);
      if (svc.deny) return fault('AccessDeniedException', 'User is not authorized to perform: tag:GetResources');
      let input: unknown;
      try {
        input = JSON.parse(req.body.toString('utf8') || '{}');
      } catch {
        return fault('SerializationException', 'Request body is not valid JSON');
      }
      if (typeof input !== 'object' || input === null || Array.isArray(input))
        return fault('SerializationException', 'Request body must be a JSON object');
      const q = parseQuery(input as Record<string, unknown>);
      if (typeof q === 'string') return invalid(q);
      const offset = q.token === undefined ? 0 : decodePageToken(q.token);
      if (offset === undefined) return fault('PaginationTokenExpiredException', 'The PaginationToken is not valid or has expired');
      const items = [...opts.groups()]
        .filter((g) => matches(g, q))
        .map((g) => ({ ResourceARN: g.arn, Tags: Object.entries(g.tags).map(([Key, Value]) => ({ Key, Value })) }));
      const { page, nextToken } = pageOf(items, offset, q.perPage);
      return reply(200, { PaginationToken: nextToken ?? '', ResourceTagMappingList: page });
    },
  };
  return svc;
}
