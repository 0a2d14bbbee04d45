/**
 * `--report-compliance`: this host's state as SSM Compliance items of type `Custom:GsAgentConfig`
 * (docs/operator/fleet-rollout.md): one item per endpoint health, per rendered file's drift, the deferral (its
 * contact and end) and each failing doctor check, sent as one COMPLETE upload for the instance id
 * IMDS gives. Building the items is pure (complianceItems); sending them never fails the run:
 * the caller gets a warning to print instead.
 */
import { agentExecutionId, type ComplianceItem, type ExecutionType, type SsmPort } from '../aws/ssm.ts';
import { readHostStatus, type HostStatus } from './host-status.ts';
import { locateStates, type LocatePorts } from './locate-state.ts';

/** A failing doctor check, as the CLI hands it over (doctor sits above apply). */
export interface FailingCheck {
  id: string;
  status: string;
  evidence: string;
  fix: string;
}

export interface ComplianceInput {
  /** Each status carries the deferral its state file records. */
  statuses: HostStatus[];
  checks?: FailingCheck[];
  /** The installed agent's version (four numbers), or why it could not be read; absent: not read. */
  agent?: AgentReading;
}

/** What the host read of its agent: the version, or why none. */
export type AgentReading = { version: string } | { unknown: string };

const deferralsOf = (input: ComplianceInput) => input.statuses.flatMap((s) => (s.deferred ? [s.deferred] : []));

const SAFE_ID = /[^A-Za-z0-9_.:/-]/g;
const itemId = (kind: string, name: string) => `${kind}:${name.replace(SAFE_ID, '_')}`.slice(0, 200);

export function complianceItems(input: ComplianceInput): ComplianceItem[] {
  const items: ComplianceItem[] = [];
  for (const s of input.statuses) {
    items.push({
      id: itemId('group', s.mission),
      title: s.exists ? `group ${s.groupId} exists` : `group ${s.groupId} no longer exists`,
      severity: 'CRITICAL',
      status: s.exists ? 'COMPLIANT' : 'NON_COMPLIANT',
      details: { mission: s.mission, groupId: s.groupId, groupArn: s.groupArn },
    });
    for (const e of s.endpoints) {
      items.push({
        id: itemId('endpoint', e.name),
        title: `endpoint ${e.name}: agent ${e.agentStatus ?? 'not registered'}, health ${e.healthStatus ?? '-'}`,
        severity: 'HIGH',
        status: e.ready ? 'COMPLIANT' : 'NON_COMPLIANT',
        details: {
          direction: e.direction,
          agentStatus: e.agentStatus ?? '',
          auditResults: e.auditResults ?? '',
          healthStatus: e.healthStatus ?? '',
          healthReasons: e.healthReasons.join(','),
        },
      });
    }
    for (const f of s.files) {
      items.push({
        id: itemId('file', f.path),
        title: `${f.path} is ${f.state} since the last apply`,
        severity: 'MEDIUM',
        status: f.state === 'unchanged' ? 'COMPLIANT' : 'NON_COMPLIANT',
        details: { path: f.path, drift: f.state },
      });
    }
  }
  for (const d of deferralsOf(input)) {
    items.push({
      id: 'deferral',
      title: d.unjudged
        ? `deferred: a contact that could not be judged (${d.unjudged}): ${d.steps.join(', ')}`
        : `deferred by contact ${d.contactId ?? 'unknown'} until ${d.until ?? 'unknown'}: ${d.steps.join(', ')}`,
      severity: 'LOW',
      status: 'NON_COMPLIANT',
      details: {
        contactId: d.contactId ?? '',
        until: d.until ?? '',
        steps: d.steps.join(','),
        pendingGroupArn: d.pendingGroupArn,
        ...(d.unjudged && { unjudged: d.unjudged }),
      },
    });
  }
  if (input.agent) {
    // The version record (the fleet reads it back from the ExecutionId); doctor's agent-version item judges it.
    const a = input.agent;
    items.push(
      'version' in a
        ? {
            id: 'agent-version',
            title: `aws-groundstation-agent ${a.version}`,
            severity: 'INFORMATIONAL',
            status: 'COMPLIANT',
            details: { version: a.version },
          }
        : {
            id: 'agent-version',
            title: 'aws-groundstation-agent version unknown',
            severity: 'LOW',
            status: 'NON_COMPLIANT',
            details: { unknown: a.unknown },
          },
    );
  }
  for (const c of input.checks ?? []) {
    items.push({
      id: itemId('doctor', c.id),
      title: `doctor ${c.id}: ${c.status}`,
      severity: c.status === 'fail' ? 'HIGH' : 'UNSPECIFIED',
      status: 'NON_COMPLIANT',
      details: { evidence: c.evidence, fix: c.fix },
    });
  }
  return items;
}

/** What ExecutionSummary.ExecutionType says: `Deferred` when a contact held the host. */
export function executionTypeOf(input: ComplianceInput, command: 'Apply' | 'Status'): ExecutionType {
  return deferralsOf(input).length > 0 ? 'Deferred' : command;
}

/** Sends the report; returns the warning to print when it could not be sent (never throws). */
export async function sendComplianceReport(
  ssm: SsmPort,
  instanceId: string,
  input: ComplianceInput,
  command: 'Apply' | 'Status',
  nowMs: number,
): Promise<string | undefined> {
  try {
    const executionId = input.agent ? agentExecutionId('version' in input.agent ? input.agent.version : undefined) : undefined;
    await ssm.putComplianceItems(instanceId, complianceItems(input), executionTypeOf(input, command), nowMs, executionId);
    return undefined;
  } catch (err) {
    return `compliance not reported to SSM (the run's result stands): ${(err as Error).message.split('\n')[0]}`;
  }
}

export interface CompliancePorts extends LocatePorts {
  ssm: (region: string) => SsmPort;
}

/**
 * The whole `--report-compliance` step: the instance id from IMDS, this host's statuses (read
 * here after apply; status hands its own), then one upload. Any failure is the returned warning.
 */
export async function reportCompliance(
  ports: CompliancePorts,
  o: { root: string; mission?: string; regionOverride?: string; command: 'Apply' | 'Status'; nowMs: number; statuses?: HostStatus[] },
  checks: FailingCheck[] = [],
  agent?: AgentReading,
): Promise<string | undefined> {
  try {
    const { instanceId, region: imdsRegion } = await ports.hostIdentity();
    let statuses = o.statuses;
    let region = imdsRegion;
    if (!statuses) {
      const located = await locateStates(o.root, o.mission, ports, o.regionOverride);
      region = located.region;
      statuses = await Promise.all(located.states.map((s) => readHostStatus(located.gs, o.root, s)));
    }
    return await sendComplianceReport(ports.ssm(region), instanceId, { statuses, checks, ...(agent && { agent }) }, o.command, o.nowMs);
  } catch (err) {
    return `compliance not reported to SSM (the run's result stands): ${(err as Error).message.split('\n')[0]}`;
  }
}
