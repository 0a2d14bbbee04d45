/** status's report, from the use-case's outcome: one JSON object (--json) or text. */
import type { HostStatus } from '../apply/host-status.ts';
import type { StatusOutcome } from '../apply/read-status.ts';
import { displayLines } from '../display.ts';
import { fileLine } from './file-state.ts';
import { formatContactsStatus } from './format-contacts.ts';

/** `wait`: the --wait asked (its result is reported only when there was one). */
export function statusJson(o: StatusOutcome, wait: number) {
  const { healthy, statuses, contacts, orphans, gaveUp } = o;
  return {
    healthy,
    groups: statuses,
    contacts: contacts.next,
    wiring: contacts.wiring,
    ...(orphans && { orphans }),
    ...(wait > 0 && { waitedSeconds: wait, gaveUp }),
  };
}

/** Each endpoint once, on its own line; the summary lists the other problems and names the endpoints not ready. */
function formatStatus(s: HostStatus): string[] {
  const lines = [`mission ${s.mission}: group ${s.groupArn} ${s.exists ? '' : '(missing)'}`.trimEnd()];
  for (const e of s.endpoints) {
    lines.push(
      `  ${e.ready ? 'ok ' : 'NOT'} ${e.name} (${e.direction}): agent ${e.agentStatus ?? 'not registered'}, audit ${e.auditResults ?? '-'}, health ${e.healthStatus ?? '-'}${e.healthReasons.length ? ` [${e.healthReasons.join(', ')}]` : ''}`,
    );
  }
  for (const f of s.files) lines.push(`  file ${fileLine(f.state, f.path)}`);
  if (s.healthy) return [...lines, '  healthy: ready for contacts'];
  const notReady = s.endpoints.filter((e) => !e.ready).map((e) => e.name);
  const others = s.problems.filter((p) => !notReady.some((n) => p.startsWith(`endpoint ${n}:`)));
  const summary = [
    ...(notReady.length ? [`${notReady.length} endpoint${notReady.length === 1 ? '' : 's'} not ready (see above)`] : []),
    ...others,
  ];
  return [...lines, '  not healthy:', ...summary.map((p) => `    - ${p}`)];
}

/** What status found that apply puts right: no group, a group gone, files changed or missing, a switch left for later. */
function applyFixes(o: StatusOutcome): boolean {
  return (
    o.statuses.length === 0 ||
    o.statuses.some((s) => !s.exists || s.files.some((f) => f.state !== 'unchanged') || s.problems.some((p) => /\brun apply\b/.test(p)))
  );
}

/** `applyCommand`: the apply to paste when that fixes what was found (src/cli/tool-command.ts). */
export function formatStatusReport(o: StatusOutcome, wait: number, applyCommand?: string): string {
  const lines = o.statuses.flatMap(formatStatus);
  if (o.gaveUp) lines.push(`gave up waiting after ${wait} s (--wait ${wait}): not every endpoint is ACTIVE and HEALTHY`);
  lines.push(...formatContactsStatus(o.contacts));
  if (o.contacts.wiring.problems.length) lines.push('  mission profile wiring:', ...o.contacts.wiring.problems.map((p) => `    - ${p}`));
  if (o.statuses.length === 0) lines.push('no group of this mission exists for this instance; run apply');
  if (applyCommand && applyFixes(o)) lines.push(`to fix: ${applyCommand}`);
  if (o.orphans)
    lines.push(
      o.orphans.length
        ? `orphaned groups (instance gone): ${o.orphans.map((g) => `${g.arn} (${g.mission}, ${g.instanceId})`).join(', ')}`
        : 'no orphaned groups',
    );
  return displayLines(lines);
}
