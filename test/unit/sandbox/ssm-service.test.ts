/**
 * The SSM stand-in through the real @aws-sdk/client-ssm 3.523.0: it accepts what the official
 * model allows and refuses what it does not (enums, lengths, the ComplianceType pattern, the
 * resource type and id, paging), and reads back what was put (COMPLETE replaces).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ListComplianceItemsCommand,
  ListResourceComplianceSummariesCommand,
  PutComplianceItemsCommand,
  SSMClient,
  type PutComplianceItemsCommandInput,
} from '@aws-sdk/client-ssm';
import { startSandbox, type Sandbox } from '../../../sandbox/server.ts';

let sb: Sandbox;
let ssm: SSMClient;
before(async () => {
  sb = await startSandbox({ fleet: 2 });
  ssm = new SSMClient({
    region: sb.host.region,
    endpoint: sb.url,
    maxAttempts: 1,
    credentials: { accessKeyId: sb.env.AWS_ACCESS_KEY_ID, secretAccessKey: sb.env.AWS_SECRET_ACCESS_KEY },
  });
});
after(() => sb.close());

const put = (over: Partial<PutComplianceItemsCommandInput> = {}): PutComplianceItemsCommandInput => ({
  ResourceId: sb.host.instanceId,
  ResourceType: 'ManagedInstance',
  ComplianceType: 'Custom:GsAgentConfig',
  ExecutionSummary: { ExecutionTime: new Date('2026-12-06T12:00:00Z'), ExecutionType: 'Apply' },
  UploadType: 'COMPLETE',
  Items: [
    { Id: 'endpoint:a', Title: 'ok', Severity: 'HIGH', Status: 'COMPLIANT', Details: { agentStatus: 'ACTIVE' } },
    { Id: 'file:/etc/x', Title: 'changed', Severity: 'MEDIUM', Status: 'NON_COMPLIANT', Details: { drift: 'changed' } },
  ],
  ...over,
});

async function refusal(input: PutComplianceItemsCommandInput): Promise<string> {
  try {
    await ssm.send(new PutComplianceItemsCommand(input));
  } catch (err) {
    return (err as Error).name;
  }
  return 'accepted';
}

test('a report is accepted and read back: items, summary counts, execution time in epoch seconds', async () => {
  await ssm.send(new PutComplianceItemsCommand(put()));
  const items = await ssm.send(new ListComplianceItemsCommand({ ResourceIds: [sb.host.instanceId], ResourceTypes: ['ManagedInstance'] }));
  assert.deepEqual(
    items.ComplianceItems?.map((i) => [i.Id, i.Status, i.Severity, i.ExecutionSummary?.ExecutionTime?.toISOString()]),
    [
      ['endpoint:a', 'COMPLIANT', 'HIGH', '2026-12-06T12:00:00.000Z'],
      ['file:/etc/x', 'NON_COMPLIANT', 'MEDIUM', '2026-12-06T12:00:00.000Z'],
    ],
  );
  const sums = await ssm.send(
    new ListResourceComplianceSummariesCommand({ Filters: [{ Key: 'ComplianceType', Values: ['Custom:GsAgentConfig'], Type: 'EQUAL' }] }),
  );
  const s = sums.ResourceComplianceSummaryItems?.[0];
  assert.equal(s?.Status, 'NON_COMPLIANT');
  assert.equal(s?.OverallSeverity, 'MEDIUM');
  assert.equal(s?.NonCompliantSummary?.NonCompliantCount, 1);
  assert.equal(s?.CompliantSummary?.CompliantCount, 1);
  assert.equal(s?.ExecutionSummary?.ExecutionType, 'Apply');
  // COMPLETE replaces every item of the type.
  await ssm.send(new PutComplianceItemsCommand(put({ Items: [] })));
  const after = await ssm.send(new ListComplianceItemsCommand({ ResourceIds: [sb.host.instanceId] }));
  assert.deepEqual(after.ComplianceItems, []);
});

test('what the model refuses is refused, with the service error names', async () => {
  const item = put().Items![0];
  assert.equal(await refusal(put({ ResourceId: 'i-0123456789abcdef0' })), 'InvalidResourceId');
  assert.equal(await refusal(put({ ResourceType: 'Document' })), 'InvalidResourceType');
  assert.equal(await refusal(put({ ComplianceType: 'Custom:gs-agent.config' })), 'ValidationException');
  assert.equal(await refusal(put({ ComplianceType: 'Custom:a' })), 'ValidationException');
  assert.equal(await refusal(put({ Items: [{ ...item, Title: 'x'.repeat(501) }] })), 'ValidationException');
  assert.equal(await refusal(put({ Items: [{ ...item, Details: { ['k'.repeat(65)]: 'v' } }] })), 'ValidationException');
  assert.equal(await refusal(put({ Items: [{ ...item, Details: { '': 'v' } }] })), 'ValidationException');
  assert.equal(await refusal(put({ Items: [{ ...item, Details: { k: 'v'.repeat(4097) } }] })), 'ValidationException');
  assert.equal(await refusal(put({ Items: [{ ...item, Severity: 'SEVERE' as 'HIGH' }] })), 'ValidationException');
  assert.equal(await refusal(put({ Items: [{ ...item, Status: 'OK' as 'COMPLIANT' }] })), 'ValidationException');
  assert.equal(await refusal(put({ UploadType: 'SOME' as 'COMPLETE' })), 'ValidationException');
  assert.equal(
    await refusal(put({ ExecutionSummary: { ExecutionTime: new Date(), ExecutionType: 'x'.repeat(51) } })),
    'ValidationException',
  );
  // Every fleet host is a managed node; an item at the limits is accepted.
  const limits = { ...item, Title: 'x'.repeat(500), Details: { ['k'.repeat(64)]: 'v'.repeat(4096) } };
  assert.equal(await refusal(put({ ResourceId: sb.fleet[0].host.instanceId, Items: [limits] })), 'accepted');
});

test('listing: MaxResults 1–50, a token of ours only, known filter keys, one resource id', async () => {
  const list = async (input: ConstructorParameters<typeof ListComplianceItemsCommand>[0]) => {
    try {
      await ssm.send(new ListComplianceItemsCommand(input));
      return 'accepted';
    } catch (err) {
      return (err as Error).name;
    }
  };
  assert.equal(await list({ MaxResults: 51 }), 'ValidationException');
  assert.equal(await list({ NextToken: 'not-a-token' }), 'InvalidNextToken');
  assert.equal(await list({ Filters: [{ Key: 'Colour', Values: ['x'] }] }), 'InvalidFilter');
  assert.equal(await list({ ResourceIds: [sb.host.instanceId, sb.fleet[0].host.instanceId] }), 'InvalidResourceId');
  assert.equal(await list({ MaxResults: 50 }), 'accepted');
});

test('unsigned or wrongly signed requests are refused', async () => {
  const res = await fetch(sb.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.ListComplianceItems' },
    body: '{}',
  });
  assert.equal(res.status, 403);
});
