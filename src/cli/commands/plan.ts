/** plan (and apply --dry-run): what apply would do, with no writes (the apply use-case in preview). */
import { applyMission } from '../../apply/apply-mission.ts';
import { pendingChanges } from '../../apply/preview-apply.ts';
import { display } from '../../display.ts';
import { EXIT } from '../../errors.ts';
import { applyInputs, applyPorts, previewOptions } from '../apply-wiring.ts';
import { jsonText } from '../json-text.ts';
import { formatPlanReport, planJson } from '../plan-report.ts';
import type { FactsArgs } from '../ports.ts';
import { rehearsalWarning } from '../rehearsal-guard.ts';
import type { Runtime } from '../runtime.ts';

export async function runPlan(args: FactsArgs & { mission: string; detailedExitcode?: boolean }, rt: Runtime): Promise<number> {
  const { io } = rt;
  const rehearsal = rehearsalWarning(io.env, rt.where);
  if (rehearsal && !args.quiet) io.err(display(`warning: ${rehearsal}`));
  const inputs = await applyInputs(args, rt, { legacyTuning: true, proc: true });
  const outcome = await applyMission(inputs, applyPorts(rt), previewOptions(args), rt.run);
  if (args.json) io.out(jsonText(planJson(outcome)));
  else if (!args.quiet) io.out(formatPlanReport(outcome));
  // Terraform's -detailed-exitcode, with 9 because 2 is bad input here.
  return args.detailedExitcode && pendingChanges(outcome).length > 0 ? EXIT.changesPending : EXIT.ok;
}
