/**
 * The IAM policy's scoping: Get/ListTags/Tag/Untag on dataflow endpoint group ARNs only, Delete
 * only on groups carrying the tool's ownership tag; create and list stay on "*" (the service
 * authorizes them on no resource type). Checked against what the tool really makes: every
 * group apply creates matches the resource pattern and carries the tag the condition needs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIamPolicy, DELETE_CONDITION_TAG, GROUP_ARN_PATTERN } from '../../../src/aws/iam-policy.ts';
import { useSandbox } from '../../helpers/sandbox-fixture.ts';
import { example, runMain } from '../../helpers/cli.ts';

const fx = useSandbox('iam-scope');
const globToRegExp = (g: string) =>
  new RegExp(
    `^${g
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^]*')}$`,
  );

test('resources: group ARNs for the per-group actions, "*" only where the service takes no resource', () => {
  const statements = buildIamPolicy().Statement;
  const resourceOf = (action: string) => statements.filter((s) => s.Action.includes(action)).map((s) => s.Resource);
  for (const a of ['GetDataflowEndpointGroup', 'TagResource', 'UntagResource', 'DeleteDataflowEndpointGroup']) {
    assert.deepEqual(resourceOf(`groundstation:${a}`), [GROUP_ARN_PATTERN], a);
  }
  for (const a of ['CreateDataflowEndpointGroupV2', 'ListDataflowEndpointGroups'])
    assert.deepEqual(resourceOf(`groundstation:${a}`), ['*'], a);
  const del = statements.find((s) => s.Action.includes('groundstation:DeleteDataflowEndpointGroup'))!;
  assert.deepEqual(del.Action, ['groundstation:DeleteDataflowEndpointGroup'], 'Delete has a statement of its own (its condition)');
  assert.deepEqual((del as { Condition?: unknown }).Condition, { Null: { [`aws:ResourceTag/${DELETE_CONDITION_TAG}`]: 'false' } });
});

test('the groups apply makes match the resource pattern and carry the tag Delete is conditioned on', async () => {
  const r = await runMain(['apply', example('multi-downlink.yaml'), '--root', fx.root, '--json'], fx.sb.env);
  assert.equal(r.code, 0, r.err);
  const { dataflowEndpointGroupId: id, dataflowEndpointGroupArn: arn } = JSON.parse(r.out);
  assert.match(arn, globToRegExp(GROUP_ARN_PATTERN));
  assert.equal(fx.sb.groundStation.groups.get(id)?.tags[DELETE_CONDITION_TAG], fx.sb.host.instanceId);
});
