/** apply: lock, converge, restart the agent if its config changed, report. */
import type { Runtime } from '../runtime.ts';
import type { Plan } from '../../types.ts';
import { UsageError } from '../../errors.ts';
import { converge, warningsInto, type ConvergeResult } from '../../apply/converge.ts';
import { restartAgent } from '../../apply/agent-restart.ts';
import { AGENT_CONFIG_PATH, LOCK_PATH, underRoot } from '../../host-paths.ts';
import { acquireLock } from '../../apply/lock.ts';
import { buildOutputs, type Outputs } from '../../apply/outputs-file.ts';
import { applyTuning, type CommandRunner, type TuningReport } from '../../apply/apply-tuning.ts';
import { formatEndpoints, formatFileChanges } from '../format-plan.ts';
import { changeState, type FileState } from '../file-state.ts';
import { groundStationFor, regionOf, type FactsArgs } from '../ports.ts';
import { runPlan } from './plan.ts';
import { prepare, type Prepared } from './prepare.ts';
import { runApplyWithGroup } from './use-group.ts';
import { readState } from '../../apply/state-file.ts';
import { EXIT } from '../../errors.ts';
import { formatError } from '../print-error.ts';
import { reportsInvalidIp } from '../../apply/ip-ownership.ts';
import { deferredError, hostAddresses } from '../../contacts/hold-check.ts';
import { holdCheckFor, type GuardArgs } from '../contact-guard.ts';
import { getGroupIfExists } from '../../apply/find-groups.ts';

export interface ApplyArgs extends FactsArgs, GuardArgs {
  mission: string;
  dryRun?: boolean;
  restartAgent?: boolean;
  lockWait?: number;
  applyTuning?: boolean;
}

export interface ApplyReport {
  action: ConvergeResult['action'];
  dataflowEndpointGroupId: string;
  dataflowEndpointGroupArn: string;
  region: string;
  endpoints: Array<{ name: string; direction: string; agentIp: string; agentPortRange: { minimum: number; maximum: number }; address: string }>;
  files: Array<{ path: string; written: string; state: FileState; changed: boolean }>;
  retiredGroups: string[];
  tagsChanged: string[];
  agentRestarted: boolean;
  rebootForTuning: boolean;
  /** What `--apply-tuning` ran (null when not asked). */
  tuning: TuningReport | null;
  /** What apply wrote to outputs.json: ready for a mission profile's DataflowEndpointConfig. */
  outputs: Outputs;
  warnings: string[];
  /** Set when a contact held the host: what was left for the next run (exit 8). */
  deferred: { contactId: string; satelliteArn: string | null; status: string; until: string; steps: string[]; message: string } | null;
}

function buildReport(plan: Plan, r: ConvergeResult, agentRestarted: boolean, tuning: TuningReport | null): ApplyReport {
  const group = r.group!;
  const tuningChanged = r.files.some((f) => f.changed && f.path !== AGENT_CONFIG_PATH);
  const appliedLive = tuning !== null && !tuning.skipped && !tuning.failed;
  return {
    action: r.action,
    dataflowEndpointGroupId: group.id,
    dataflowEndpointGroupArn: group.arn,
    region: plan.region,
    endpoints: plan.endpoints.map((e) => ({
      name: e.name, direction: e.direction, agentIp: e.agent.ip,
      agentPortRange: { minimum: e.agent.ports.min, maximum: e.agent.ports.max }, address: `${e.address.host}:${e.address.port}`,
    })),
    files: r.files.map((f) => ({ path: f.path, written: f.written, state: changeState(f), changed: f.changed })),
    retiredGroups: r.retired,
    tagsChanged: r.tagsChanged,
    agentRestarted,
    rebootForTuning: tuningChanged && !appliedLive,
    tuning,
    outputs: buildOutputs(plan, group),
    warnings: plan.warnings,
    deferred: r.deferred ? {
      contactId: r.deferred.hold.contact.id, satelliteArn: r.deferred.hold.contact.satelliteArn ?? null, status: r.deferred.hold.contact.status,
      until: new Date(r.deferred.hold.untilMs).toISOString(), steps: r.deferred.steps, message: deferredError(r.deferred.hold, r.deferred.steps, 'apply').message,
    } : null,
  };
}

function formatReport(plan: Plan, r: ConvergeResult, rep: ApplyReport): string {
  const verb = { create: 'created', keep: 'kept', replace: 'replaced with' }[rep.action];
  const lines = [`${rep.deferred ? `${verb} (switch deferred)` : verb} group ${rep.dataflowEndpointGroupArn}`, '  endpoints:', ...formatEndpoints(plan), '  files:', ...formatFileChanges(r.files, false)];
  if (rep.retiredGroups.length) lines.push(`  deleted old group(s): ${rep.retiredGroups.join(', ')}`);
  if (rep.tagsChanged.length) lines.push(`  tags updated in place: ${rep.tagsChanged.join(', ')}`);
  if (rep.agentRestarted) lines.push('  agent config changed: aws-groundstation-agent restart requested');
  lines.push(...formatTuning(rep.tuning));
  if (rep.rebootForTuning) lines.push('  reboot needed: tuning files changed; they take effect at the next reboot (or run apply --apply-tuning)');
  if (rep.warnings.length) lines.push('  warnings:', ...rep.warnings.map((w) => `    ! ${w}`));
  return lines.join('\n');
}

function formatTuning(t: TuningReport | null): string[] {
  if (!t) return [];
  if (t.skipped) return [`  --apply-tuning skipped: ${t.skipped}`];
  const lines = t.ran.map((c) => `  ran: ${c.join(' ')}`);
  if (t.failed) lines.push(`  FAILED: ${t.failed.command.join(' ')}: ${t.failed.error}`);
  return lines;
}

/**
 * The work of apply, without printing: also used by demo. `runner` runs the --apply-tuning
 * commands; `restart`, when given, replaces the host's systemctl (tests record it).
 */
export async function applyMission(args: ApplyArgs, rt: Runtime, runner?: CommandRunner, prepared?: Prepared, restart?: () => Promise<void>): Promise<{ plan: Plan; result: ConvergeResult; report: ApplyReport }> {
  const { io } = rt;
  const { plan, facts, mission } = prepared ?? await prepare(args, rt, { legacyTuning: true });
  // converge creates groups: a mission naming its own group goes through runApplyWithGroup.
  if (mission.group) throw new UsageError(`${args.mission}: group: this command does not take a mission with its own group; use apply`);
  const release = await acquireLock(underRoot(args.root, LOCK_PATH), (args.lockWait ?? 120) * 1000, { progress: rt.run.progress });
  try {
    const region = regionOf(facts, io);
    const gs = groundStationFor(region, rt);
    const planned = plan.endpoints.map((e) => ({ ip: e.agent.ip, ports: e.agent.ports }));
    const addresses = async () => {
      const state = await readState(args.root);
      return hostAddresses((id) => getGroupIfExists(gs, id), planned, state ? [state.groupId, ...state.retiring] : []);
    };
    const prePassSeconds = plan.request.contactPrePassDurationSeconds ?? 120;
    const checkHold = holdCheckFor(args, rt, { region, addresses, prePassSeconds, warnings: plan.warnings });
    // INVALID_IP_OWNERSHIP is replaced only once EC2 shows the Elastic IP on this host (ip-ownership.ts).
    const eipVerified = facts.elasticIps?.some((e) => e.publicIp === plan.publicIp) ?? false;
    const result = await converge({
      plan, gs, root: args.root, dryRun: false, checkHold, extraSteps: args.applyTuning ? ['tuning'] : [], eipVerified,
      deadline: rt.run.deadline, log: warningsInto(plan),
    });
    if (result.action === 'keep' && result.group && reportsInvalidIp(result.group)) {
      plan.warnings.push(`group ${result.group.arn} reports INVALID_IP_OWNERSHIP and the Elastic IP ${plan.publicIp} could not be verified on this instance (EC2 not asked or not listing it): not replaced; associate the Elastic IP, then run apply without --skip-ec2-checks`);
    }
    const held = result.deferred !== undefined;
    // Tuning first: its unit is ordered before the agent, so the agent restarts on a tuned host.
    const tuning = !args.applyTuning ? null : held ? { ran: [], skipped: 'refused: a contact holds this host (see deferred)' } : await applyTuning(args.root, result.files, runner);
    if (tuning?.failed) plan.warnings.push(`--apply-tuning: ${tuning.failed.command.join(' ')} failed (${tuning.failed.error}); the files are written and take effect at the next reboot`);
    const configChanged = result.files.some((f) => f.path === AGENT_CONFIG_PATH && f.changed);
    // With --root the host's own systemd is never touched; while a contact holds the host, never.
    const due = !held && (configChanged || result.restartDue === true) && args.restartAgent !== false;
    let restarted = false;
    if (due && (args.root === '/' || restart)) {
      // The group and files are already right; a failed restart is reported, not fatal.
      try {
        await (restart ?? restartAgent)();
        restarted = true;
      } catch (err) {
        plan.warnings.push(`could not restart aws-groundstation-agent (${(err as Error).message.split('\n')[0]}); restart it by hand`);
      }
    }
    return { plan, result, report: buildReport(plan, result, restarted, tuning) };
  } finally {
    await release();
  }
}

export async function runApply(args: ApplyArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  if (args.dryRun) return runPlan(args, rt);
  const prepared = await prepare(args, rt, { legacyTuning: true });
  if (prepared.mission.group) return runApplyWithGroup(prepared, args, rt);
  const { plan, result, report } = await applyMission(args, rt, undefined, prepared);
  if (args.json) io.out(JSON.stringify(report));
  else if (!args.quiet) io.out(formatReport(plan, result, report));
  if (!result.deferred) return 0;
  // Exit 8: what was safe is done; stdout keeps its one report, the message goes to stderr.
  io.err(formatError(deferredError(result.deferred.hold, result.deferred.steps, `gs-agent-config apply ${args.mission}`), false).text);
  return EXIT.deferred;
}
