/** Human text for plan and apply. */
import type { Plan } from '../types.ts';
import type { FileChange } from '../apply/file-changes.ts';
import type { GroupAction } from '../apply/converge.ts';
import { pendingArn } from '../apply/owned-group.ts';
import type { TagChange } from '../apply/reconcile-tags.ts';
import { formatCpuList } from '../cpu-list.ts';
import { displayLines } from '../display.ts';
import { AGENT_CONFIG_PATH } from '../host-paths.ts';
import { changeState, fileLine } from './file-state.ts';

function formatIngress(plan: Plan): string {
  const { ingress } = plan;
  const ranges = plan.endpoints.map((e) => `${e.agent.ports.min}-${e.agent.ports.max}`).join(', ');
  const on = ingress.groupIds.length ? ingress.groupIds.join(', ') : `the ENI holding ${plan.publicIp}`;
  const status = { allowed: 'allowed', missing: 'MISSING, see warnings', unchecked: 'not checked' }[ingress.status];
  return `  security group: inbound UDP ${ranges} from prefix list ${ingress.prefixList} on ${on}: ${status}`;
}

function formatReboot(files: FileChange[]): string {
  const tuning = files.filter((f) => f.changed && f.path !== AGENT_CONFIG_PATH).map((f) => f.path);
  return tuning.length
    ? `  reboot: needed after apply, the tuning files change (${tuning.join(', ')}); or apply --apply-tuning to load them now`
    : '  reboot: not needed (the tuning files are unchanged)';
}

const ACTION_TEXT: Record<GroupAction, string> = {
  create: 'create a new group',
  keep: 'keep the existing group (it matches the plan)',
  replace: 'replace the group: create a new one, switch the files, delete the old one',
};

/** Pads each column to its widest cell, so the endpoints read as a table. */
function alignColumns(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i].length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  '));
}

export function formatEndpoints(plan: Plan): string[] {
  const rows = plan.endpoints.map((e) => [
    e.name,
    e.direction,
    `agent ${e.agent.ip}:${e.agent.ports.min}-${e.agent.ports.max}`,
    e.direction === 'downlink'
      ? `→ delivers to ${e.address.host}:${e.address.port}`
      : `← receives from ${e.address.host}:${e.address.port}`,
  ]);
  return alignColumns(rows).map((l) => `    ${l}`);
}

/** What a plan shows instead of the placeholder ARN of a group not created yet (as Terraform does). */
export const KNOWN_AFTER_APPLY = '(known after apply)';

/** `pendingArn`: the placeholder in the rendered files' diffs, shown as KNOWN_AFTER_APPLY. */
export function formatFileChanges(files: FileChange[], withDiff: boolean, pendingArn?: string): string[] {
  const lines: string[] = [];
  for (const f of files) {
    // With the diff, this is a plan (what apply would do); without, apply's report (what it did).
    lines.push(`    ${fileLine(changeState(f), f.path, withDiff)}`);
    if (!withDiff || !f.changed) continue;
    const diff = pendingArn ? f.diff.replaceAll(pendingArn, KNOWN_AFTER_APPLY) : f.diff;
    lines.push(
      ...diff
        .trimEnd()
        .split('\n')
        .map((l) => `      ${l}`),
    );
  }
  return lines;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The last line of a plan, like Terraform's "Plan: 1 to add, …": `group replace; 2 files to change; 1 tag to update`. */
export function planSummary(action: string, files: FileChange[], tagsChanged: string[]): string {
  return `group ${action}; ${plural(files.filter((f) => f.changed).length, 'file')} to change; ${plural(tagsChanged.length, 'tag')} to update`;
}

/** Said of every replace, in text and JSON. */
export const NEW_ARN_NOTE = 'a replaced group gets a new ARN; contacts scheduled against the old group may be affected.';

export interface PlanTextOptions {
  /** Said after the group action (e.g. that AWS was not asked). */
  actionNote?: string;
  /** Tag keys a kept group gets added, changed or removed in place. */
  tagsChanged?: string[];
  /** The changed tags' values before and after: shown one a line, `~ key: "old" → "new"`. */
  tagChanges?: readonly TagChange[];
  /** For a replace: the fields of the current group that differ from the plan (they force it). */
  replaceReasons?: string[];
  /** The action the summary line names (default: the group action). */
  summaryAction?: string;
}

function formatReplaceReasons(action: GroupAction, reasons: string[]): string[] {
  if (action !== 'replace' || reasons.length === 0) return [];
  return ['  replace forced by:', ...reasons.map((r) => `    ${r}`)];
}

const quoted = (v: string | null) => (v === null ? '(none)' : JSON.stringify(v));

/** One line a changed tag, as Terraform shows them: `+` added, `~` changed, `-` removed. */
function formatTagChange(c: TagChange): string {
  const mark = c.from === null ? '+' : c.to === null ? '-' : '~';
  return `    ${mark} ${c.key}: ${quoted(c.from)} → ${quoted(c.to)}`;
}

function formatTags(keys: string[], changes: readonly TagChange[]): string[] {
  if (!keys.length) return [];
  return [`  tags: update in place (${keys.length}): ${keys.join(', ')}`, ...changes.map(formatTagChange)];
}

/** `warnings`: the plan's and the run's, as plan shows them. */
export function formatPlan(
  plan: Plan,
  action: GroupAction,
  files: FileChange[],
  warnings: readonly string[],
  opts: PlanTextOptions = {},
): string {
  const tags = opts.tagsChanged ?? [];
  const lines = [
    `Plan for mission ${plan.mission} on ${plan.instanceId} (${plan.region}, account ${plan.accountId})`,
    `  group: ${ACTION_TEXT[action]}${opts.actionNote ?? ''}  [hash ${plan.groupHash}]`,
    ...formatReplaceReasons(action, opts.replaceReasons ?? []),
    ...formatTags(tags, opts.tagChanges ?? []),
    '  endpoints:',
    ...formatEndpoints(plan),
    `  agent: public IP ${plan.publicIp}, adapters ${plan.device.networkAdapters.join(', ')}, CPU cores ${formatCpuList(plan.device.agentCpuCores)}`,
    `  reserved ports: ${plan.tuning.reservedPorts}`,
    formatIngress(plan),
    formatReboot(files),
    '  why:',
    ...plan.notes.map((n) => `    ${n}`),
    '  files:',
    ...formatFileChanges(files, true, action === 'keep' ? undefined : pendingArn(plan)),
  ];
  if (action === 'replace') lines.push(`  note: ${NEW_ARN_NOTE}`);
  if (warnings.length) lines.push('  warnings:', ...warnings.map((w) => `    ! ${w}`));
  lines.push(`Plan: ${planSummary(opts.summaryAction ?? action, files, tags)}`);
  return displayLines(lines);
}
