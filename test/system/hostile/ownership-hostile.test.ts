/** Every ownership and orphan scenario (ownership-scenarios.ts, orphan-scenarios.ts), each ending with a plain re-run. */
import { after, before, describe, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../../sandbox/server.ts';
import { orphanScenarios } from './orphan-scenarios.ts';
import { assertPlainRerun, makeWorld, type OwnershipScenario } from './ownership-harness.ts';
import { ownershipScenarios } from './ownership-scenarios.ts';

function run(scenarios: OwnershipScenario[], sb: () => Sandbox): void {
  for (const s of scenarios)
    test(s.name, async () => {
      const w = await makeWorld(sb());
      try {
        await s.run(w);
        await assertPlainRerun(w);
      } finally {
        await w.close();
      }
    });
}

describe('hostile ownership: identity from IMDS, one host one group', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox();
  });
  after(async () => {
    await sb.close();
  });
  run(ownershipScenarios, () => sb);
  run(orphanScenarios, () => sb);
});
