/**
 * Stand-in for Systems Manager Compliance (AWS JSON 1.1, target `AmazonSSM.<Op>`, SigV4 service
 * `ssm`): PutComplianceItems, ListComplianceItems and ListResourceComplianceSummaries, strict to
 * the official model (botocore ssm 2014-11-06): required members, enums (ComplianceSeverity,
 * ComplianceStatus, ComplianceUploadType, ComplianceQueryOperatorType), lengths (Title ≤ 500,
 * Details keys 1–64 and values ≤ 4096, ExecutionId ≤ 100, ExecutionType ≤ 50, MaxResults 1–50),
 * the ComplianceType pattern, ManagedInstance as the only resource type, and only the sandbox's
 * instances as managed nodes (InvalidResourceId otherwise). Timestamps travel as epoch seconds.
 * COMPLETE uploads replace the resource's items of that type.
 */
import type { SandboxRequest, SandboxResponse, SandboxService } from './types.ts';
import { decodePageToken, pageOf } from './groundstation-store.ts';
import { checkSigV4, type SigV4Credentials } from './sigv4-check.ts';

const TARGET_PREFIX = 'AmazonSSM.';
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNSPECIFIED'];
const STATUSES = ['COMPLIANT', 'NON_COMPLIANT'];
const OPERATORS = ['EQUAL', 'NOT_EQUAL', 'BEGIN_WITH', 'LESS_THAN', 'GREATER_THAN'];
const TYPE_PATTERN = /^(?:[A-Za-z0-9_-]\w+|Custom:[a-zA-Z0-9_-]\w+)$/;
/** Filter keys this stand-in understands (the model does not enumerate them). */
const FILTER_KEYS = ['ComplianceType', 'Status', 'Severity', 'OverallSeverity', 'Id'];

export interface SsmServiceOptions {
  region: string;
  credentials: SigV4Credentials;
  /** The managed nodes: instance ids a report may name. */
  instances: () => string[];
  /** Epoch ms now (the sandbox clock). */
  now?: () => number;
}

interface StoredItem {
  Id: string;
  Title: string;
  Severity: string;
  Status: string;
  Details: Record<string, string>;
}

export interface StoredReport {
  resourceId: string;
  complianceType: string;
  executionTime: number;
  executionId?: string;
  executionType?: string;
  items: StoredItem[];
}

export type SsmService = SandboxService & {
  /** Reports by `resourceId|complianceType`. */
  reports: Map<string, StoredReport>;
  deny: boolean;
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const strLen = (v: unknown, min: number, max: number): v is string => isStr(v) && v.length >= min && v.length <= max;

function reply(status: number, body: unknown, type?: string): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', ...(type ? { 'x-amzn-errortype': type } : {}) },
    body: JSON.stringify(body),
  };
}
const fault = (type: string, message: string, status = 400) => reply(status, { __type: type, message }, type);
class Refusal extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}
const invalid = (m: string) => new Refusal('ValidationException', m);

function checkItem(v: unknown, i: number): StoredItem {
  const at = `Items.${i + 1}`;
  if (!isObj(v)) throw invalid(`${at} must be a structure`);
  if (!isStr(v.Severity) || !SEVERITIES.includes(v.Severity))
    throw invalid(`Value at '${at}.severity' failed to satisfy constraint: Member must satisfy enum value set: [${SEVERITIES.join(', ')}]`);
  if (!isStr(v.Status) || !STATUSES.includes(v.Status))
    throw invalid(`Value at '${at}.status' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(', ')}]`);
  if (v.Id !== undefined && !isStr(v.Id)) throw invalid(`${at}.Id must be a string`);
  if (v.Title !== undefined && !strLen(v.Title, 0, 500)) throw invalid(`${at}.Title must be at most 500 characters`);
  const details: Record<string, string> = {};
  if (v.Details !== undefined) {
    if (!isObj(v.Details)) throw invalid(`${at}.Details must be a map`);
    for (const [k, val] of Object.entries(v.Details)) {
      if (k.length < 1 || k.length > 64) throw invalid(`${at}.Details key '${k.slice(0, 70)}' must be 1 to 64 characters`);
      if (!strLen(val, 0, 4096)) throw invalid(`${at}.Details.${k} must be a string of at most 4096 characters`);
      details[k] = val;
    }
  }
  return { Id: v.Id ?? '', Title: v.Title ?? '', Severity: v.Severity, Status: v.Status, Details: details };
}

interface Filter {
  Key: string;
  Values: string[];
  Type: string;
}

function checkFilters(v: unknown): Filter[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw invalid('Filters must be a list');
  return v.map((f, i) => {
    if (!isObj(f) || !strLen(f.Key, 1, 200)) throw invalid(`Filters.${i + 1}.Key must be 1 to 200 characters`);
    if (!Array.isArray(f.Values) || f.Values.length < 1 || f.Values.length > 20 || !f.Values.every(isStr))
      throw invalid(`Filters.${i + 1}.Values must be a list of 1 to 20 strings`);
    const type = f.Type ?? 'EQUAL';
    if (!isStr(type) || !OPERATORS.includes(type)) throw invalid(`Filters.${i + 1}.Type must be one of ${OPERATORS.join(', ')}`);
    if (!FILTER_KEYS.includes(f.Key)) throw new Refusal('InvalidFilter', `The filter key ${f.Key} is not valid.`);
    return { Key: f.Key, Values: f.Values, Type: type };
  });
}

function passes(values: Record<string, string>, filters: Filter[]): boolean {
  return filters.every((f) => {
    const v = values[f.Key];
    if (v === undefined) return true;
    switch (f.Type) {
      case 'NOT_EQUAL':
        return !f.Values.includes(v);
      case 'BEGIN_WITH':
        return f.Values.some((x) => v.startsWith(x));
      default:
        return f.Values.includes(v);
    }
  });
}

function checkPaging(input: Obj): { offset: number; size: number } {
  const max = input.MaxResults ?? 50;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 50) throw invalid('MaxResults must be an integer from 1 to 50');
  if (input.NextToken === undefined) return { offset: 0, size: max };
  const offset = isStr(input.NextToken) ? decodePageToken(input.NextToken) : undefined;
  if (offset === undefined) throw new Refusal('InvalidNextToken', 'The specified token is not valid.');
  return { offset, size: max };
}

const summaryOf = (r: StoredReport) => ({
  ExecutionTime: r.executionTime,
  ...(r.executionId !== undefined && { ExecutionId: r.executionId }),
  ...(r.executionType !== undefined && { ExecutionType: r.executionType }),
});

function severityCounts(items: StoredItem[]) {
  const count = (s: string) => items.filter((i) => i.Severity === s).length;
  return {
    CriticalCount: count('CRITICAL'),
    HighCount: count('HIGH'),
    MediumCount: count('MEDIUM'),
    LowCount: count('LOW'),
    InformationalCount: count('INFORMATIONAL'),
    UnspecifiedCount: count('UNSPECIFIED'),
  };
}

export function createSsmService(opts: SsmServiceOptions): SsmService {
  const reports = new Map<string, StoredReport>();

  function put(input: Obj): Obj {
    const { ResourceId, ResourceType, ComplianceType, ExecutionSummary, Items, ItemContentHash, UploadType } = input;
    if (!strLen(ResourceId, 1, 100)) throw invalid('ResourceId is required (1 to 100 characters)');
    if (!strLen(ResourceType, 1, 50)) throw invalid('ResourceType is required (1 to 50 characters)');
    if (!strLen(ComplianceType, 1, 100) || !TYPE_PATTERN.test(ComplianceType))
      throw invalid(
        `Value at 'complianceType' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9_\\-]\\w+|Custom:[a-zA-Z0-9_\\-]\\w+`,
      );
    if (!isObj(ExecutionSummary)) throw invalid('ExecutionSummary is required');
    const time = ExecutionSummary.ExecutionTime;
    if (typeof time !== 'number' || !Number.isFinite(time)) throw invalid('ExecutionSummary.ExecutionTime is required (epoch seconds)');
    if (ExecutionSummary.ExecutionId !== undefined && !strLen(ExecutionSummary.ExecutionId, 0, 100))
      throw invalid('ExecutionSummary.ExecutionId must be at most 100 characters');
    if (ExecutionSummary.ExecutionType !== undefined && !strLen(ExecutionSummary.ExecutionType, 0, 50))
      throw invalid('ExecutionSummary.ExecutionType must be at most 50 characters');
    if (!Array.isArray(Items) || Items.length > 10000) throw invalid('Items is required (a list of at most 10000)');
    if (ItemContentHash !== undefined && !strLen(ItemContentHash, 0, 256)) throw invalid('ItemContentHash must be at most 256 characters');
    if (UploadType !== undefined && UploadType !== 'COMPLETE' && UploadType !== 'PARTIAL')
      throw invalid("Value at 'uploadType' failed to satisfy constraint: Member must satisfy enum value set: [COMPLETE, PARTIAL]");
    const items = Items.map(checkItem);
    if (ResourceType !== 'ManagedInstance') throw new Refusal('InvalidResourceType', 'The resource type is not valid.');
    if (!opts.instances().includes(ResourceId))
      throw new Refusal('InvalidResourceId', 'The resource ID is not valid. Verify that you entered the correct ID and try again.');
    const key = `${ResourceId}|${ComplianceType}`;
    const customTypes = new Set([...reports.values()].filter((r) => r.resourceId === ResourceId).map((r) => r.complianceType));
    customTypes.add(ComplianceType);
    if (customTypes.size > 10)
      throw new Refusal('ComplianceTypeCountLimitExceededException', 'You specified too many custom compliance types.');
    reports.set(key, {
      resourceId: ResourceId,
      complianceType: ComplianceType,
      executionTime: time,
      ...(isStr(ExecutionSummary.ExecutionId) && { executionId: ExecutionSummary.ExecutionId }),
      ...(isStr(ExecutionSummary.ExecutionType) && { executionType: ExecutionSummary.ExecutionType }),
      items,
    });
    return {};
  }

  function listItems(input: Obj): Obj {
    const filters = checkFilters(input.Filters);
    const { offset, size } = checkPaging(input);
    const ids = input.ResourceIds;
    if (ids !== undefined && (!Array.isArray(ids) || ids.length < 1 || !ids.every((id) => strLen(id, 1, 100))))
      throw invalid('ResourceIds must be a list of 1 to 100 character strings');
    if (Array.isArray(ids) && ids.length > 1) throw new Refusal('InvalidResourceId', 'You can only specify one resource ID.');
    const types = input.ResourceTypes;
    if (types !== undefined && (!Array.isArray(types) || types.length < 1 || !types.every((t) => strLen(t, 1, 50))))
      throw invalid('ResourceTypes must be a list of 1 to 50 character strings');
    if (Array.isArray(types) && types.some((t) => t !== 'ManagedInstance'))
      throw new Refusal('InvalidResourceType', 'The resource type is not valid.');
    const rows = [...reports.values()]
      .filter((r) => !Array.isArray(ids) || ids.includes(r.resourceId))
      .flatMap((r) =>
        r.items
          .filter((i) => passes({ ComplianceType: r.complianceType, Status: i.Status, Severity: i.Severity, Id: i.Id }, filters))
          .map((i) => ({
            ComplianceType: r.complianceType,
            ResourceType: 'ManagedInstance',
            ResourceId: r.resourceId,
            Id: i.Id,
            Title: i.Title,
            Status: i.Status,
            Severity: i.Severity,
            ExecutionSummary: summaryOf(r),
            Details: i.Details,
          })),
      );
    const { page, nextToken } = pageOf(rows, offset, size);
    return { ComplianceItems: page, ...(nextToken && { NextToken: nextToken }) };
  }

  function listSummaries(input: Obj): Obj {
    const filters = checkFilters(input.Filters);
    const { offset, size } = checkPaging(input);
    const rows = [...reports.values()]
      .map((r) => {
        const bad = r.items.filter((i) => i.Status === 'NON_COMPLIANT');
        const good = r.items.filter((i) => i.Status === 'COMPLIANT');
        const overall = SEVERITIES.find((s) => (bad.length ? bad : r.items).some((i) => i.Severity === s)) ?? 'UNSPECIFIED';
        return {
          ComplianceType: r.complianceType,
          ResourceType: 'ManagedInstance',
          ResourceId: r.resourceId,
          Status: bad.length ? 'NON_COMPLIANT' : 'COMPLIANT',
          OverallSeverity: overall,
          ExecutionSummary: summaryOf(r),
          CompliantSummary: { CompliantCount: good.length, SeveritySummary: severityCounts(good) },
          NonCompliantSummary: { NonCompliantCount: bad.length, SeveritySummary: severityCounts(bad) },
        };
      })
      .filter((s) => passes({ ComplianceType: s.ComplianceType, Status: s.Status, OverallSeverity: s.OverallSeverity }, filters));
    const { page, nextToken } = pageOf(rows, offset, size);
    return { ResourceComplianceSummaryItems: page, ...(nextToken && { NextToken: nextToken }) };
  }

  const ops: Record<string, (input: Obj) => Obj> = {
    PutComplianceItems: put,
    ListComplianceItems: listItems,
    ListResourceComplianceSummaries: listSummaries,
  };

  const svc: SsmService = {
    reports,
    deny: false,
    identify(req: SandboxRequest) {
      const target = req.headers['x-amz-target'];
      return req.method === 'POST' && typeof target === 'string' && target.startsWith(TARGET_PREFIX)
        ? `ssm:${target.slice(TARGET_PREFIX.length)}`
        : undefined;
    },
    async handle(req, action) {
      const auth = await checkSigV4(req, { service: 'ssm', region: opts.region, credentials: opts.credentials });
      if (!auth.ok) return fault(auth.code, auth.message, 403);
      const op = action.slice(4);
      const fn = Object.hasOwn(ops, op) ? ops[op] : undefined;
      if (!fn) return fault('UnknownOperationException', `the sandbox serves only ${Object.keys(ops).join(', ')}, not ${op}`);
      if (svc.deny) return fault('AccessDeniedException', `User is not authorized to perform: ssm:${op}`);
      if (!String(req.headers['content-type'] ?? '').startsWith('application/x-amz-json-1.1'))
        return fault('SerializationException', 'Content-Type must be application/x-amz-json-1.1');
      let input: unknown;
      try {
        input = JSON.parse(req.body.toString('utf8') || '{}');
      } catch {
        return fault('SerializationException', 'Request body is not valid JSON');
      }
      if (!isObj(input)) return fault('SerializationException', 'Request body must be a JSON object');
      try {
        return reply(200, fn(input));
      } catch (err) {
        if (err instanceof Refusal) return fault(err.type, err.message);
        throw err;
      }
    },
  };
  return svc;
}
