/** The tagging stand-in through the real @aws-sdk/client-resource-groups-tagging-api client. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { startSandbox, type Sandbox } from '../../../sandbox/server.ts';
import { createTaggingPort } from '../../../src/aws/tagging.ts';
import { AwsCallError } from '../../../src/errors.ts';

let sb: Sandbox;
let client: ResourceGroupsTaggingAPIClient;
before(async () => {
  sb = await startSandbox({ otherGroups: 250 });
  client = new ResourceGroupsTaggingAPIClient({
    region: sb.host.region,
    endpoint: sb.url,
    maxAttempts: 1,
    credentials: { accessKeyId: sb.env.AWS_ACCESS_KEY_ID, secretAccessKey: sb.env.AWS_SECRET_ACCESS_KEY },
  });
});
after(async () => {
  client.destroy();
  await sb.close();
});

test('GetResources filters by tag key and value, pages of ResourcesPerPage', async () => {
  const out = await client.send(
    new GetResourcesCommand({
      ResourceTypeFilters: ['groundstation:dataflow-endpoint-group'],
      TagFilters: [{ Key: 'gs-agent-config:mission', Values: ['other-mission-3'] }],
      ResourcesPerPage: 10,
    }),
  );
  assert.equal(out.ResourceTagMappingList?.length, 10);
  assert.ok(out.PaginationToken);
  const all = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new GetResourcesCommand({
        TagFilters: [{ Key: 'gs-agent-config:mission', Values: ['other-mission-3'] }],
        ResourcesPerPage: 10,
        PaginationToken: token,
      }),
    );
    all.push(...(page.ResourceTagMappingList ?? []));
    token = page.PaginationToken || undefined;
  } while (token);
  assert.equal(
    all.length,
    [...sb.groundStation.groups.values()].filter((g) => g.tags['gs-agent-config:mission'] === 'other-mission-3').length,
  );
  assert.ok(all.every((m) => m.Tags?.some((t) => t.Key === 'gs-agent-config:mission' && t.Value === 'other-mission-3')));
});

test('constraints are enforced as the API documents them', async () => {
  await assert.rejects(client.send(new GetResourcesCommand({ ResourcesPerPage: 101 })), { name: 'InvalidParameterException' });
  await assert.rejects(client.send(new GetResourcesCommand({ TagFilters: [{ Key: '' }] })), { name: 'InvalidParameterException' });
  await assert.rejects(client.send(new GetResourcesCommand({ PaginationToken: 'not-ours' })), { name: 'PaginationTokenExpiredException' });
});

test('the port finds ARNs by tags; a denied role is AccessDeniedException (exit 4) for the fallback to catch', async () => {
  const port = createTaggingPort({
    region: sb.host.region,
    endpoint: sb.url,
    credentials: { accessKeyId: sb.env.AWS_ACCESS_KEY_ID, secretAccessKey: sb.env.AWS_SECRET_ACCESS_KEY },
  });
  const arns = await port.findGroupArns({ 'gs-agent-config:instance-id': 'i-0000000000f000007' });
  assert.deepEqual(arns, [
    [...sb.groundStation.groups.values()].find((g) => g.tags['gs-agent-config:instance-id'] === 'i-0000000000f000007')!.arn,
  ]);
  sb.tagging.deny = true;
  try {
    await assert.rejects(
      port.findGroupArns({ team: undefined }),
      (e: Error) => e instanceof AwsCallError && e.code === 'AccessDeniedException',
    );
  } finally {
    sb.tagging.deny = false;
  }
});
