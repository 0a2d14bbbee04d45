/** fleet's report: a `kubectl get`-like table (one line a host, a summary line) or one JSON object; every outside value through display(). */
import type { FleetHost, FleetOutcome } from '../fleet/read-fleet.ts';
import { display } from '../display.ts';

export function fleetJson(o: FleetOutcome) {
  return { hosts: o.hosts, summary: o.summary, ok: o.ok, gaveUp: o.gaveUp, notes: o.notes };
}

const shortTime = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function health(h: FleetHost): string {
  if (h.endpoints.length === 0) return '-';
  const ready = h.endpoints.filter((e) => e.ready).length;
  return ready === h.endpoints.length ? `HEALTHY ${ready}/${h.endpoints.length}` : `UNHEALTHY ${ready}/${h.endpoints.length}`;
}

function compliance(h: FleetHost): string {
  if (!h.compliance) return 'no report';
  const what = h.compliance.deferred ? 'DEFERRED' : h.compliance.status;
  return `${what} ${shortTime(h.compliance.time)}`;
}

function contact(h: FleetHost): string {
  if (!h.nextContact) return '-';
  return h.nextContact.holdsNow ? `IN CONTACT until ${shortTime(h.nextContact.end)}` : shortTime(h.nextContact.start);
}

/** `1.0.4382.0 (support ends 2026-06-30)`, `1.0.2942.0 (support ended 2024-05-31)`, `unknown`. */
export function agentCell(a: FleetHost['agent']): string {
  if (a.version === null) return 'unknown';
  switch (a.status) {
    case 'unsupported':
      return `${a.version} (support ended ${a.endOfSupport ?? '?'})`;
    case 'deprecated':
      return `${a.version} (${a.endOfSupport ? `support ends ${a.endOfSupport}` : 'deprecated'})`;
    case 'supported':
      return a.endOfSupport ? `${a.version} (support ends ${a.endOfSupport})` : `${a.version} (supported)`;
    case 'unknown':
      return `${a.version} (not in the release table)`;
  }
}

const COLUMNS = ['INSTANCE', 'STATE', 'MISSION', 'GROUP', 'PLAN', 'HEALTH', 'COMPLIANCE', 'NEXT CONTACT', 'AGENT', 'MARK'];

function row(h: FleetHost): string[] {
  return [
    h.instanceId,
    h.instanceState,
    h.mission,
    h.groupId.slice(0, 8) + (h.otherGroups.length ? ` +${h.otherGroups.length}` : ''),
    (h.planHash ?? '-').slice(0, 8),
    health(h),
    compliance(h),
    contact(h),
    agentCell(h.agent),
    h.orphan ? 'ORPHAN' : h.converged && h.healthy ? 'ok' : 'problem',
  ].map(display);
}

export function formatFleetReport(o: FleetOutcome): string {
  const rows = [COLUMNS, ...o.hosts.map(row)];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
  if (o.hosts.length === 0) lines.push('(no host managed by gs-agent-config in this region)');
  const s = o.summary;
  lines.push(
    '',
    `${s.hosts} hosts: ${s.converged} converged, ${s.healthy} healthy, ${s.deferred} deferred, ${s.inContact} in a contact, ${s.orphans} orphaned, ${s.notReported} without a compliance report${o.gaveUp ? ' (--wait ran out)' : ''}`,
  );
  for (const h of o.hosts) for (const p of h.problems) lines.push(`  ${display(h.instanceId)}: ${display(p)}`);
  for (const n of o.notes) lines.push(`note: ${display(n)}`);
  return lines.join('\n');
}
