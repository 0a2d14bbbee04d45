/** A small chaos run inside the suite (the full 200-run version is `npm run chaos`). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runChaos } from '../../scripts/chaos.ts';

test('10 fault-injected applies with SIGKILLs: no duplicate group, no partial file, every re-run converges', async () => {
  const f = await runChaos(10, 7);
  assert.equal(f.duplicateGroups, 0);
  assert.equal(f.partialFiles, 0);
  assert.equal(f.nonConverging, 0);
  assert.ok(f.kills > 0, 'the seed kills at least one run');
});
