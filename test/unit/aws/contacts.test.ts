/**
 * The contacts port with the real SDK client: against the sandbox (typed results, the agent
 * address read from DescribeContact's V2 endpoint details), and against hostile servers of our
 * own (a repeated page token, endless pages, a contact without its times, access denied).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createContactsPort, MAX_CONTACT_PAGES } from '../../../src/aws/contacts.ts';
import { createDataflowEndpointGroupV2 } from '../../../src/aws/create-dataflow-endpoint-group-v2.ts';
import { AwsCallError, TransientError } from '../../../src/errors.ts';
import { downlink } from '../../helpers/groundstation-fixtures.ts';
import { rawServer } from '../../helpers/raw-server.ts';
import { useSandbox } from '../../helpers/sandbox-fixture.ts';
import { createMissionProfile, reserveContact, sdkClient } from '../../helpers/contacts-fixtures.ts';

const f = useSandbox('contacts-port');
const CREDS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const window = {
  statuses: ['SCHEDULED', 'PASS'] as Array<'SCHEDULED' | 'PASS'>,
  startMs: Date.now() - 3_600_000,
  endMs: Date.now() + 3_600_000,
};

test('listContacts and describeContact against the sandbox: times, status, the agent endpoints of the dataflows', async () => {
  f.sb.hostAgent.running = true;
  const client = sdkClient(f.sb);
  const ip = f.sb.host.interfaces[0].elasticIps[0].publicIp;
  await createDataflowEndpointGroupV2(client, { endpoints: [downlink('port-dl', ip)] });
  const profile = await createMissionProfile(client, ['port-dl'], { pre: 120, post: 60 });
  const start = Math.ceil(Date.now() / 1000) * 1000 + 600_000;
  const id = await reserveContact(client, profile.arn, start, start + 300_000);
  const port = createContactsPort({
    region: f.sb.host.region,
    endpoint: f.sb.url,
    credentials: { accessKeyId: f.sb.env.AWS_ACCESS_KEY_ID, secretAccessKey: f.sb.env.AWS_SECRET_ACCESS_KEY },
  });
  const listed = await port.listContacts(window);
  assert.equal(listed.length, 1);
  assert.deepEqual(
    { ...listed[0] },
    {
      id,
      status: 'SCHEDULED',
      startMs: start,
      endMs: start + 300_000,
      prePassStartMs: start - 120_000,
      postPassEndMs: start + 360_000,
      satelliteArn: listed[0].satelliteArn,
      groundStation: 'Ohio 1',
      missionProfileArn: profile.arn,
      region: f.sb.host.region,
    },
  );
  const d = await port.describeContact(id);
  assert.deepEqual(d.endpoints, [{ name: 'port-dl', direction: 'downlink', agentIp: ip, ports: { min: 42000, max: 42049 } }]);
  const mp = await port.getMissionProfile(profile.id);
  assert.equal(mp.arn, profile.arn);
  assert.equal(mp.dataflowEdges.length, 1);
  const cfg = await port.getConfig('dataflow-endpoint', profile.dataflowEndpointConfigArns[0].split('/').pop()!);
  assert.deepEqual(cfg.dataflowEndpoint, { name: 'port-dl' });
});

function portAt(url: string) {
  return createContactsPort({ region: 'us-east-2', endpoint: url, credentials: CREDS, maxAttempts: 1 });
}

const contact = (over: Record<string, unknown> = {}) => ({
  contactId: ID,
  contactStatus: 'PASS',
  startTime: 1_700_000_000,
  endTime: 1_700_000_600,
  ...over,
});

test('a service repeating its nextToken is caught (no endless loop), and so are endless pages', async () => {
  const repeating = await rawServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ contactList: [contact()], nextToken: 'same-token' }));
  });
  let n = 0;
  const endless = await rawServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ contactList: [], nextToken: `token-${n++}` }));
  });
  try {
    // Exit 5 like every list call's pagination (paginate.ts): the service is looping, not refusing.
    await assert.rejects(
      portAt(repeating.url).listContacts(window),
      (e: unknown) => e instanceof TransientError && /ListContacts served the same page token twice/.test(e.message),
    );
    assert.equal(repeating.hits(), 2);
    await assert.rejects(
      portAt(endless.url).listContacts(window),
      (e: unknown) => e instanceof TransientError && new RegExp(`ListContacts had more than ${MAX_CONTACT_PAGES} pages`).test(e.message),
    );
    assert.equal(endless.hits(), MAX_CONTACT_PAGES);
  } finally {
    await repeating.close();
    await endless.close();
  }
});

test('a contact without its times is refused whole; access denied maps to exit 4', async () => {
  const malformed = await rawServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ contactList: [contact({ endTime: undefined })] }));
  });
  const denied = await rawServer((_req, res) => {
    res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' });
    res.end(JSON.stringify({ message: 'User is not authorized to perform: groundstation:ListContacts' }));
  });
  try {
    // An incomplete answer is read again, then exit 5 (README "Trust boundary"), never used.
    await assert.rejects(
      portAt(malformed.url).listContacts(window),
      (e: unknown) =>
        e instanceof TransientError &&
        /ListContacts answered a contact without contactId, contactStatus, startTime or endTime/.test(e.message),
    );
    assert.equal(malformed.hits(), 3);
    await assert.rejects(
      portAt(denied.url).listContacts(window),
      (e: unknown) => e instanceof AwsCallError && e.exitCode === 4 && /ListContacts/.test(e.message),
    );
  } finally {
    await malformed.close();
    await denied.close();
  }
});
