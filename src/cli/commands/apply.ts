/** apply: converge the host on the mission (src/apply/apply-mission.ts) and report; exit 8 when a contact held it. */
import { applyMission } from '../../apply/apply-mission.ts';
import { deferredError } from '../../contacts/hold-check.ts';
import { EXIT, ProblemsFoundError, UsageError } from '../../errors.ts';
import { applyInputs, applyPorts, writeOptions, type ApplyArgs } from '../apply-wiring.ts';
import { applyReport, formatApplyReport } from '../format-apply.ts';
import { jsonText } from '../json-text.ts';
import { formatError } from '../print-error.ts';
import { reportComplianceFor } from '../compliance-wiring.ts';
import { agentVersionFor, doctorChecksFor } from '../doctor-wiring.ts';
import { refuseRealRootInRehearsal } from '../rehearsal-guard.ts';
import type { Runtime } from '../runtime.ts';
import { absolutePath, toolCommand } from '../tool-command.ts';
import { runPlan } from './plan.ts';

export type { ApplyArgs } from '../apply-wiring.ts';

/** The flags of this apply that the re-run must repeat to do the same (besides where it acts). */
function sameRunFlags(args: ApplyArgs, cwd: string): string[] {
  return [
    ...(args.facts !== undefined ? ['--facts', absolutePath(cwd, args.facts)] : []),
    ...(args.skipEc2Checks ? ['--skip-ec2-checks'] : []),
    ...(args.restartAgent === false ? ['--no-restart-agent'] : []),
    ...(args.applyTuning ? ['--apply-tuning'] : []),
    ...(args.guardMinutes !== undefined ? ['--guard-minutes', String(args.guardMinutes)] : []),
  ];
}

/** `gs-agent-config apply /abs/mission.yaml --root … …`: the run to paste once the contact is over. */
export function rerunApplyCommand(args: ApplyArgs, rt: Runtime): string {
  return toolCommand({ where: rt.where, cwd: rt.io.cwd }, 'apply', args.mission, sameRunFlags(args, rt.io.cwd));
}

export async function runApply(args: ApplyArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  if (args.detailedExitcode && !args.dryRun)
    throw new UsageError('--detailed-exitcode needs --dry-run on apply', [
      'use `gs-agent-config plan MISSION --detailed-exitcode` or add --dry-run',
    ]);
  if (args.dryRun) return runPlan(args, rt);
  refuseRealRootInRehearsal(io.env, rt.where);
  const inputs = await applyInputs(args, rt, { legacyTuning: true });
  const outcome = await applyMission(inputs, applyPorts(rt), writeOptions(args), rt.run);
  if (args.json) io.out(jsonText(applyReport(outcome)));
  else if (!args.quiet) io.out(formatApplyReport(outcome));
  if (args.reportCompliance)
    await reportComplianceFor(
      rt,
      { root: args.root, mission: outcome.plan.mission, command: 'Apply' },
      () => doctorChecksFor(args, inputs.mission, rt),
      () => agentVersionFor(args, rt),
    );
  const held = outcome.deferred;
  if (!held && outcome.problems.length) {
    // Exit 6: everything else converged; what is left needs a person (stdout keeps its one report).
    const [first, ...more] = outcome.problems;
    io.err(formatError(new ProblemsFoundError(first, more), false).text);
    return EXIT.problems;
  }
  if (!held) return 0;
  // Exit 8: what was safe is done; stdout keeps its one report, the message goes to stderr.
  io.err(formatError(deferredError(held.hold, held.steps, rerunApplyCommand(args, rt)), false).text);
  return EXIT.deferred;
}
