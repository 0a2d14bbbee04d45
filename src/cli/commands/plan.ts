/** plan (and apply --dry-run): what apply would do, with no writes (the apply use-case in preview). */
import { applyMission } from '../../apply/apply-mission.ts';
import { applyInputs, applyPorts, previewOptions } from '../apply-wiring.ts';
import { formatPlanReport, planJson } from '../plan-report.ts';
import type { FactsArgs } from '../ports.ts';
import type { Runtime } from '../runtime.ts';

export async function runPlan(args: FactsArgs & { mission: string }, rt: Runtime): Promise<number> {
  const { io } = rt;
  const inputs = await applyInputs(args, rt, { legacyTuning: true, proc: true });
  const outcome = await applyMission(inputs, applyPorts(rt), previewOptions(args), rt.run);
  if (args.json) io.out(JSON.stringify(planJson(outcome)));
  else if (!args.quiet) io.out(formatPlanReport(outcome));
  return 0;
}
