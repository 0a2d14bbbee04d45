/** plan (and apply --dry-run): what apply would do, with no writes (the apply use-case in preview). */
import { applyMission } from '../../apply/apply-mission.ts';
import { display } from '../../display.ts';
import { applyInputs, applyPorts, previewOptions } from '../apply-wiring.ts';
import { jsonText } from '../json-text.ts';
import { formatPlanReport, planJson } from '../plan-report.ts';
import type { FactsArgs } from '../ports.ts';
import { rehearsalWarning } from '../rehearsal-guard.ts';
import type { Runtime } from '../runtime.ts';

export async function runPlan(args: FactsArgs & { mission: string }, rt: Runtime): Promise<number> {
  const { io } = rt;
  const rehearsal = rehearsalWarning(io.env, rt.where);
  if (rehearsal && !args.quiet) io.err(display(`warning: ${rehearsal}`));
  const inputs = await applyInputs(args, rt, { legacyTuning: true, proc: true });
  const outcome = await applyMission(inputs, applyPorts(rt), previewOptions(args), rt.run);
  if (args.json) io.out(jsonText(planJson(outcome)));
  else if (!args.quiet) io.out(formatPlanReport(outcome));
  return 0;
}
