/** plan (and apply --dry-run): what apply would do, with no writes. */
import type { Runtime } from '../runtime.ts';
import type { Plan } from '../../types.ts';
import type { GroundStationPort } from '../../aws/groundstation.ts';
import { converge, pendingArn, warningsInto, type GroupAction } from '../../apply/converge.ts';
import { diffGroupAgainstPlan } from '../../plan/group-fit.ts';
import { TAG_HASH } from '../../ownership-tags.ts';
import { compareFiles, type FileChange } from '../../apply/file-changes.ts';
import { readState } from '../../apply/state-file.ts';
import { AGENT_CONFIG_PATH } from '../../host-paths.ts';
import { renderHostFiles } from '../../render/render-files.ts';
import { NEW_ARN_NOTE, formatPlan, planSummary } from '../format-plan.ts';
import { changeState } from '../file-state.ts';
import { contactsFor, groundStationFor, regionOf, type FactsArgs } from '../ports.ts';
import { prepare } from './prepare.ts';
import { runPlanWithGroup } from './use-group.ts';
import { wiringWarnings } from '../../contacts/contact-status.ts';

interface Preview { action: GroupAction; groupArn?: string; files: FileChange[]; checkedAws: boolean; tagsChanged: string[]; replaceReasons: string[] }

/** With recorded facts there is no AWS call: the action comes from the local state file alone. */
async function previewOffline(plan: Plan, root: string): Promise<Preview> {
  const state = await readState(root);
  const mine = state && state.mission === plan.mission ? state : undefined;
  const action: GroupAction = mine?.groupHash === plan.groupHash ? 'keep' : mine ? 'replace' : 'create';
  const groupArn = action === 'keep' ? mine?.groupArn : undefined;
  const files = await compareFiles(root, renderHostFiles(plan, groupArn ?? pendingArn(plan)));
  return { action, groupArn, files, checkedAws: false, tagsChanged: [], replaceReasons: [] };
}

/** The fields of the group being replaced that differ from the plan; the hash when no field shows. */
async function whyReplace(gs: GroundStationPort, groupId: string, plan: Plan): Promise<string[]> {
  const current = await gs.getGroup(groupId);
  const fields = diffGroupAgainstPlan(current, plan);
  return fields.length ? fields : [`the group's plan hash ${current.tags[TAG_HASH] ?? '(none)'} is not ${plan.groupHash}: its request was made from another mission or tool version`];
}

export function planJson(plan: Plan, p: Preview) {
  return {
    action: p.action,
    checkedAws: p.checkedAws,
    dataflowEndpointGroupArn: p.groupArn ?? null,
    groupHash: plan.groupHash,
    /** Tag keys apply adds, changes or removes in place on the kept group. */
    tagsChanged: p.tagsChanged,
    /** For a replace: what in the current group differs from the plan (forces the new group). */
    replaceReasons: p.replaceReasons,
    groupNote: p.action === 'replace' ? NEW_ARN_NOTE : null,
    summary: planSummary(p.action, p.files, p.tagsChanged),
    request: plan.request,
    device: plan.device,
    tuning: plan.tuning,
    rebootNeeded: p.files.some((f) => f.changed && f.path !== AGENT_CONFIG_PATH),
    ingress: plan.ingress,
    endpoints: plan.endpoints,
    files: p.files.map((f) => ({ path: f.path, written: f.written, state: changeState(f), changed: f.changed, created: f.created, diff: f.diff })),
    notes: plan.notes,
    warnings: plan.warnings,
  };
}

export async function runPlan(args: FactsArgs & { mission: string }, rt: Runtime): Promise<number> {
  const { io } = rt;
  const prepared = await prepare(args, rt, { legacyTuning: true, proc: true });
  if (prepared.mission.group) return runPlanWithGroup(prepared, args, rt);
  const { plan, facts } = prepared;
  plan.warnings.push(...plan.readiness);
  let preview: Preview;
  if (args.facts) preview = await previewOffline(plan, args.root);
  else {
    const gs = groundStationFor(regionOf(facts, io), rt);
    const r = await converge({ plan, gs, root: args.root, dryRun: true, deadline: rt.run.deadline, log: warningsInto(plan) });
    const replaceReasons = r.action === 'replace' ? await whyReplace(gs, r.retired[0], plan) : [];
    preview = { action: r.action, groupArn: r.group?.arn, files: r.files, checkedAws: true, tagsChanged: r.tagsChanged, replaceReasons };
    plan.warnings.push(...(await wiringWarnings(plan, regionOf(facts, io), contactsFor(regionOf(facts, io), rt))));
  }
  if (args.json) io.out(JSON.stringify(planJson(plan, preview)));
  else if (!args.quiet) io.out(formatPlan(plan, preview.action, preview.files, { actionNote: preview.checkedAws ? '' : ' (from the local state file; AWS not asked with --facts)', tagsChanged: preview.tagsChanged, replaceReasons: preview.replaceReasons }));
  return 0;
}
