import type { Runtime } from '../runtime.ts';
import { loadFacts, type FactsArgs } from '../ports.ts';

export async function runFacts(args: FactsArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  const facts = await loadFacts({ ...args, facts: undefined }, rt);
  io.out(JSON.stringify(facts, null, 2));
  return 0;
}
