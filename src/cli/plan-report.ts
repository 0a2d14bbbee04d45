/** plan's report (and apply --dry-run's), from the apply use-case's preview: one JSON object (--json) or text. */
import type { ApplyOutcome } from '../apply/apply-types.ts';
import { display } from '../display.ts';
import { AGENT_CONFIG_PATH } from '../host-paths.ts';
import { changeState } from './file-state.ts';
import { USE_EXISTING } from './format-apply.ts';
import { NEW_ARN_NOTE, formatPlan, planSummary } from './format-plan.ts';

/**
 * The warnings plan shows: the plan's, the readiness checks that fail (the tool's own group:
 * a group the mission names is rendered as it is), then what the preview found.
 */
function warningsOf(o: ApplyOutcome): string[] {
  return [...o.plan.warnings, ...(o.source === 'owned' ? o.plan.readiness : []), ...o.warnings];
}

export function planJson(o: ApplyOutcome) {
  const { plan } = o;
  const files = o.files.map((f) => ({
    path: f.path,
    written: f.written,
    state: changeState(f),
    changed: f.changed,
    created: f.created,
    diff: f.diff,
  }));
  const rebootNeeded = o.files.some((f) => f.changed && f.path !== AGENT_CONFIG_PATH);
  if (o.source === 'existing') {
    return {
      action: USE_EXISTING,
      checkedAws: true,
      dataflowEndpointGroupArn: o.group!.arn,
      owned: false,
      retiredGroups: o.retired,
      groupHash: plan.groupHash,
      request: plan.request,
      device: plan.device,
      tuning: plan.tuning,
      rebootNeeded,
      ingress: plan.ingress,
      endpoints: plan.endpoints,
      files,
      notes: plan.notes,
      warnings: warningsOf(o),
    };
  }
  return {
    action: o.action,
    checkedAws: o.checkedAws,
    dataflowEndpointGroupArn: o.group?.arn ?? null,
    groupHash: plan.groupHash,
    /** Tag keys apply adds, changes or removes in place on the kept group. */
    tagsChanged: o.tagsChanged,
    /** The same keys with their values before and after (null: absent). */
    tagChanges: o.tagChanges ?? [],
    /** For a replace: what in the current group differs from the plan (forces the new group). */
    replaceReasons: o.replaceReasons,
    groupNote: o.action === 'replace' ? NEW_ARN_NOTE : null,
    summary: planSummary(o.action, o.files, o.tagsChanged),
    request: plan.request,
    device: plan.device,
    tuning: plan.tuning,
    rebootNeeded,
    ingress: plan.ingress,
    endpoints: plan.endpoints,
    files,
    notes: plan.notes,
    warnings: warningsOf(o),
  };
}

export function formatPlanReport(o: ApplyOutcome): string {
  if (o.source === 'owned') {
    return formatPlan(o.plan, o.action, o.files, warningsOf(o), {
      actionNote: o.checkedAws ? '' : ' (from the local state file; AWS not asked with --facts)',
      tagsChanged: o.tagsChanged,
      tagChanges: o.tagChanges,
      replaceReasons: o.replaceReasons,
    });
  }
  // formatPlan's group line speaks of create/keep/replace; this group is not the tool's. Its
  // lines are escaped already (no line break of a value is left in them), so they split safely.
  const [title, , ...rest] = formatPlan(o.plan, 'keep', o.files, warningsOf(o), { summaryAction: 'use existing (not owned)' }).split('\n');
  const group = [`  group: use existing group ${o.group!.arn} (not owned by gs-agent-config: never created, tagged or deleted by it)`];
  if (o.retired.length) group.push(`  would delete the group(s) this host had created for the mission: ${o.retired.join(', ')}`);
  return [title, ...group.map(display), ...rest].join('\n');
}
