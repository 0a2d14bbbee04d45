/**
 * Issue 20: ServiceQuotaExceededException on create (`sandbox --group-quota N`) is exit 4 with
 * one line naming the quota (L-D6A1915B), the groups in the region, this tool's among them and
 * the orphans (a group of an instance EC2 says is gone).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import { example, runMain } from '../helpers/cli.ts';
import { TAG_INSTANCE, TAG_MISSION } from '../../src/ownership-tags.ts';

const fx = useSandbox('quota', { groupQuota: 2 });

test('the quota reached: exit 4, one line naming the quota, the counts and the orphan', async () => {
  // One group made by hand, one by the tool for an instance that is gone.
  const seed = (tags: Record<string, string>) => {
    const id = randomUUID();
    fx.sb.groundStation.groups.set(id, {
      id,
      arn: `arn:aws:groundstation:${fx.sb.host.region}:${fx.sb.host.accountId}:dataflow-endpoint-group/${id}`,
      endpoints: [],
      tags,
      agentRegistered: false,
    });
    return id;
  };
  seed({});
  const orphan = seed({ [TAG_INSTANCE]: 'i-0aaaaaaaaaaaaaaa1', [TAG_MISSION]: 'old' });
  const r = await runMain(['apply', example('multi-downlink.yaml'), '--root', fx.root], fx.sb.env);
  assert.equal(r.code, 4, r.err);
  const first = r.err.split('\n')[0];
  assert.match(
    first,
    /the dataflow endpoint group quota of us-east-2 is reached \(Service Quotas groundstation L-D6A1915B, 100 per region by default\)/,
  );
  assert.match(first, /2 groups in us-east-2, 1 of them made by this tool, orphans among them \(instance gone\): /);
  assert.ok(first.includes(orphan), first);
  assert.match(r.err, /gs-agent-config destroy --orphans/);
  assert.doesNotMatch(r.err, /\n\s+at /, 'no stack');
});
