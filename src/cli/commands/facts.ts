import type { Io } from '../io.ts';
import { loadFacts, type FactsArgs } from '../runtime.ts';

export async function runFacts(args: FactsArgs, io: Io): Promise<number> {
  const facts = await loadFacts({ ...args, facts: undefined }, io);
  io.out(JSON.stringify(facts, null, 2));
  return 0;
}
