/**
 * The contacts port with the real SDK client: against the sandbox (typed results, the agent
 * address read from DescribeContact's V2 endpoint details, the Date header measuring AWS's
 * clock), and against hostile servers of our own (a repeated page token, endless pages, a
 * contact without its times or with them as strings, a garbled page, access denied, another id).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createContactsPort, MAX_CONTACT_PAGES } from '../../../src/aws/contacts.ts';
import { createAwsClock } from '../../../src/aws-clock.ts';
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
  // A host whose clock is an hour ahead: the sandbox's Date header measures it.
  const clock = createAwsClock(() => Date.now() + 3_600_000);
  const port = createContactsPort({
    region: f.sb.host.region,
    endpoint: f.sb.url,
    credentials: { accessKeyId: f.sb.env.AWS_ACCESS_KEY_ID, secretAccessKey: f.sb.env.AWS_SECRET_ACCESS_KEY },
    clock,
  });
  const listing = await port.listContacts(window);
  assert.equal(listing.unfinished, undefined);
  assert.equal(listing.contacts.length, 1);
  const [listed] = listing.contacts;
  assert.ok(listed.sound);
  assert.ok(Math.abs(clock.skewMs() + 3_600_000) < 2_000, `skew ${clock.skewMs()}`);
  assert.ok(Math.abs(clock.now() - Date.now()) < 2_000);
  assert.deepEqual(
    { ...listed.contact },
    {
      id,
      status: 'SCHEDULED',
      startMs: start,
      endMs: start + 300_000,
      prePassStartMs: start - 120_000,
      postPassEndMs: start + 360_000,
      satelliteArn: listed.contact.satelliteArn,
      groundStation: 'Ohio 1',
      missionProfileArn: profile.arn,
      region: f.sb.host.region,
    },
  );
  const d = await port.describeContact(id);
  assert.ok(d.sound);
  assert.deepEqual(d.contact.endpoints, [{ name: 'port-dl', direction: 'downlink', agentIp: ip, ports: { min: 42000, max: 42049 } }]);
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

/** A server answering every ListContacts page with `page(n)` (n from 1) and DescribeContact with `described`. */
async function contactsServer(page: (n: number) => unknown, described: unknown = {}) {
  let n = 0;
  return rawServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.method === 'POST' ? page(++n) : described));
  });
}

test('a listing that cannot be finished (a repeated token, endless pages, a later page garbled) returns what was read, saying why', async () => {
  const repeating = await contactsServer(() => ({ contactList: [contact()], nextToken: 'same-token' }));
  const endless = await contactsServer((n) => ({ contactList: [], nextToken: `token-${n}` }));
  const garbled = await contactsServer((n) => (n === 1 ? { contactList: [contact()], nextToken: 'next' } : { contactList: 'x' }));
  try {
    const r = await portAt(repeating.url).listContacts(window);
    assert.match(r.unfinished ?? '', /ListContacts served the same page token twice \(after 2 pages\)/);
    assert.equal(r.contacts.length, 2);
    assert.equal(repeating.hits(), 2);
    const e = await portAt(endless.url).listContacts(window);
    assert.equal(e.unfinished, `ListContacts had more than ${MAX_CONTACT_PAGES} pages`);
    assert.equal(endless.hits(), MAX_CONTACT_PAGES);
    const g = await portAt(garbled.url).listContacts(window);
    assert.match(
      g.unfinished ?? '',
      /^page 2 of ListContacts could not be read: ListContacts answered a page that is not a contact listing/,
    );
    assert.equal(g.contacts.length, 1);
  } finally {
    await Promise.all([repeating.close(), endless.close(), garbled.close()]);
  }
});

test('a first page that is not a listing is read again, then exit 5; access denied is exit 4', async () => {
  const garbled = await contactsServer(() => ({ contactList: { not: 'a list' } }));
  const denied = await rawServer((_req, res) => {
    res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' });
    res.end(JSON.stringify({ message: 'User is not authorized to perform: groundstation:ListContacts' }));
  });
  try {
    await assert.rejects(
      portAt(garbled.url).listContacts(window),
      (e: unknown) => e instanceof TransientError && /ListContacts answered a page that is not a contact listing/.test(e.message),
    );
    assert.equal(garbled.hits(), 3);
    await assert.rejects(
      portAt(denied.url).listContacts(window),
      (e: unknown) => e instanceof AwsCallError && e.exitCode === 4 && /ListContacts/.test(e.message),
    );
  } finally {
    await Promise.all([garbled.close(), denied.close()]);
  }
});

/** The escape character: the reason keeps the status as AWS sent it (it is escaped where it is printed). */
const ESC = String.fromCharCode(0x1b);

const unjudged: Array<{ name: string; over: Record<string, unknown>; problem: RegExp }> = [
  { name: 'an unknown status', over: { contactStatus: 'NEWSTATUS' }, problem: /^status "NEWSTATUS" is unknown$/ },
  { name: 'no status', over: { contactStatus: undefined }, problem: /^it has no contactStatus$/ },
  { name: 'an end before its start', over: { endTime: 1_699_999_000 }, problem: /^its endTime is before its startTime$/ },
  { name: 'times as strings', over: { startTime: '1700000000' }, problem: /^startTime is a string \("1700000000"\), not epoch seconds$/ },
  { name: 'no endTime', over: { endTime: undefined }, problem: /^it has no endTime$/ },
  { name: 'a pre-pass after the start', over: { prePassStartTime: 1_700_000_100 }, problem: /prePassStartTime is after its startTime/ },
  { name: 'a post-pass before the end', over: { postPassEndTime: 1_700_000_500 }, problem: /postPassEndTime is before its endTime/ },
  { name: 'an id that is not a UUID', over: { contactId: 'x/../y' }, problem: /^its contactId "x\/\.\.\/y" is not a UUID$/ },
  {
    name: 'a control character in the status',
    over: { contactStatus: 'PASS\u001b[2J' },
    problem: new RegExp(`^status "PASS${ESC}\\[2J" is unknown$`),
  }, // escaped where it is printed, not here
];

test('a contact the guard cannot judge is listed as unjudged, with the reason (the SDK would have coerced or dropped it)', async () => {
  for (const u of unjudged) {
    const server = await contactsServer(() => ({ contactList: [contact(u.over)] }));
    try {
      const [c] = (await portAt(server.url).listContacts(window)).contacts;
      assert.equal(c.sound, false, u.name);
      assert.ok(!c.sound && c.contact.problems.some((p) => u.problem.test(p)), `${u.name}: ${JSON.stringify(c.contact)}`);
    } finally {
      await server.close();
    }
  }
});

const dataflow = (side: Record<string, unknown>) => ({
  source: { configType: 'antenna-downlink', configId: 'a' },
  destination: { configType: 'dataflow-endpoint', configId: 'b', ...side },
});
const v2 = {
  configDetails: {
    endpointDetails: {
      downlinkAwsGroundStationAgentEndpoint: {
        name: 'dl',
        dataflowDetails: {
          agentConnectionDetails: {
            agentIpAndPortAddress: { socketAddress: { name: '203.0.113.10', portRange: { minimum: 42000, maximum: 42049 } } },
          },
        },
      },
    },
  },
};

test('DescribeContact: sound only for the id asked, with a readable dataflow list; anything else is unjudged', async () => {
  const cases: Array<{ name: string; body: unknown; problem?: RegExp }> = [
    { name: 'sound', body: { ...contact(), dataflowList: [dataflow(v2)] } },
    {
      name: 'another id',
      body: { ...contact({ contactId: ID.replace('0a', 'ff') }), dataflowList: [dataflow(v2)] },
      problem: /answered for another contact/,
    },
    { name: 'no dataflowList', body: contact(), problem: /without dataflowList/ },
    { name: 'an empty dataflowList', body: { ...contact(), dataflowList: [] }, problem: /dataflowList is empty/ },
    { name: 'no configDetails', body: { ...contact(), dataflowList: [dataflow({})] }, problem: /has no configDetails\.endpointDetails/ },
    {
      name: 'endpoint details without an address',
      body: { ...contact(), dataflowList: [dataflow({ configDetails: { endpointDetails: { healthStatus: 'HEALTHY' } } })] },
      problem: /name no agent address and port range/,
    },
    {
      name: 'an unknown config type',
      body: { ...contact(), dataflowList: [{ ...dataflow(v2), source: { configType: 'antenna-sideways' } }] },
      problem: /config type "antenna-sideways", not one the model knows/,
    },
    { name: 'an unknown status', body: { ...contact({ contactStatus: 'NEWSTATUS' }), dataflowList: [dataflow(v2)] }, problem: /NEWSTATUS/ },
  ];
  for (const c of cases) {
    const server = await contactsServer(() => ({}), c.body);
    try {
      const d = await portAt(server.url).describeContact(ID);
      if (!c.problem) {
        assert.ok(d.sound, c.name);
        assert.deepEqual(d.contact.endpoints, [
          { name: 'dl', direction: 'downlink', agentIp: '203.0.113.10', ports: { min: 42000, max: 42049 } },
        ]);
        continue;
      }
      assert.ok(!d.sound, c.name);
      assert.equal(d.contact.id, ID);
      assert.ok(
        d.contact.problems.some((p) => c.problem!.test(p)),
        `${c.name}: ${d.contact.problems.join(' | ')}`,
      );
      // An answer for another id says nothing of this contact's dataflows.
      if (c.name === 'another id') assert.equal(d.contact.endpoints, undefined);
      if (c.name === 'an unknown status') assert.equal(d.contact.endpoints?.length, 1);
    } finally {
      await server.close();
    }
  }
});
