/** apply's report, from the use-case's outcome: one JSON object (--json) or text. */
import type { ApplyOutcome } from '../apply/apply-types.ts';
import type { TuningReport } from '../apply/apply-tuning.ts';
import { buildOutputs, type Outputs } from '../apply/outputs-file.ts';
import { deferredError } from '../contacts/hold-check.ts';
import { displayLines } from '../display.ts';
import { AGENT_CONFIG_PATH } from '../host-paths.ts';
import { commandLine } from '../shell-quote.ts';
import type { Plan } from '../types.ts';
import { changeState, type FileState } from './file-state.ts';
import { formatEndpoints, formatFileChanges } from './format-plan.ts';

/** The JSON `action` of plan and apply for a group the mission names (bring your own). */
export const USE_EXISTING = 'use-existing';

type ReportEndpoint = {
  name: string;
  direction: string;
  agentIp: string;
  agentPortRange: { minimum: number; maximum: number };
  address: string;
};
type ReportFile = { path: string; written: string; state: FileState; changed: boolean };

/** apply --json for the tool's own group. */
export interface ApplyReport {
  action: ApplyOutcome['action'];
  dataflowEndpointGroupId: string;
  dataflowEndpointGroupArn: string;
  region: string;
  endpoints: ReportEndpoint[];
  files: ReportFile[];
  retiredGroups: string[];
  tagsChanged: string[];
  agentRestarted: boolean;
  rebootForTuning: boolean;
  /** What `--apply-tuning` ran (null when not asked). */
  tuning: TuningReport | null;
  /** What apply wrote to outputs.json: ready for a mission profile's DataflowEndpointConfig. */
  outputs: Outputs;
  warnings: string[];
  /** Only when apply found what it will not fix by itself (exit 6): INVALID_IP_OWNERSHIP again. */
  problems?: string[];
  /**
   * Set when a contact held the host: what was left for the next run (exit 8). `contactId`,
   * `status` and `until` are null when it could not be judged (`unjudged` says why).
   */
  deferred: {
    contactId: string | null;
    satelliteArn: string | null;
    status: string | null;
    until: string | null;
    unjudged: string | null;
    steps: string[];
    message: string;
  } | null;
}

/** apply --json for a group the mission names: nothing of it is the tool's, so no outputs. */
export interface ExistingGroupReport extends Omit<ApplyReport, 'action' | 'outputs'> {
  action: typeof USE_EXISTING;
  owned: false;
}

export function endpointsOf(plan: Plan): ReportEndpoint[] {
  return plan.endpoints.map((e) => ({
    name: e.name,
    direction: e.direction,
    agentIp: e.agent.ip,
    agentPortRange: { minimum: e.agent.ports.min, maximum: e.agent.ports.max },
    address: `${e.address.host}:${e.address.port}`,
  }));
}

/** The tuning files changed and were not made live now: they take effect at the next reboot. */
function rebootForTuning(o: ApplyOutcome): boolean {
  const tuningChanged = o.files.some((f) => f.changed && f.path !== AGENT_CONFIG_PATH);
  const appliedLive = o.tuning !== null && !o.tuning.skipped && !o.tuning.failed;
  return tuningChanged && !appliedLive;
}

function deferredOf(o: ApplyOutcome): ApplyReport['deferred'] {
  if (!o.deferred) return null;
  const { hold, steps } = o.deferred;
  return {
    contactId: hold.contact?.id ?? null,
    satelliteArn: hold.contact?.satelliteArn ?? null,
    status: hold.unjudged === undefined ? (hold.contact?.status ?? null) : null,
    until: hold.untilMs !== undefined ? new Date(hold.untilMs).toISOString() : null,
    unjudged: hold.unjudged ?? null,
    steps,
    message: deferredError(hold, steps, 'apply').message,
  };
}

/** The report of an apply that ran (deferred or not). */
export function applyReport(o: ApplyOutcome): ApplyReport | ExistingGroupReport {
  const group = o.group!;
  const files = o.files.map((f) => ({ path: f.path, written: f.written, state: changeState(f), changed: f.changed }));
  const warnings = [...o.plan.warnings, ...o.warnings];
  if (o.source === 'existing') {
    return {
      action: USE_EXISTING,
      owned: false,
      dataflowEndpointGroupId: group.id,
      dataflowEndpointGroupArn: group.arn,
      region: o.plan.region,
      endpoints: endpointsOf(o.plan),
      files,
      retiredGroups: o.retired,
      tagsChanged: [],
      agentRestarted: o.agentRestarted,
      rebootForTuning: rebootForTuning(o),
      tuning: o.tuning,
      warnings,
      deferred: deferredOf(o),
    };
  }
  return {
    action: o.action,
    dataflowEndpointGroupId: group.id,
    dataflowEndpointGroupArn: group.arn,
    region: o.plan.region,
    endpoints: endpointsOf(o.plan),
    files,
    retiredGroups: o.retired,
    tagsChanged: o.tagsChanged,
    agentRestarted: o.agentRestarted,
    rebootForTuning: rebootForTuning(o),
    tuning: o.tuning,
    outputs: buildOutputs(o.plan, group),
    warnings,
    ...(o.problems.length > 0 && { problems: o.problems }),
    deferred: deferredOf(o),
  };
}

function formatTuning(t: TuningReport | null): string[] {
  if (!t) return [];
  if (t.skipped) return [`  --apply-tuning skipped: ${t.skipped}`];
  const lines = t.ran.map((c) => `  ran: ${commandLine(c)}`);
  if (t.failed) lines.push(`  FAILED: ${commandLine(t.failed.command)}: ${t.failed.error}`);
  return lines;
}

const VERB = { create: 'created', keep: 'kept', replace: 'replaced with' } as const;

/** The first line: what happened to the group. */
function headline(o: ApplyOutcome): string {
  if (o.source === 'existing')
    return `using existing group ${o.group!.arn} (owned elsewhere; nothing created)${o.deferred ? ' (switch deferred)' : ''}`;
  return `${o.deferred ? `${VERB[o.action]} (switch deferred)` : VERB[o.action]} group ${o.group!.arn}`;
}

export function formatApplyReport(o: ApplyOutcome): string {
  const owned = o.source === 'owned';
  const rep = applyReport(o);
  const lines = [headline(o), '  endpoints:', ...formatEndpoints(o.plan), '  files:', ...formatFileChanges(o.files, false)];
  if (rep.retiredGroups.length) {
    lines.push(
      owned
        ? `  deleted old group(s): ${rep.retiredGroups.join(', ')}`
        : `  deleted the group(s) this host had created for the mission: ${rep.retiredGroups.join(', ')}`,
    );
  }
  if (rep.tagsChanged.length) lines.push(`  tags updated in place: ${rep.tagsChanged.join(', ')}`);
  if (rep.agentRestarted) lines.push('  agent config changed: aws-groundstation-agent restart requested');
  // As before, the text report of a group the mission names does not list the tuning commands (its JSON does).
  if (owned) lines.push(...formatTuning(rep.tuning));
  if (rep.rebootForTuning)
    lines.push('  reboot needed: tuning files changed; they take effect at the next reboot (or run apply --apply-tuning)');
  if (rep.warnings.length) lines.push('  warnings:', ...rep.warnings.map((w) => `    ! ${w}`));
  if (o.problems.length) lines.push('  problems:', ...o.problems.map((p) => `    ! ${p}`));
  return displayLines(lines);
}
