/**
 * The contacts side of the Ground Station stand-in, driven by the real SDK client: configs and
 * mission profiles, a reserved contact moving through its states by the sandbox clock on the
 * group whose endpoint names match, DescribeContact's dataflow list, and model constraints.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelContactCommand,
  CreateConfigCommand,
  DeleteConfigCommand,
  DescribeContactCommand,
  GetConfigCommand,
  ListConfigsCommand,
  ListContactsCommand,
  ListGroundStationsCommand,
  ListMissionProfilesCommand,
  ReserveContactCommand,
  DeleteMissionProfileCommand,
} from '@aws-sdk/client-groundstation';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../../sandbox/sigv4-check.ts';
import { createDataflowEndpointGroupV2 } from '../../../src/aws/create-dataflow-endpoint-group-v2.ts';
import { downlink } from '../../helpers/groundstation-fixtures.ts';
import { useSandbox } from '../../helpers/sandbox-fixture.ts';
import { createMissionProfile, reserveContact, sdkClient } from '../../helpers/contacts-fixtures.ts';

const f = useSandbox('contacts-svc');
const MIN = 60_000;
const ALL = ['SCHEDULED', 'PREPASS', 'PASS', 'POSTPASS', 'COMPLETED', 'CANCELLED', 'FAILED_TO_SCHEDULE'] as const;

async function statusOf(id: string): Promise<string | undefined> {
  return (await sdkClient(f.sb).send(new DescribeContactCommand({ contactId: id }))).contactStatus;
}

test('a contact runs SCHEDULED → PREPASS → PASS → POSTPASS → COMPLETED by the clock, on the group whose endpoint names match', async () => {
  const client = sdkClient(f.sb);
  f.sb.hostAgent.running = true;
  const ip = f.sb.host.interfaces[0].elasticIps[0].publicIp;
  const made = await createDataflowEndpointGroupV2(client, { endpoints: [downlink('dl-a', ip)] });
  const other = await createDataflowEndpointGroupV2(client, { endpoints: [downlink('dl-other', ip)] });
  const profile = await createMissionProfile(client, ['dl-a'], { pre: 120, post: 60 });
  // The SDK sends timestamps in whole epoch seconds.
  const now = Math.ceil(f.sb.contacts.clock.now() / 1000) * 1000;
  const id = await reserveContact(client, profile.arn, now + 10 * MIN, now + 20 * MIN);
  const stored = f.sb.contacts.contacts.get(id)!;
  assert.equal(stored.groupId, made.dataflowEndpointGroupId);
  assert.notEqual(stored.groupId, other.dataflowEndpointGroupId);
  assert.equal(await statusOf(id), 'SCHEDULED');
  const steps: Array<[number, string]> = [
    [8.5 * MIN, 'PREPASS'],
    [2 * MIN, 'PASS'],
    [10 * MIN, 'POSTPASS'],
    [1 * MIN, 'COMPLETED'],
  ];
  for (const [ms, want] of steps) {
    f.sb.contacts.clock.advance(ms);
    assert.equal(await statusOf(id), want);
  }
  const d = await client.send(new DescribeContactCommand({ contactId: id }));
  assert.equal(d.prePassStartTime?.getTime(), now + 8 * MIN);
  assert.equal(d.postPassEndTime?.getTime(), now + 21 * MIN);
  assert.equal(d.dataflowList?.length, 1);
  const dst = d.dataflowList[0].destination!;
  assert.equal(dst.configType, 'dataflow-endpoint');
  assert.equal(dst.configId, profile.dataflowEndpointConfigArns[0].split('/').pop());
  const ep = (dst.configDetails as any).endpointDetails.downlinkAwsGroundStationAgentEndpoint;
  assert.equal(ep.name, 'dl-a');
  assert.deepEqual(ep.dataflowDetails.agentConnectionDetails.agentIpAndPortAddress.socketAddress, {
    name: ip,
    portRange: { minimum: 42000, maximum: 42049 },
  });
  assert.equal(d.dataflowList[0].source?.configType, 'antenna-downlink');
  const listed = await client.send(
    new ListContactsCommand({ statusList: ['COMPLETED'], startTime: new Date(now), endTime: new Date(now + 60 * MIN) }),
  );
  assert.deepEqual(
    listed.contactList?.map((c) => c.contactId),
    [id],
  );
  assert.equal(listed.contactList[0].contactStatus, 'COMPLETED');
});

test("no healthy group with the profile's endpoint names: FAILED_TO_SCHEDULE; a busy group is not scheduled twice", async () => {
  const client = sdkClient(f.sb);
  const profile = await createMissionProfile(client, ['nowhere']);
  const now = f.sb.contacts.clock.now();
  const id = await reserveContact(client, profile.arn, now + 10 * MIN, now + 20 * MIN);
  assert.equal(await statusOf(id), 'FAILED_TO_SCHEDULE');
  const ip = f.sb.host.interfaces[0].elasticIps[0].publicIp;
  await createDataflowEndpointGroupV2(client, { endpoints: [downlink('dl-busy', ip)] });
  const busy = await createMissionProfile(client, ['dl-busy']);
  const first = await reserveContact(client, busy.arn, now + 10 * MIN, now + 20 * MIN);
  const second = await reserveContact(client, busy.arn, now + 15 * MIN, now + 25 * MIN);
  assert.equal(await statusOf(first), 'SCHEDULED');
  assert.equal(await statusOf(second), 'FAILED_TO_SCHEDULE');
  await client.send(new CancelContactCommand({ contactId: first }));
  assert.equal(await statusOf(first), 'CANCELLED');
});

test('ListContacts filters by status and window and pages with nextToken; configs and profiles list, get and delete', async () => {
  const client = sdkClient(f.sb);
  const now = f.sb.contacts.clock.now();
  let token: string | undefined;
  const ids: string[] = [];
  do {
    const page = await client.send(
      new ListContactsCommand({
        statusList: [...ALL],
        startTime: new Date(now - 600 * MIN),
        endTime: new Date(now + 600 * MIN),
        maxResults: 1,
        nextToken: token,
      }),
    );
    ids.push(...(page.contactList ?? []).map((c) => c.contactId!));
    token = page.nextToken;
  } while (token);
  assert.equal(ids.length, f.sb.contacts.contacts.size);
  const none = await client.send(
    new ListContactsCommand({ statusList: ['PASS'], startTime: new Date(now), endTime: new Date(now + 600 * MIN) }),
  );
  assert.deepEqual(none.contactList, []);
  const configs = await client.send(new ListConfigsCommand({}));
  const dfe = configs.configList!.find((c) => c.configType === 'dataflow-endpoint')!;
  const got = await client.send(new GetConfigCommand({ configId: dfe.configId!, configType: 'dataflow-endpoint' }));
  assert.deepEqual(got.configData, { dataflowEndpointConfig: { dataflowEndpointName: 'dl-a' } });
  // In use by a mission profile: DependencyException; after the profile is gone it deletes.
  await assert.rejects(client.send(new DeleteConfigCommand({ configId: dfe.configId!, configType: 'dataflow-endpoint' })), {
    name: 'DependencyException',
  });
  const profiles = await client.send(new ListMissionProfilesCommand({}));
  for (const p of profiles.missionProfileList!)
    await client.send(new DeleteMissionProfileCommand({ missionProfileId: p.missionProfileId! }));
  await client.send(new DeleteConfigCommand({ configId: dfe.configId!, configType: 'dataflow-endpoint' }));
  await assert.rejects(client.send(new GetConfigCommand({ configId: dfe.configId!, configType: 'dataflow-endpoint' })), {
    name: 'ResourceNotFoundException',
  });
  const stations = await client.send(new ListGroundStationsCommand({}));
  assert.ok(stations.groundStationList!.some((g) => g.groundStationName === 'Ohio 1' && g.region === f.sb.host.region));
});

test('model constraints: a config name outside SafeName, a dataflow endpoint config without its name, a contact without groundStation, a past start', async () => {
  const client = sdkClient(f.sb);
  await assert.rejects(
    client.send(new CreateConfigCommand({ name: 'bad/name', configData: { trackingConfig: { autotrack: 'PREFERRED' } } })),
    { name: 'InvalidParameterException', parameterName: 'name' },
  );
  await assert.rejects(client.send(new CreateConfigCommand({ name: 'x', configData: { dataflowEndpointConfig: {} as any } })), {
    name: 'InvalidParameterException',
    parameterName: 'configData.dataflowEndpointConfig.dataflowEndpointName',
  });
  const profile = await createMissionProfile(client, ['dl-a']);
  const now = f.sb.contacts.clock.now();
  await assert.rejects(
    client.send(
      new ReserveContactCommand({
        missionProfileArn: profile.arn,
        startTime: new Date(now + MIN),
        endTime: new Date(now + 2 * MIN),
      } as any),
    ),
    { name: 'InvalidParameterException', parameterName: 'groundStation' },
  );
  await assert.rejects(
    client.send(
      new ReserveContactCommand({
        missionProfileArn: profile.arn,
        groundStation: 'Ohio 1',
        startTime: new Date(now - MIN),
        endTime: new Date(now + 2 * MIN),
      } as any),
    ),
    { name: 'InvalidParameterException', parameterName: 'startTime' },
  );
  await assert.rejects(client.send(new ListContactsCommand({ statusList: ['PASS'], startTime: new Date(now) } as any)), {
    name: 'InvalidParameterException',
    parameterName: 'endTime',
  });
});

test("a boto3-shaped ReserveContact (integer epoch seconds, botocore headers) is scheduled like the SDK's", async () => {
  const client = sdkClient(f.sb);
  const ip = f.sb.host.interfaces[0].elasticIps[0].publicIp;
  await createDataflowEndpointGroupV2(client, { endpoints: [downlink('dl-boto', ip)] });
  const profile = await createMissionProfile(client, ['dl-boto']);
  const start = Math.floor(f.sb.contacts.clock.now() / 1000) + 3600;
  const creds = { accessKeyId: f.sb.env.AWS_ACCESS_KEY_ID, secretAccessKey: f.sb.env.AWS_SECRET_ACCESS_KEY };
  const signer = new SignatureV4({ service: 'groundstation', region: f.sb.host.region, credentials: creds, sha256: NodeSha256 });
  const url = new URL(`${f.sb.url}/contact`);
  const body = JSON.stringify({ endTime: start + 600, groundStation: 'Ohio 1', missionProfileArn: profile.arn, startTime: start });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: {},
    body,
    headers: {
      host: url.host,
      'content-type': 'application/json',
      'user-agent': 'Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux lang/python#3.11',
    },
  });
  const res = await fetch(url, { method: 'POST', headers: signed.headers, body });
  assert.equal(res.status, 200, await res.clone().text());
  const { contactId } = (await res.json()) as { contactId: string };
  const d = await client.send(new DescribeContactCommand({ contactId }));
  assert.equal(d.contactStatus, 'SCHEDULED');
  assert.equal(d.startTime?.getTime(), start * 1000);
  assert.equal(
    (d.dataflowList![0].destination!.configDetails as any).endpointDetails.downlinkAwsGroundStationAgentEndpoint.name,
    'dl-boto',
  );
});
