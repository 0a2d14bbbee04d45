/**
 * plan and apply for a mission that names an existing group (bring your own): the CLI side of
 * src/apply/bring-your-own.ts. The group is read even with --facts: it is an input, like the mission.
 */
import type { Runtime } from '../runtime.ts';
import { restartAgent } from '../../apply/agent-restart.ts';
import { applyTuning, type CommandRunner, type TuningReport } from '../../apply/apply-tuning.ts';
import { useExistingGroup, type UseGroupResult } from '../../apply/bring-your-own.ts';
import { AGENT_CONFIG_PATH, LOCK_PATH, underRoot } from '../../host-paths.ts';
import { acquireLock } from '../../apply/lock.ts';
import { formatEndpoints, formatFileChanges, formatPlan } from '../format-plan.ts';
import { changeState } from '../file-state.ts';
import { groundStationFor, regionOf, type FactsArgs } from '../ports.ts';
import type { Prepared } from './prepare.ts';
import { pendingSteps } from '../../apply/deferral.ts';
import { EXIT } from '../../errors.ts';
import { formatError } from '../print-error.ts';
import { deferredError, hostAddresses } from '../../contacts/hold-check.ts';
import { holdCheckFor, type GuardArgs } from '../contact-guard.ts';
import { getGroupIfExists } from '../../apply/find-groups.ts';

/**
 * Never break a pass with a bring-your-own group either: when the run would switch the agent
 * config, restart the agent, delete this host's former groups or tune live, and a contact
 * holds the host, nothing is done (exit 8); the next run does it all.
 */
async function heldBeforeUse(p: Prepared, args: UseGroupArgs, rt: Runtime): Promise<number | undefined> {
  const { io } = rt;
  const preview = await run(p, args, rt, true);
  const steps = pendingSteps(preview.files, preview.retired, undefined, args.applyTuning ? ['tuning'] : []);
  if (steps.length === 0) return undefined;
  const gs = groundStationFor(regionFor(p, rt), rt);
  const planned = p.plan.endpoints.map((e) => ({ ip: e.agent.ip, ports: e.agent.ports }));
  const check = holdCheckFor(args, rt, {
    region: regionFor(p, rt), addresses: () => hostAddresses((id) => getGroupIfExists(gs, id), planned, [preview.group.id, ...preview.retired]),
    prePassSeconds: p.mission.contact.prePassSeconds, warnings: p.plan.warnings,
  });
  const hold = await check(steps);
  if (!hold) return undefined;
  io.err(formatError(deferredError(hold, steps, `gs-agent-config apply ${args.mission}`), false).text);
  return EXIT.deferred;
}

export interface UseGroupArgs extends FactsArgs, GuardArgs { mission: string; restartAgent?: boolean; lockWait?: number; applyTuning?: boolean }

/** The JSON `action` of plan/apply for a bring-your-own group. */
export const USE_EXISTING = 'use-existing';

/** The region of the group's ARN when the mission gives one, else this host's. */
function regionFor(p: Prepared, rt: Runtime): string {
  const { io } = rt;
  const ref = p.mission.group ?? '';
  return ref.startsWith('arn:') ? ref.split(':')[3] : regionOf(p.facts, io);
}

async function run(p: Prepared, args: UseGroupArgs, rt: Runtime, dryRun: boolean): Promise<UseGroupResult> {
  const gs = groundStationFor(regionFor(p, rt), rt);
  return useExistingGroup({ mission: p.mission, facts: p.facts, plan: p.plan, gs, root: args.root, dryRun });
}

function groupLines(r: UseGroupResult, dryRun: boolean): string[] {
  const lines = [`  group: use existing group ${r.group.arn} (not owned by gs-agent-config: never created, tagged or deleted by it)`];
  const verb = dryRun ? 'would delete' : 'deleted';
  if (r.retired.length) lines.push(`  ${verb} the group(s) this host had created for the mission: ${r.retired.join(', ')}`);
  return lines;
}

export async function runPlanWithGroup(p: Prepared, args: UseGroupArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  const r = await run(p, args, rt, true);
  if (args.json) {
    io.out(JSON.stringify({
      action: USE_EXISTING, checkedAws: true, dataflowEndpointGroupArn: r.group.arn, owned: false, retiredGroups: r.retired,
      groupHash: r.plan.groupHash, request: r.plan.request, device: r.plan.device, tuning: r.plan.tuning,
      rebootNeeded: r.files.some((f) => f.changed && f.path !== AGENT_CONFIG_PATH), ingress: r.plan.ingress, endpoints: r.plan.endpoints,
      files: r.files.map((f) => ({ path: f.path, written: f.written, state: changeState(f), changed: f.changed, created: f.created, diff: f.diff })),
      notes: r.plan.notes, warnings: r.plan.warnings,
    }));
  } else if (!args.quiet) {
    // formatPlan's group line speaks of create/keep/replace; this group is not the tool's.
    const [title, , ...rest] = formatPlan(r.plan, 'keep', r.files, { summaryAction: 'use existing (not owned)' }).split('\n');
    io.out([title, ...groupLines(r, true), ...rest].join('\n'));
  }
  return 0;
}

async function restartIfNeeded(r: UseGroupResult, args: UseGroupArgs): Promise<boolean> {
  const configChanged = r.files.some((f) => f.path === AGENT_CONFIG_PATH && f.changed);
  if (!configChanged || args.restartAgent === false || args.root !== '/') return false;
  try {
    await restartAgent();
    return true;
  } catch (err) {
    r.plan.warnings.push(`could not restart aws-groundstation-agent (${(err as Error).message.split('\n')[0]}); restart it by hand`);
    return false;
  }
}

function report(r: UseGroupResult, restarted: boolean, tuning: TuningReport | null) {
  const tuningChanged = r.files.some((f) => f.changed && f.path !== AGENT_CONFIG_PATH);
  return {
    action: USE_EXISTING, owned: false, dataflowEndpointGroupId: r.group.id, dataflowEndpointGroupArn: r.group.arn, region: r.plan.region,
    endpoints: r.plan.endpoints.map((e) => ({
      name: e.name, direction: e.direction, agentIp: e.agent.ip,
      agentPortRange: { minimum: e.agent.ports.min, maximum: e.agent.ports.max }, address: `${e.address.host}:${e.address.port}`,
    })),
    files: r.files.map((f) => ({ path: f.path, written: f.written, state: changeState(f), changed: f.changed })),
    retiredGroups: r.retired, tagsChanged: [], agentRestarted: restarted,
    rebootForTuning: tuningChanged && !(tuning !== null && !tuning.skipped && !tuning.failed), tuning, warnings: r.plan.warnings,
  };
}

export async function runApplyWithGroup(p: Prepared, args: UseGroupArgs, rt: Runtime, runner?: CommandRunner): Promise<number> {
  const { io } = rt;
  const release = await acquireLock(underRoot(args.root, LOCK_PATH), (args.lockWait ?? 120) * 1000, { progress: rt.run.progress });
  let r: UseGroupResult;
  let rep: ReturnType<typeof report>;
  try {
    const held = await heldBeforeUse(p, args, rt);
    if (held !== undefined) return held;
    r = await run(p, args, rt, false);
    const tuning = args.applyTuning ? await applyTuning(args.root, r.files, runner) : null;
    if (tuning?.failed) r.plan.warnings.push(`--apply-tuning: ${tuning.failed.command.join(' ')} failed (${tuning.failed.error}); the files are written and take effect at the next reboot`);
    rep = report(r, await restartIfNeeded(r, args), tuning);
  } finally {
    await release();
  }
  if (args.json) io.out(JSON.stringify(rep));
  else if (!args.quiet) {
    const lines = [`using existing group ${rep.dataflowEndpointGroupArn} (owned elsewhere; nothing created)`, '  endpoints:', ...formatEndpoints(r.plan), '  files:', ...formatFileChanges(r.files, false)];
    if (rep.retiredGroups.length) lines.push(`  deleted the group(s) this host had created for the mission: ${rep.retiredGroups.join(', ')}`);
    if (rep.agentRestarted) lines.push('  agent config changed: aws-groundstation-agent restart requested');
    if (rep.rebootForTuning) lines.push('  reboot needed: tuning files changed; they take effect at the next reboot (or run apply --apply-tuning)');
    if (rep.warnings.length) lines.push('  warnings:', ...rep.warnings.map((w) => `    ! ${w}`));
    io.out(lines.join('\n'));
  }
  return 0;
}
