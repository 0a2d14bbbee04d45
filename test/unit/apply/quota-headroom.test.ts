/** Issue 20 (h20-last): a replace creates before it deletes, so it needs room for one more group under the default quota. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_GROUP_QUOTA, headroomWarning } from '../../../src/apply/quota-headroom.ts';

test('room for one more group: no warning', () => {
  assert.equal(DEFAULT_GROUP_QUOTA, 100);
  assert.equal(headroomWarning('us-east-2', 0), undefined);
  assert.equal(headroomWarning('us-east-2', 99), undefined);
});

test('at or past the default quota: the warning names the count, the quota code, and both ways out', () => {
  for (const n of [100, 140]) {
    const w = headroomWarning('us-east-2', n)!;
    assert.match(
      w,
      new RegExp(
        `^a replace creates the new group before deleting the old one; the Region us-east-2 has ${n} of 100 groups \\(the default quota, Service Quotas groundstation L-D6A1915B; a raised quota is not read\\)`,
      ),
    );
    assert.match(w, /ServiceQuotaExceededException, exit 4/);
    assert.match(w, /gs-agent-config destroy --orphans/);
    assert.match(
      w,
      /aws service-quotas request-service-quota-increase --service-code groundstation --quota-code L-D6A1915B --desired-value '<N>'/,
    );
  }
  assert.equal(headroomWarning('us-east-2', 149, 150), undefined);
});
