/** mission + facts → plan, shared by plan, apply and export. */
import type { Runtime } from '../runtime.ts';
import type { HostFacts, Mission, Plan } from '../../types.ts';
import { readMission } from '../../mission/read-mission.ts';
import { plan as planHost } from '../../plan/plan.ts';
import { UsageError } from '../../errors.ts';
import { STDIN_ARG } from '../conventions.ts';
import { loadFacts, type ExtraFacts, type FactsArgs } from '../ports.ts';
import { checkRegionOfHost } from '../region-check.ts';

export interface Prepared {
  mission: Mission;
  facts: HostFacts;
  plan: Plan;
}

export async function prepare(args: FactsArgs & { mission: string }, rt: Runtime, extra: ExtraFacts = {}): Promise<Prepared> {
  if (args.mission === STDIN_ARG)
    throw new UsageError('only validate reads a mission from standard input (-)', [
      'pass the mission file: apply records it for status and destroy',
    ]);
  // The mission first: a bad file should fail fast, before any network call.
  const mission = await readMission(args.mission);
  // Another region than the instance's is caught before any AWS call (not with --facts: no IMDS, no call).
  if (args.facts === undefined) await checkRegionOfHost(rt, mission);
  const facts = await loadFacts(args, rt, extra);
  return { mission, facts, plan: planHost(mission, facts) };
}
