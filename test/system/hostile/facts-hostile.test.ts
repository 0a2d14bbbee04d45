/**
 * Hostile host facts: every scenario of test/system/hostile/facts-scenarios.ts against one
 * sandbox, through the real CLI; see assertFactsOutcome for what each must hold.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox } from '../../helpers/sandbox-fixture.ts';
import { assertFactsOutcome, childProcess } from './facts-harness.ts';
import { factsScenarios } from './facts-scenarios.ts';

const fx = useSandbox('hostile-facts');

test('at least 22 scenarios, with distinct names', () => {
  assert.ok(factsScenarios.length >= 22, `${factsScenarios.length} scenarios`);
  assert.equal(new Set(factsScenarios.map((s) => s.name)).size, factsScenarios.length);
});

for (const s of factsScenarios) {
  test(`hostile facts: ${s.name} → exit ${s.exit}`, { timeout: 30_000 }, async () => {
    assertFactsOutcome(await s.run(fx.sb));
  });
}

test('the same harness drives the CLI as a child process (as the chaos script does)', { timeout: 60_000 }, async () => {
  const s = factsScenarios.find((x) => x.name === 'identity document: instanceId is a number')!;
  const o = await s.run(fx.sb, childProcess);
  // A child's start-up counts against the 15 s budget too; nothing else differs.
  assertFactsOutcome(o);
});
