/** status's report, from the use-case's outcome: one JSON object (--json) or text. */
import type { HostStatus } from '../apply/host-status.ts';
import type { StatusOutcome } from '../apply/read-status.ts';
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

/** Which bound ended the wait, and what to raise to wait longer. */
function gaveUpLine(o: StatusOutcome, wait: number): string {
  const cut = o.waitCutByDeadline;
  if (!cut) return `gave up waiting after ${wait} s (--wait ${wait})`;
  return `gave up waiting after ${cut.waitedSeconds} s of --wait ${wait}: the run's deadline (--deadline ${cut.deadlineSeconds} s) bounds every wait; raise --deadline to wait longer`;
}

export function formatStatusReport(o: StatusOutcome, wait: number): string {
  const lines = o.statuses.flatMap(formatStatus);
  if (o.gaveUp) lines.push(`${gaveUpLine(o, wait)}: not every endpoint is ACTIVE and HEALTHY`);
  lines.push(...formatContactsStatus(o.contacts));
  if (o.contacts.wiring.problems.length) lines.push('  mission profile wiring:', ...o.contacts.wiring.problems.map((p) => `    - ${p}`));
  if (o.statuses.length === 0) lines.push('no group of this mission exists for this instance; run apply');
  if (o.orphans)
    lines.push(
      o.orphans.length
        ? `orphaned groups (instance gone): ${o.orphans.map((g) => `${g.arn} (${g.mission}, ${g.instanceId})`).join(', ')}`
        : 'no orphaned groups',
    );
  return lines.join('\n');
}
