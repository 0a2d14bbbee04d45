/** diffTags: what plan shows of a tag-only change, keys and values before and after. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffTags } from '../../../src/apply/reconcile-tags.ts';

test('added, changed and removed tags with their values before and after; aws: tags are AWS-owned and never removed', () => {
  const d = diffTags(
    { team: 'flight-ops', old: 'x', 'aws:cloudformation:stack-name': 's', same: '1' },
    { team: 'ground-ops', cost: '4711', same: '1' },
  );
  assert.deepEqual(d.keys, ['cost', 'old', 'team']);
  assert.deepEqual(d.set, { team: 'ground-ops', cost: '4711' });
  assert.deepEqual(d.remove, ['old']);
  assert.deepEqual(d.changes, [
    { key: 'cost', from: null, to: '4711' },
    { key: 'old', from: 'x', to: null },
    { key: 'team', from: 'flight-ops', to: 'ground-ops' },
  ]);
});

test('no change: nothing to show', () => {
  assert.deepEqual(diffTags({ a: '1' }, { a: '1' }), { set: {}, remove: [], keys: [], changes: [] });
});
