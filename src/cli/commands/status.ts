/** status: health of the group this host manages and drift of its files; exit 0 healthy, 6 not. */
import { readHostStatus, type HostStatus } from '../../apply/host-status.ts';
import { findOrphans, type ToolGroup } from '../../apply/orphans.ts';
import { readLiveInstanceIds } from '../../facts/ec2-instances.ts';
import { EXIT } from '../../errors.ts';
import { fileLine } from '../file-state.ts';
import type { GlobalArgs, Io } from '../io.ts';
import { credentialsFor } from '../runtime.ts';
import { locateStates } from './locate-state.ts';

export interface StatusArgs extends GlobalArgs { mission?: string; wait?: number; all?: boolean; pollSeconds?: number }

/** Each endpoint once, on its own line; the summary lists the other problems and names the endpoints not ready. */
function formatStatus(s: HostStatus): string[] {
  const lines = [`mission ${s.mission}: group ${s.groupArn} ${s.exists ? '' : '(missing)'}`.trimEnd()];
  for (const e of s.endpoints) {
    lines.push(`  ${e.ready ? 'ok ' : 'NOT'} ${e.name} (${e.direction}): agent ${e.agentStatus ?? 'not registered'}, audit ${e.auditResults ?? '-'}, health ${e.healthStatus ?? '-'}${e.healthReasons.length ? ` [${e.healthReasons.join(', ')}]` : ''}`);
  }
  for (const f of s.files) lines.push(`  file ${fileLine(f.state, f.path)}`);
  if (s.healthy) return [...lines, '  healthy: ready for contacts'];
  const notReady = s.endpoints.filter((e) => !e.ready).map((e) => e.name);
  const others = s.problems.filter((p) => !notReady.some((n) => p.startsWith(`endpoint ${n}:`)));
  const summary = [...(notReady.length ? [`${notReady.length} endpoint${notReady.length === 1 ? '' : 's'} not ready (see above)`] : []), ...others];
  return [...lines, '  not healthy:', ...summary.map((p) => `    - ${p}`)];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runStatus(args: StatusArgs, io: Io): Promise<number> {
  const { states, gs, region } = await locateStates(args, io);
  const deadline = Date.now() + (args.wait ?? 0) * 1000;
  let statuses: HostStatus[];
  for (;;) {
    statuses = await Promise.all(states.map((s) => readHostStatus(gs, args.root, s)));
    if (statuses.every((s) => s.healthy) || Date.now() >= deadline) break;
    await sleep(Math.min((args.pollSeconds ?? 2) * 1000, Math.max(0, deadline - Date.now())));
  }
  let orphans: ToolGroup[] = [];
  if (args.all) {
    const ec2 = { region, endpoint: io.env.AWS_ENDPOINT_URL_EC2, credentials: credentialsFor(io) };
    orphans = await findOrphans(gs, (ids) => readLiveInstanceIds(ec2, ids));
  }
  const healthy = statuses.length > 0 && statuses.every((s) => s.healthy);
  if (args.json) io.out(JSON.stringify({ healthy, groups: statuses, ...(args.all && { orphans }) }));
  else if (!args.quiet) {
    const lines = statuses.flatMap(formatStatus);
    if (statuses.length === 0) lines.push('no group of this mission exists for this instance; run apply');
    if (args.all) lines.push(orphans.length ? `orphaned groups (instance gone): ${orphans.map((o) => `${o.arn} (${o.mission}, ${o.instanceId})`).join(', ')}` : 'no orphaned groups');
    io.out(lines.join('\n'));
  }
  return healthy ? EXIT.ok : EXIT.problems;
}
