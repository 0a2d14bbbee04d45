/** apply: converge the host on the mission (src/apply/apply-mission.ts) and report; exit 8 when a contact held it. */
import { applyMission } from '../../apply/apply-mission.ts';
import { deferredError } from '../../contacts/hold-check.ts';
import { EXIT, UsageError } from '../../errors.ts';
import { applyInputs, applyPorts, writeOptions, type ApplyArgs } from '../apply-wiring.ts';
import { applyReport, formatApplyReport } from '../format-apply.ts';
import { formatError } from '../print-error.ts';
import { reportComplianceFor } from '../compliance-wiring.ts';
import type { Runtime } from '../runtime.ts';
import { runPlan } from './plan.ts';

export type { ApplyArgs } from '../apply-wiring.ts';

export async function runApply(args: ApplyArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  if (args.detailedExitcode && !args.dryRun)
    throw new UsageError('--detailed-exitcode needs --dry-run on apply', [
      'use `gs-agent-config plan MISSION --detailed-exitcode` or add --dry-run',
    ]);
  if (args.dryRun) return runPlan(args, rt);
  const outcome = await applyMission(await applyInputs(args, rt, { legacyTuning: true }), applyPorts(rt), writeOptions(args), rt.run);
  // A group the mission names, held by a contact: nothing was done, so there is nothing to report but the deferral.
  if (!outcome.refused) {
    if (args.json) io.out(JSON.stringify(applyReport(outcome)));
    else if (!args.quiet) io.out(formatApplyReport(outcome));
  }
  if (args.reportCompliance) await reportComplianceFor(rt, { root: args.root, mission: outcome.plan.mission, command: 'Apply' });
  const held = outcome.deferred ?? outcome.refused;
  if (!held) return 0;
  // Exit 8: what was safe is done; stdout keeps its one report, the message goes to stderr.
  io.err(formatError(deferredError(held.hold, held.steps, `gs-agent-config apply ${args.mission}`), false).text);
  return EXIT.deferred;
}
