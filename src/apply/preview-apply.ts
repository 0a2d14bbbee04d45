/**
 * apply in preview (plan, apply --dry-run): what converge would do, with no writes, no lock and
 * no contact check; for a replace, why (a renamed mission among them: one host, one group); the
 * mission-profile wiring. With recorded facts (plan --facts) the tool's own group is judged from
 * the local state file alone, AWS not asked.
 */
import type { GroundStationPort } from '../aws/groundstation.ts';
import { wiringWarnings } from '../contacts/contact-status.ts';
import { TAG_HASH, TAG_MISSION } from '../ownership-tags.ts';
import { diffGroupAgainstPlan } from '../plan/group-fit.ts';
import { renderHostFiles } from '../render/render-files.ts';
import { keptKeysWarning, readKeptAgentKeys } from './kept-agent-keys.ts';
import type { RunContext } from '../run-context.ts';
import type { Plan } from '../types.ts';
import { groupSourceOf, type ApplyInputs, type ApplyOutcome, type ApplyPorts, type PreviewOptions } from './apply-types.ts';
import { converge, type GroupAction } from './converge.ts';
import { compareFiles } from './file-changes.ts';
import { getGroupIfExists } from './find-groups.ts';
import { pendingArn } from './owned-group.ts';
import { replaceHeadroom } from './quota-headroom.ts';
import { readOwnState, strangerStateText, type HostState } from './state-file.ts';

/** The reason a replace gives when the group being replaced is another mission's: one host, one group. */
export function renamedReason(from: string): string {
  return `mission renamed from ${from}`;
}

/**
 * The tool's own group as this host's state file tells it: same mission and hash → keep, another
 * hash or mission → replace, none (or another instance's file) → create.
 */
async function previewFromState(plan: Plan, root: string): Promise<ApplyOutcome> {
  const { own, stranger } = await readOwnState(root, plan.instanceId);
  const mine: HostState | undefined = own?.owned === false ? undefined : own;
  const same = mine?.mission === plan.mission;
  const action: GroupAction = same && mine?.groupHash === plan.groupHash ? 'keep' : mine ? 'replace' : 'create';
  const groupArn = action === 'keep' ? mine?.groupArn : undefined;
  const kept = readKeptAgentKeys(root);
  const files = await compareFiles(root, renderHostFiles(plan, groupArn ?? pendingArn(plan), kept.kept));
  const keptWarning = keptKeysWarning(kept);
  const group = groupArn !== undefined ? { id: mine!.groupId, arn: groupArn } : undefined;
  return {
    source: 'owned',
    action,
    plan,
    group,
    files,
    retired: [],
    tagsChanged: [],
    checkedAws: false,
    replaceReasons: mine && !same ? [renamedReason(mine.mission)] : [],
    agentRestarted: false,
    tuning: null,
    warnings: [
      ...(stranger ? [`${strangerStateText(root, stranger, plan.instanceId)}; apply would start fresh`] : []),
      ...(keptWarning ? [keptWarning] : []),
    ],
    problems: [],
  };
}

/**
 * Why the groups being replaced go: another mission's (renamed) says so; else the fields of the
 * first that differ from the plan, or the hash when no field shows.
 */
async function whyReplace(gs: GroundStationPort, groupIds: string[], plan: Plan): Promise<string[]> {
  const groups = (await Promise.all(groupIds.map((id) => getGroupIfExists(gs, id)))).filter((g) => g !== undefined);
  const renamed = [...new Set(groups.map((g) => g.tags[TAG_MISSION]).filter((m) => m !== undefined && m !== plan.mission))];
  if (renamed.length) return renamed.map(renamedReason);
  const current = groups[0];
  if (!current) return [];
  const fields = diffGroupAgainstPlan(current, plan);
  return fields.length
    ? fields
    : [
        `the group's plan hash ${current.tags[TAG_HASH] ?? '(none)'} is not ${plan.groupHash}: its request was made from another mission or tool version`,
      ];
}

export async function previewApply(
  inputs: ApplyInputs,
  ports: ApplyPorts,
  options: PreviewOptions,
  run: RunContext,
): Promise<ApplyOutcome> {
  const { source, region } = groupSourceOf(inputs);
  if (source.kind === 'owned' && options.offline) return previewFromState(inputs.plan, options.root);
  const warnings: string[] = [];
  const warn = (w: string) => {
    warnings.push(w);
  };
  const gs = ports.groundStation(region);
  // What plan shows is what apply would do, except that a group reporting INVALID_IP_OWNERSHIP is shown as kept.
  const previewSource = source.kind === 'owned' ? { ...source, eipVerified: false } : source;
  const r = await converge({
    plan: inputs.plan,
    source: previewSource,
    gs,
    root: options.root,
    dryRun: true,
    deadline: run.deadline,
    warn,
  });
  const replaceReasons = r.action === 'replace' ? await whyReplace(gs, r.retired, inputs.plan) : [];
  // Create before delete: a replace needs room for one more group (counted only for a replace).
  const headroom = r.action === 'replace' && source.kind === 'owned' ? await replaceHeadroom(gs, region) : undefined;
  if (headroom) warnings.push(headroom);
  // The wiring of the tool's own group: mismatches are warnings (the group may not exist yet).
  if (source.kind === 'owned') warnings.push(...(await wiringWarnings(inputs.plan, region, ports.contacts(region))));
  return {
    source: source.kind,
    action: r.action,
    plan: r.plan,
    group: r.group,
    files: r.files,
    retired: r.retired,
    tagsChanged: r.tagsChanged,
    tagChanges: r.tagChanges ?? [],
    checkedAws: true,
    replaceReasons,
    agentRestarted: false,
    tuning: null,
    // What apply would exit 6 for is a warning here: plan changes nothing.
    warnings: [...warnings, ...r.problems],
    problems: [],
  };
}

/** What applying would change, in words (empty when nothing would): for plan's exit 9 and status's "mission differs". */
export function pendingChanges(o: ApplyOutcome): string[] {
  const out: string[] = [];
  if (o.action === 'create' || o.action === 'replace') out.push(`the group would be ${o.action === 'create' ? 'created' : 'replaced'}`);
  if (o.tagsChanged.length) out.push(`tags would change (${o.tagsChanged.join(', ')})`);
  const files = o.files.filter((f) => f.changed || f.created).map((f) => f.path);
  if (files.length) out.push(`${files.length} file${files.length === 1 ? '' : 's'} would change (${files.join(', ')})`);
  if (o.retired.length) out.push(`${o.retired.length} old group${o.retired.length === 1 ? '' : 's'} would be deleted`);
  return out;
}
