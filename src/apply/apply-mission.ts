/**
 * The apply use-case: make this host converge on its mission (lock, converge, live tuning,
 * agent restart), or in preview say what that would do (plan, apply --dry-run). One story for
 * both group sources: the tool's own group, or the existing group a mission names. Prints
 * nothing: the outcome carries the report data and the run's own warnings; the CLI formats it.
 */
import { AGENT_CONFIG_PATH, LOCK_PATH, underRoot } from '../host-paths.ts';
import type { RunContext } from '../run-context.ts';
import { restartAgent } from './agent-restart.ts';
import { applyHoldCheck } from './apply-guard.ts';
import { applyTuning, execFileRunner } from './apply-tuning.ts';
import {
  groupSourceOf,
  type ApplyInputs,
  type ApplyOptions,
  type ApplyOutcome,
  type ApplyPorts,
  type WriteOptions,
} from './apply-types.ts';
import { converge, type ConvergeResult } from './converge.ts';
import { reportsInvalidIp } from './ip-ownership.ts';
import { acquireLock } from './lock.ts';
import { previewApply } from './preview-apply.ts';
import { isQuotaExceeded, quotaExceededError } from './quota-exceeded.ts';

export async function applyMission(inputs: ApplyInputs, ports: ApplyPorts, options: ApplyOptions, run: RunContext): Promise<ApplyOutcome> {
  if (options.preview) return previewApply(inputs, ports, options, run);
  const release = await acquireLock(underRoot(options.root, LOCK_PATH), options.lockWaitSeconds * 1000, { progress: run.progress });
  try {
    return await applyLocked(inputs, ports, options, run);
  } finally {
    await release();
  }
}

async function applyLocked(inputs: ApplyInputs, ports: ApplyPorts, options: WriteOptions, run: RunContext): Promise<ApplyOutcome> {
  const warnings: string[] = [];
  const warn = (w: string) => {
    warnings.push(w);
  };
  const { source, region } = groupSourceOf(inputs);
  const gs = ports.groundStation(region);
  const checkHold = applyHoldCheck(options.guard, {
    plan: inputs.plan,
    prePassSeconds: inputs.mission.contact.prePassSeconds,
    gs,
    contacts: ports.contacts(region),
    run,
    warn: (w) => {
      ports.notify(w);
      warn(w);
    },
  });
  const r = await converge({
    plan: inputs.plan,
    source,
    gs,
    root: options.root,
    dryRun: false,
    deadline: run.deadline,
    checkHold,
    extraSteps: options.applyTuning ? ['tuning'] : [],
    warn,
  }).catch(async (err: unknown) => {
    // The region's group quota: name it, with the groups this tool manages and the orphans among them.
    if (!isQuotaExceeded(err)) throw err;
    throw await quotaExceededError(err, gs, region, inputs.plan.instanceId, ports.instanceStates?.(region));
  });
  const outcome = { source: source.kind, checkedAws: true, replaceReasons: [], warnings, ...convergeFields(r) };
  if (source.kind === 'owned' && r.action === 'keep' && reportsInvalidIp(r.group!) && r.problems.length === 0) {
    warn(
      `group ${r.group!.arn} reports INVALID_IP_OWNERSHIP and the Elastic IP ${inputs.plan.publicIp} could not be verified on this instance (EC2 not asked or not listing it): not replaced; associate the Elastic IP, then run apply without --skip-ec2-checks`,
    );
  }
  const held = r.deferred !== undefined;
  // Tuning first: its unit is ordered before the agent, so the agent restarts on a tuned host.
  const tuning = !options.applyTuning
    ? null
    : held
      ? { ran: [], skipped: 'refused: a contact holds this host (see deferred)' }
      : await applyTuning(options.root, r.files, ports.tuningRunner ?? execFileRunner(undefined, run.deadline));
  if (tuning?.failed)
    warn(
      `--apply-tuning: ${tuning.failed.command.join(' ')} failed (${tuning.failed.error}); the files are written and take effect at the next reboot`,
    );
  const configChanged = r.files.some((f) => f.path === AGENT_CONFIG_PATH && f.changed);
  const due = !held && (configChanged || r.restartDue === true) && options.restartAgent;
  return { ...outcome, agentRestarted: due && (await restartIfAllowed(ports, options.root, run, warn)), tuning };
}

/** What the outcome takes from converge as it is. */
function convergeFields(
  r: ConvergeResult,
): Pick<ApplyOutcome, 'action' | 'plan' | 'group' | 'files' | 'retired' | 'tagsChanged' | 'deferred' | 'problems'> {
  return {
    problems: r.problems,
    action: r.action,
    plan: r.plan,
    group: r.group,
    files: r.files,
    retired: r.retired,
    tagsChanged: r.tagsChanged,
    deferred: r.deferred,
  };
}

/** With --root the host's own systemd is never touched (a restarter handed in is used as given). A failed restart is a warning: the group and files are already right. */
async function restartIfAllowed(ports: ApplyPorts, root: string, run: RunContext, warn: (w: string) => void): Promise<boolean> {
  const restart = ports.agentRestarter ?? (root === '/' ? () => restartAgent('systemctl', run.deadline) : undefined);
  if (!restart) return false;
  try {
    await restart();
    return true;
  } catch (err) {
    warn(`could not restart aws-groundstation-agent (${(err as Error).message.split('\n')[0]}); restart it by hand`);
    return false;
  }
}
