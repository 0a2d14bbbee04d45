import type { Runtime } from '../runtime.ts';
import { jsonText } from '../json-text.ts';
import { loadFacts, type FactsArgs } from '../ports.ts';

export async function runFacts(args: FactsArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  // Everything a run may read, so that `plan --facts` sees what plan would.
  const facts = await loadFacts({ ...args, facts: undefined }, rt, { legacyTuning: true, proc: true });
  io.out(jsonText(facts, 2));
  return 0;
}
