/** Human text for plan and apply. */
import type { Plan } from '../types.ts';
import type { FileChange } from '../apply/file-changes.ts';
import type { GroupAction } from '../apply/converge.ts';
import { formatCpuList } from '../facts/cpu-list.ts';
import { AGENT_CONFIG_PATH } from '../apply/host-paths.ts';

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

export function formatEndpoints(plan: Plan): string[] {
  return plan.endpoints.map((e) => {
    const arrow = e.direction === 'downlink' ? `→ delivers to ${e.address.host}:${e.address.port}` : `← receives from ${e.address.host}:${e.address.port}`;
    return `    ${e.name}  ${e.direction}  agent ${e.agent.ip}:${e.agent.ports.min}-${e.agent.ports.max}  ${arrow}`;
  });
}

export function formatFileChanges(files: FileChange[], withDiff: boolean): string[] {
  const lines: string[] = [];
  for (const f of files) {
    lines.push(`    ${f.changed ? (f.created ? '+ create ' : '~ update ') : '= same   '}${f.path}`);
    if (withDiff && f.changed) lines.push(...f.diff.trimEnd().split('\n').map((l) => `      ${l}`));
  }
  return lines;
}

export interface PlanTextOptions {
  /** Said after the group action (e.g. that AWS was not asked). */
  actionNote?: string;
  /** Tag keys a kept group gets added, changed or removed in place. */
  tagsChanged?: string[];
}

function formatTags(keys: string[]): string[] {
  return keys.length ? [`  tags: update in place (${keys.length}): ${keys.join(', ')}`] : [];
}

export function formatPlan(plan: Plan, action: GroupAction, files: FileChange[], opts: PlanTextOptions = {}): string {
  const lines = [
    `Plan for mission ${plan.mission} on ${plan.instanceId} (${plan.region}, account ${plan.accountId})`,
    `  group: ${ACTION_TEXT[action]}${opts.actionNote ?? ''}  [hash ${plan.groupHash}]`,
    ...formatTags(opts.tagsChanged ?? []),
    '  endpoints:',
    ...formatEndpoints(plan),
    `  agent: public IP ${plan.publicIp}, adapters ${plan.device.networkAdapters.join(', ')}, CPU cores ${formatCpuList(plan.device.agentCpuCores)}`,
    `  reserved ports: ${plan.tuning.reservedPorts}`,
    formatIngress(plan),
    formatReboot(files),
    '  why:',
    ...plan.notes.map((n) => `    ${n}`),
    '  files:',
    ...formatFileChanges(files, true),
  ];
  if (action === 'replace') lines.push('  note: a replaced group gets a new ARN; contacts scheduled against the old group may be affected.');
  if (plan.warnings.length) lines.push('  warnings:', ...plan.warnings.map((w) => `    ! ${w}`));
  return lines.join('\n');
}
