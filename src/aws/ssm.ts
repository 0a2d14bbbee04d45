/**
 * Systems Manager Compliance (awsJson1_1, `AmazonSSM.<Op>`): PutComplianceItems for this host's
 * `Custom:GsAgentConfig` report, ListResourceComplianceSummaries for the fleet. The client
 * (@aws-sdk/client-ssm, pinned like the others) is loaded on first use, sits on the bounded
 * handler and the run's deadline, and honours AWS_ENDPOINT_URL_SSM through the SDK. Every
 * answer is parsed once here; an item or summary that cannot be judged is an incomplete answer.
 */
import type { AwsClientOptions } from './client-options.ts';
import { BoundedHttpHandler } from './bounded-http-handler.ts';
import { reportRetries } from './retry-progress.ts';
import { NO_PROGRESS } from '../progress.ts';
import { mapAwsError } from './map-aws-error.ts';
import { collectPages } from './paginate.ts';
import { IncompleteAnswerError } from './parse-group.ts';

export const COMPLIANCE_TYPE = 'Custom:GsAgentConfig';
export const RESOURCE_TYPE = 'ManagedInstance';

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNSPECIFIED'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type ComplianceStatus = 'COMPLIANT' | 'NON_COMPLIANT';

/** The model's limits for one item: Title ≤ 500, Details keys 1–64, values ≤ 4096. */
export const TITLE_MAX = 500;
export const DETAIL_KEY_MAX = 64;
export const DETAIL_VALUE_MAX = 4096;

export interface ComplianceItem {
  id: string;
  title: string;
  severity: Severity;
  status: ComplianceStatus;
  details: Record<string, string>;
}

/** What the run did, in the report's ExecutionSummary: `Deferred` tells the fleet a contact held the host. */
export type ExecutionType = 'Apply' | 'Deferred' | 'Status';

/** One instance's last `Custom:GsAgentConfig` report, from ListResourceComplianceSummaries. */
export interface ComplianceSummary {
  instanceId: string;
  status: ComplianceStatus;
  /** Epoch ms of the report. */
  timeMs: number;
  executionType: string | null;
  nonCompliantCount: number;
  /** The agent version the host reported (ExecutionSummary.ExecutionId `agent:VERSION`), or why there is none. */
  agent: AgentReport;
}

/**
 * The agent version as a host reports it: `agent:1.0.5953.0` in its report's
 * ExecutionSummary.ExecutionId (≤ 100 characters), which the fleet's one
 * ListResourceComplianceSummaries listing carries back; `agent:unknown` when the host could not
 * read it (docs/design/decisions.md, "The fleet's agent column").
 */
export type AgentReport = { version: string } | { unknown: string };

export const AGENT_EXECUTION_PREFIX = 'agent:';
const AGENT_VERSION = /^\d{1,9}\.\d{1,9}\.\d{1,9}\.\d{1,9}$/;

/** The ExecutionId a host sends: its agent version, or `agent:unknown`. */
export function agentExecutionId(version: string | undefined): string {
  return `${AGENT_EXECUTION_PREFIX}${version !== undefined && AGENT_VERSION.test(version) ? version : 'unknown'}`;
}

/** The report's ExecutionId, read strictly: a version of four numbers, or unknown with the reason (never the text itself). */
export function parseAgentExecutionId(id: unknown): AgentReport {
  if (id === undefined || id === null)
    return { unknown: "not in the host's report (a gs-agent-config older than the agent column, or another reporter)" };
  if (typeof id !== 'string') return { unknown: "the report's ExecutionId is not text" };
  if (id === `${AGENT_EXECUTION_PREFIX}unknown`)
    return { unknown: 'the host could not read its agent version (doctor on the host says why)' };
  if (!id.startsWith(AGENT_EXECUTION_PREFIX)) return { unknown: "not in the host's report (its ExecutionId is not gs-agent-config's)" };
  const v = id.slice(AGENT_EXECUTION_PREFIX.length);
  if (!AGENT_VERSION.test(v)) return { unknown: `the reported agent version is not four numbers (${id.length} characters)` };
  return { version: v };
}

export interface SsmPort {
  putComplianceItems(
    instanceId: string,
    items: ComplianceItem[],
    executionType: ExecutionType,
    timeMs: number,
    executionId?: string,
  ): Promise<void>;
  /** Every managed instance's `Custom:GsAgentConfig` summary (pages bounded). */
  listComplianceSummaries(): Promise<ComplianceSummary[]>;
}

/** Pages of 50 (the model's maximum): 40 pages = 2 000 instances, far above a fleet of agent hosts. */
export const MAX_SUMMARY_PAGES = 40;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const INSTANCE_ID = /^(?:i|mi)-[0-9a-f]{8,17}$/;

const incomplete = (what: string) =>
  new IncompleteAnswerError(`ListResourceComplianceSummaries answered without ${what}. Retry: run the command again in a moment.`);

/** One summary, checked; another compliance type is skipped (undefined). */
export function parseSummary(v: unknown, i: number): ComplianceSummary | undefined {
  if (!isObj(v)) throw incomplete(`a usable ResourceComplianceSummaryItems[${i}]`);
  if (v.ComplianceType !== COMPLIANCE_TYPE) return undefined;
  const id = v.ResourceId;
  if (typeof id !== 'string' || !INSTANCE_ID.test(id)) throw incomplete(`a usable ResourceComplianceSummaryItems[${i}].ResourceId`);
  if (v.Status !== 'COMPLIANT' && v.Status !== 'NON_COMPLIANT')
    throw incomplete(`a known ResourceComplianceSummaryItems[${i}].Status (COMPLIANT or NON_COMPLIANT)`);
  const summary = isObj(v.ExecutionSummary) ? v.ExecutionSummary : undefined;
  const time = summary?.ExecutionTime;
  if (!(time instanceof Date) || Number.isNaN(time.getTime()))
    throw incomplete(`a usable ResourceComplianceSummaryItems[${i}].ExecutionSummary.ExecutionTime`);
  const type = summary?.ExecutionType;
  const nc = isObj(v.NonCompliantSummary) ? v.NonCompliantSummary.NonCompliantCount : 0;
  return {
    instanceId: id,
    status: v.Status,
    timeMs: time.getTime(),
    executionType: typeof type === 'string' ? type.slice(0, 50) : null,
    nonCompliantCount: typeof nc === 'number' && Number.isInteger(nc) && nc >= 0 ? nc : 0,
    agent: parseAgentExecutionId(summary?.ExecutionId),
  };
}

export function parseSummaryPage(page: Obj): { items: ComplianceSummary[]; nextToken?: string } {
  const list = page.ResourceComplianceSummaryItems ?? [];
  if (!Array.isArray(list) || list.length > 50) throw incomplete('a usable ResourceComplianceSummaryItems (a list of at most 50)');
  const items = list.map(parseSummary).filter((s): s is ComplianceSummary => s !== undefined);
  const token = page.NextToken;
  return typeof token === 'string' && token.length > 0 ? { items, nextToken: token } : { items };
}

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** An item within the model's limits: long titles and values are cut, keys outside 1–64 are dropped. */
export function withinLimits(item: ComplianceItem): ComplianceItem {
  const details: Record<string, string> = {};
  for (const [k, v] of Object.entries(item.details))
    if (k.length >= 1 && k.length <= DETAIL_KEY_MAX) details[k] = clip(v, DETAIL_VALUE_MAX);
  return { ...item, title: clip(item.title, TITLE_MAX), details };
}

type SsmSdk = typeof import('@aws-sdk/client-ssm');

export function createSsmPort(opts: AwsClientOptions): SsmPort {
  let loaded: Promise<{ sdk: SsmSdk; client: InstanceType<SsmSdk['SSMClient']> }> | undefined;
  const load = () =>
    (loaded ??= import('@aws-sdk/client-ssm').then((sdk) => {
      const client = new sdk.SSMClient({
        region: opts.region,
        maxAttempts: opts.maxAttempts ?? 3,
        requestHandler: new BoundedHttpHandler({ protocol: 'json', service: 'Systems Manager', deadline: opts.deadline }),
        ...(opts.endpoint !== undefined ? { endpoint: opts.endpoint } : {}),
        ...(opts.credentials !== undefined ? { credentials: opts.credentials } : {}),
      });
      reportRetries(client, opts.progress ?? NO_PROGRESS);
      return { sdk, client };
    }));
  return {
    async putComplianceItems(instanceId, items, executionType, timeMs, executionId) {
      try {
        const { sdk, client } = await load();
        await client.send(
          new sdk.PutComplianceItemsCommand({
            ResourceId: instanceId,
            ResourceType: RESOURCE_TYPE,
            ComplianceType: COMPLIANCE_TYPE,
            ExecutionSummary: {
              ExecutionTime: new Date(timeMs),
              ExecutionType: executionType,
              ...(executionId !== undefined && { ExecutionId: executionId.slice(0, 100) }),
            },
            UploadType: 'COMPLETE',
            Items: items.map(withinLimits).map((i) => ({
              Id: i.id,
              Title: i.title,
              Severity: i.severity,
              Status: i.status,
              Details: i.details,
            })),
          }),
        );
      } catch (err) {
        throw mapAwsError('PutComplianceItems', err);
      }
    },
    async listComplianceSummaries() {
      try {
        const { sdk, client } = await load();
        const all = await collectPages(
          'ListResourceComplianceSummaries',
          async (NextToken) =>
            parseSummaryPage(
              (await client.send(
                new sdk.ListResourceComplianceSummariesCommand({
                  Filters: [{ Key: 'ComplianceType', Values: [COMPLIANCE_TYPE], Type: 'EQUAL' }],
                  MaxResults: 50,
                  ...(NextToken ? { NextToken } : {}),
                }),
              )) as unknown as Obj,
            ),
          MAX_SUMMARY_PAGES,
        );
        // The latest report per instance (a repeated page names one twice).
        const byId = new Map<string, ComplianceSummary>();
        for (const s of all) if ((byId.get(s.instanceId)?.timeMs ?? -1) < s.timeMs) byId.set(s.instanceId, s);
        return [...byId.values()];
      } catch (err) {
        throw mapAwsError('ListResourceComplianceSummaries', err);
      }
    },
  };
}
