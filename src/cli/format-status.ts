/** status's report, from the use-case's outcome: one JSON object (--json) or text. */
import type { HostStatus } from '../apply/host-status.ts';
import type { StatusOutcome } from '../apply/read-status.ts';
import type { JudgedGroup } from '../apply/orphans.ts';
import { displayLines } from '../display.ts';
import { fileLine } from './file-state.ts';
import { formatContactsStatus } from './format-contacts.ts';

/** `wait`: the --wait asked (its result is reported only when there was one). */
export function statusJson(o: StatusOutcome, wait: number) {
  const { healthy, statuses, contacts, orphans, orphansUnknown, gaveUp, strangerState, appliedMission } = o;
  return {
    healthy,
    groups: statuses,
    contacts: contacts.next,
    wiring: contacts.wiring,
    ...(strangerState !== undefined && { strangerState }),
    ...(appliedMission !== undefined && { appliedMission }),
    ...(orphans && { orphans, orphansUnknown }),
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
  if (s.deferred) {
    lines.push(`  agent serves now: ${s.deferred.servingGroupArn ?? 'no group (its config names none)'}`);
    if (s.deferred.pendingGroupArn !== s.deferred.servingGroupArn) lines.push(`  pending (switch deferred): ${s.deferred.pendingGroupArn}`);
  }
  if (s.healthy) return [...lines, '  healthy: ready for contacts'];
  const notReady = s.endpoints.filter((e) => !e.ready).map((e) => e.name);
  const others = s.problems.filter((p) => !notReady.some((n) => p.startsWith(`endpoint ${n}:`)));
  const summary = [
    ...(notReady.length ? [`${notReady.length} endpoint${notReady.length === 1 ? '' : 's'} not ready (see above)`] : []),
    ...others,
  ];
  return [...lines, '  not healthy:', ...summary.map((p) => `    - ${p}`)];
}

/** Which bound ended the wait, and what to raise to wait longer. */
function gaveUpLine(o: StatusOutcome, wait: number): string {
  const cut = o.waitCutByDeadline;
  if (!cut) return `gave up waiting after ${wait} s (--wait ${wait})`;
  return `gave up waiting after ${cut.waitedSeconds} s of --wait ${wait}: the run's deadline (--deadline ${cut.deadlineSeconds} s) bounds every wait; raise --deadline to wait longer`;
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
  if (o.gaveUp) lines.push(`${gaveUpLine(o, wait)}: not every endpoint is ACTIVE and HEALTHY`);
  lines.push(...formatContactsStatus(o.contacts));
  if (o.contacts.wiring.problems.length) lines.push('  mission profile wiring:', ...o.contacts.wiring.problems.map((p) => `    - ${p}`));
  if (o.strangerState !== undefined) lines.push(o.strangerState);
  if (o.statuses.length === 0) lines.push('no group of this mission exists for this instance; run apply');
  if (o.appliedMission !== undefined) lines.push(`the mission applied on this host is ${o.appliedMission} (one host, one group)`);
  if (applyCommand && applyFixes(o)) lines.push(`to fix: ${applyCommand}`);
  if (o.orphans) lines.push(...formatOrphans(o.orphans, o.orphansUnknown ?? []));
  return displayLines(lines);
}

const judged = (g: JudgedGroup) => `${g.arn} (${g.mission}, ${g.instanceId}: ${g.evidence})`;

/** Orphans need EC2's word that the instance is gone; the groups it said nothing sure about are listed apart, as unknown. */
function formatOrphans(orphans: JudgedGroup[], unknown: JudgedGroup[]): string[] {
  const lines = [orphans.length ? `orphaned groups (instance gone): ${orphans.map(judged).join(', ')}` : 'no orphaned groups'];
  if (unknown.length)
    lines.push(
      `groups of other instances whose state is unknown (not orphans; destroy --orphans leaves them): ${unknown.map(judged).join(', ')}`,
    );
  return lines;
}
