import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DeleteDataflowEndpointGroupCommand,
  GetDataflowEndpointGroupCommand,
  ListDataflowEndpointGroupsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type GroundStationClient,
} from '@aws-sdk/client-groundstation';
import { SignatureV4 } from '@smithy/signature-v4';
import { createDataflowEndpointGroupV2 } from '../../../src/aws/create-dataflow-endpoint-group-v2.ts';
import { NodeSha256 } from '../../../sandbox/sigv4-check.ts';
import type { SandboxRequest } from '../../../sandbox/types.ts';
import {
  ACCOUNT,
  CREDS,
  REGION,
  downlink,
  startGroundStation,
  uplink,
  validRequest,
  type Sandbox,
} from '../../helpers/groundstation-fixtures.ts';

async function rejectsWith(p: Promise<unknown>, status: number, name: string, parameterName?: string): Promise<void> {
  await assert.rejects(p, (err: any) => {
    assert.equal(err.$metadata?.httpStatusCode, status, `status of ${err.name}: ${err.message}`);
    assert.equal(err.name, name);
    if (parameterName !== undefined) assert.equal(err.parameterName, parameterName);
    return true;
  });
}

const DL = 'endpoints.0.downlinkAwsGroundStationAgentEndpoint';
const DL_CONN = `${DL}.dataflowDetails.agentConnectionDetails`;
const dl = (r: any) => r.endpoints[0].downlinkAwsGroundStationAgentEndpoint;
const dlConn = (r: any) => dl(r).dataflowDetails.agentConnectionDetails;

const invalid: Array<{ name: string; mutate: (r: any) => void; parameterName: string }> = [
  {
    name: 'endpoint name longer than 256',
    mutate: (r) => {
      dl(r).name = 'a'.repeat(257);
    },
    parameterName: `${DL}.name`,
  },
  {
    name: 'endpoint name with a character outside SafeName',
    mutate: (r) => {
      dl(r).name = 'demo/downlink';
    },
    parameterName: `${DL}.name`,
  },
  {
    name: 'empty endpoint name',
    mutate: (r) => {
      dl(r).name = '';
    },
    parameterName: `${DL}.name`,
  },
  {
    name: 'missing endpoint name',
    mutate: (r) => {
      delete dl(r).name;
    },
    parameterName: `${DL}.name`,
  },
  {
    name: 'agent IP not an IPv4 address',
    mutate: (r) => {
      dlConn(r).agentIpAndPortAddress.socketAddress.name = 'agent.example.com';
    },
    parameterName: `${DL_CONN}.agentIpAndPortAddress.socketAddress.name`,
  },
  {
    name: 'agent mtu 1399',
    mutate: (r) => {
      dlConn(r).agentIpAndPortAddress.mtu = 1399;
    },
    parameterName: `${DL_CONN}.agentIpAndPortAddress.mtu`,
  },
  {
    name: 'agent mtu 1501',
    mutate: (r) => {
      dlConn(r).agentIpAndPortAddress.mtu = 1501;
    },
    parameterName: `${DL_CONN}.agentIpAndPortAddress.mtu`,
  },
  {
    name: '0 endpoints',
    mutate: (r) => {
      r.endpoints = [];
    },
    parameterName: 'endpoints',
  },
  {
    name: '13 endpoints',
    mutate: (r) => {
      r.endpoints = Array.from({ length: 13 }, (_, i) => downlink(`d${i}`));
    },
    parameterName: 'endpoints',
  },
  {
    name: 'missing endpoints',
    mutate: (r) => {
      delete r.endpoints;
    },
    parameterName: 'endpoints',
  },
  {
    name: 'endpoints not a list',
    mutate: (r) => {
      r.endpoints = { a: 1 };
    },
    parameterName: 'endpoints',
  },
  {
    name: 'null endpoint',
    mutate: (r) => {
      r.endpoints[1] = null;
    },
    parameterName: 'endpoints.1',
  },
  {
    name: 'pre-pass 29',
    mutate: (r) => {
      r.contactPrePassDurationSeconds = 29;
    },
    parameterName: 'contactPrePassDurationSeconds',
  },
  {
    name: 'post-pass 481',
    mutate: (r) => {
      r.contactPostPassDurationSeconds = 481;
    },
    parameterName: 'contactPostPassDurationSeconds',
  },
  {
    name: 'pre-pass not an integer',
    mutate: (r) => {
      r.contactPrePassDurationSeconds = 60.5;
    },
    parameterName: 'contactPrePassDurationSeconds',
  },
  {
    name: 'both union members set',
    mutate: (r) => {
      r.endpoints[0] = { ...downlink(), ...uplink() };
    },
    parameterName: 'endpoints.0',
  },
  {
    name: 'no union member set',
    mutate: (r) => {
      r.endpoints[0] = {};
    },
    parameterName: 'endpoints.0',
  },
  {
    name: 'only an unknown union member',
    mutate: (r) => {
      r.endpoints[0] = { sidewaysEndpoint: {} };
    },
    parameterName: 'endpoints.0',
  },
  {
    name: 'empty dataflowDetails union',
    mutate: (r) => {
      dl(r).dataflowDetails = {};
    },
    parameterName: `${DL}.dataflowDetails`,
  },
  {
    name: 'missing egress socketAddress',
    mutate: (r) => {
      delete dlConn(r).egressAddressAndPort.socketAddress;
    },
    parameterName: `${DL_CONN}.egressAddressAndPort.socketAddress`,
  },
  {
    name: 'missing egress port',
    mutate: (r) => {
      delete dlConn(r).egressAddressAndPort.socketAddress.port;
    },
    parameterName: `${DL_CONN}.egressAddressAndPort.socketAddress.port`,
  },
  {
    name: 'non-integer egress port',
    mutate: (r) => {
      dlConn(r).egressAddressAndPort.socketAddress.port = 30000.5;
    },
    parameterName: `${DL_CONN}.egressAddressAndPort.socketAddress.port`,
  },
  {
    name: 'egress port as a string',
    mutate: (r) => {
      dlConn(r).egressAddressAndPort.socketAddress.port = '30000';
    },
    parameterName: `${DL_CONN}.egressAddressAndPort.socketAddress.port`,
  },
  {
    name: 'port beyond a 32-bit integer',
    mutate: (r) => {
      dlConn(r).egressAddressAndPort.socketAddress.port = 2 ** 31;
    },
    parameterName: `${DL_CONN}.egressAddressAndPort.socketAddress.port`,
  },
  {
    name: 'missing agent portRange.minimum',
    mutate: (r) => {
      delete dlConn(r).agentIpAndPortAddress.socketAddress.portRange.minimum;
    },
    parameterName: `${DL_CONN}.agentIpAndPortAddress.socketAddress.portRange.minimum`,
  },
  {
    name: 'missing agentIpAndPortAddress',
    mutate: (r) => {
      delete dlConn(r).agentIpAndPortAddress;
    },
    parameterName: `${DL_CONN}.agentIpAndPortAddress`,
  },
  {
    name: 'uplink missing ingressAddressAndPort',
    mutate: (r) => {
      delete r.endpoints[1].uplinkAwsGroundStationAgentEndpoint.dataflowDetails.agentConnectionDetails.ingressAddressAndPort;
    },
    parameterName: 'endpoints.1.uplinkAwsGroundStationAgentEndpoint.dataflowDetails.agentConnectionDetails.ingressAddressAndPort',
  },
  {
    name: 'tag value not a string',
    mutate: (r) => {
      r.tags = { owner: 7 };
    },
    parameterName: 'tags.owner',
  },
];

describe('Ground Station stand-in: CreateDataflowEndpointGroupV2 validation', () => {
  let sb: Sandbox;
  let gs: GroundStationClient;
  before(async () => {
    sb = await startGroundStation();
    gs = sb.client();
  });
  after(() => sb.close());

  for (const c of invalid) {
    test(c.name, async () => {
      const req: any = validRequest();
      c.mutate(req);
      await rejectsWith(createDataflowEndpointGroupV2(gs, req), 431, 'InvalidParameterException', c.parameterName);
      assert.equal(sb.service.groups.size, 0);
    });
  }

  test('the message lists every violation in the service framework wording', async () => {
    const req: any = validRequest();
    dl(req).name = 'bad/name';
    req.contactPostPassDurationSeconds = 481;
    await assert.rejects(createDataflowEndpointGroupV2(gs, req), (err: any) => {
      assert.match(
        err.message,
        /^2 validation errors detected: Value 'bad\/name' at 'endpoints\.0\.downlinkAwsGroundStationAgentEndpoint\.name' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      );
      assert.match(
        err.message,
        /Value '481' at 'contactPostPassDurationSeconds' failed to satisfy constraint: Member must have value less than or equal to 480/,
      );
      return true;
    });
  });

  test('accepts the bounds, a customer-side mtu without range, and ignores unknown members', async () => {
    const req: any = validRequest();
    req.contactPrePassDurationSeconds = 30;
    req.contactPostPassDurationSeconds = 480;
    dlConn(req).agentIpAndPortAddress.mtu = 1400;
    dlConn(req).egressAddressAndPort.mtu = 9001;
    dl(req).futureMember = 'x';
    req.endpoints = [...req.endpoints, ...Array.from({ length: 10 }, (_, i) => downlink(`name with spaces:${i}`))];
    const out = await createDataflowEndpointGroupV2(gs, req);
    const got = await gs.send(new GetDataflowEndpointGroupCommand({ dataflowEndpointGroupId: out.dataflowEndpointGroupId }));
    const first = (got.endpointsDetails as any[])[0].downlinkAwsGroundStationAgentEndpoint;
    assert.equal(first.futureMember, undefined);
    assert.equal(first.dataflowDetails.agentConnectionDetails.egressAddressAndPort.mtu, 9001);
    assert.equal(got.endpointsDetails?.length, 12);
  });
});

describe('Ground Station stand-in: read, list, tag and delete', () => {
  let sb: Sandbox;
  let gs: GroundStationClient;
  before(async () => {
    sb = await startGroundStation({ ownedIps: () => ['198.51.100.10'] });
    gs = sb.client();
  });
  after(() => sb.close());

  test('create → get → list (paginated) → tag → untag → listTags → delete', async () => {
    const { dataflowEndpointGroupId: id } = await createDataflowEndpointGroupV2(gs, validRequest());
    assert.match(id ?? '', /^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}$/);
    const arn = `arn:aws:groundstation:${REGION}:${ACCOUNT}:dataflow-endpoint-group/${id}`;
    const got = await gs.send(new GetDataflowEndpointGroupCommand({ dataflowEndpointGroupId: id }));
    assert.equal(got.dataflowEndpointGroupArn, arn);
    assert.deepEqual(got.tags, { 'gs-agent-config:mission': 'demo' });
    assert.equal(got.contactPrePassDurationSeconds, 120);
    assert.deepEqual(
      (got.endpointsDetails as any[]).map((e) => [e.healthStatus, e.healthReasons]),
      [
        ['UNHEALTHY', ['NO_REGISTERED_AGENT']],
        ['UNHEALTHY', ['NO_REGISTERED_AGENT']],
      ],
    );

    for (let i = 0; i < 4; i++) await createDataflowEndpointGroupV2(gs, validRequest());
    const pages: string[][] = [];
    let nextToken: string | undefined;
    do {
      const page = await gs.send(new ListDataflowEndpointGroupsCommand({ maxResults: 2, nextToken }));
      pages.push((page.dataflowEndpointGroupList ?? []).map((g) => g.dataflowEndpointGroupId ?? ''));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.deepEqual(
      pages.map((p) => p.length),
      [2, 2, 1],
    );
    assert.deepEqual(pages.flat(), [...sb.service.groups.keys()]);

    await gs.send(new TagResourceCommand({ resourceArn: arn, tags: { a: '1', b: '2' } }));
    await gs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['a', 'gs-agent-config:mission'] }));
    const tags = await gs.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    assert.deepEqual(tags.tags, { b: '2' });

    const del = await gs.send(new DeleteDataflowEndpointGroupCommand({ dataflowEndpointGroupId: id }));
    assert.equal(del.dataflowEndpointGroupId, id);
    await rejectsWith(gs.send(new GetDataflowEndpointGroupCommand({ dataflowEndpointGroupId: id })), 434, 'ResourceNotFoundException');
  });

  test('health: registered agent → HEALTHY; an IP the account does not own → INVALID_IP_OWNERSHIP', async () => {
    const req = validRequest();
    req.endpoints = [downlink('owned'), uplink('foreign', '203.0.113.99')];
    const { dataflowEndpointGroupId: id } = await createDataflowEndpointGroupV2(gs, req);
    sb.service.setAgentRegistered(id as string, true);
    const got = await gs.send(new GetDataflowEndpointGroupCommand({ dataflowEndpointGroupId: id }));
    const [owned, foreign] = got.endpointsDetails as any[];
    assert.equal(owned.healthStatus, 'HEALTHY');
    assert.equal(owned.downlinkAwsGroundStationAgentEndpoint.agentStatus, 'ACTIVE');
    assert.equal(owned.downlinkAwsGroundStationAgentEndpoint.auditResults, 'HEALTHY');
    assert.deepEqual([foreign.healthStatus, foreign.healthReasons], ['UNHEALTHY', ['INVALID_IP_OWNERSHIP']]);
  });

  const rejected: Array<{
    name: string;
    send: (gs: GroundStationClient) => Promise<unknown>;
    status: number;
    type: string;
    parameterName?: string;
  }> = [
    {
      name: 'Get with a malformed id',
      send: (c) => c.send(new GetDataflowEndpointGroupCommand({ dataflowEndpointGroupId: 'not-a-uuid' })),
      status: 431,
      type: 'InvalidParameterException',
      parameterName: 'dataflowEndpointGroupId',
    },
    {
      name: 'Get of an unknown id',
      send: (c) => c.send(new GetDataflowEndpointGroupCommand({ dataflowEndpointGroupId: '00000000-0000-4000-8000-000000000000' })),
      status: 434,
      type: 'ResourceNotFoundException',
    },
    {
      name: 'Delete of an unknown id',
      send: (c) => c.send(new DeleteDataflowEndpointGroupCommand({ dataflowEndpointGroupId: '00000000-0000-4000-8000-000000000000' })),
      status: 434,
      type: 'ResourceNotFoundException',
    },
    {
      name: 'List with maxResults 0',
      send: (c) => c.send(new ListDataflowEndpointGroupsCommand({ maxResults: 0 })),
      status: 431,
      type: 'InvalidParameterException',
      parameterName: 'maxResults',
    },
    {
      name: 'List with maxResults 101',
      send: (c) => c.send(new ListDataflowEndpointGroupsCommand({ maxResults: 101 })),
      status: 431,
      type: 'InvalidParameterException',
      parameterName: 'maxResults',
    },
    {
      name: 'List with a too-short nextToken',
      send: (c) => c.send(new ListDataflowEndpointGroupsCommand({ nextToken: 'ab' })),
      status: 431,
      type: 'InvalidParameterException',
      parameterName: 'nextToken',
    },
    {
      name: 'List with a nextToken outside the pattern',
      send: (c) => c.send(new ListDataflowEndpointGroupsCommand({ nextToken: 'abc!def' })),
      status: 431,
      type: 'InvalidParameterException',
      parameterName: 'nextToken',
    },
    {
      name: 'ListTags with a non-ARN',
      send: (c) => c.send(new ListTagsForResourceCommand({ resourceArn: 'not-an-arn' })),
      status: 431,
      type: 'InvalidParameterException',
      parameterName: 'resourceArn',
    },
    {
      name: 'ListTags of an unknown ARN',
      send: (c) =>
        c.send(
          new ListTagsForResourceCommand({
            resourceArn: `arn:aws:groundstation:${REGION}:${ACCOUNT}:dataflow-endpoint-group/00000000-0000-4000-8000-000000000000`,
          }),
        ),
      status: 434,
      type: 'ResourceNotFoundException',
    },
    {
      name: 'Untag of an unknown ARN',
      send: (c) => c.send(new UntagResourceCommand({ resourceArn: 'arn:aws:groundstation:x', tagKeys: ['a'] })),
      status: 434,
      type: 'ResourceNotFoundException',
    },
  ];
  for (const c of rejected) {
    test(c.name, () => rejectsWith(c.send(gs), c.status, c.type, c.parameterName));
  }

  test('TagResource without tags', async () => {
    const { dataflowEndpointGroupId: id } = await createDataflowEndpointGroupV2(gs, validRequest());
    const arn = sb.service.groups.get(id as string)?.arn;
    await rejectsWith(
      gs.send(new TagResourceCommand({ resourceArn: arn, tags: undefined as any })),
      431,
      'InvalidParameterException',
      'tags',
    );
  });
});

describe('Ground Station stand-in: SigV4 and routing', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startGroundStation();
  });
  after(() => sb.close());

  test('no Authorization header → 403 MissingAuthenticationTokenException', async () => {
    const res = await fetch(`${sb.url}/dataflowEndpointGroup`);
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    assert.ok(res.headers.get('x-amzn-requestid'));
    assert.deepEqual(await res.json(), { message: 'Missing Authentication Token' });
  });

  test('unknown access key → 403 UnrecognizedClientException', () =>
    rejectsWith(
      sb.client({ credentials: { ...CREDS, accessKeyId: 'AKIDOTHER' } }).send(new ListDataflowEndpointGroupsCommand({})),
      403,
      'UnrecognizedClientException',
    ));

  test('wrong secret → 403 InvalidSignatureException', () =>
    rejectsWith(
      sb.client({ credentials: { ...CREDS, secretAccessKey: 'wrong' } }).send(new ListDataflowEndpointGroupsCommand({})),
      403,
      'InvalidSignatureException',
    ));

  test('signed for another region → 403 InvalidSignatureException', () =>
    rejectsWith(sb.client({ region: 'eu-west-1' }).send(new ListDataflowEndpointGroupsCommand({})), 403, 'InvalidSignatureException'));

  test('a correctly signed request to an unknown route → 404 UnknownOperationException', async () => {
    const signer = new SignatureV4({ service: 'groundstation', region: REGION, credentials: CREDS, sha256: NodeSha256 });
    const url = new URL(`${sb.url}/satellite`);
    const signed = await signer.sign({
      method: 'GET',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers: { host: url.host },
    });
    const res = await fetch(url, { headers: signed.headers });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('x-amzn-errortype'), 'UnknownOperationException');
  });

  test('identify names its operations and leaves IMDS and EC2 requests alone', () => {
    const req = (method: string, path: string, headers: Record<string, string> = {}): SandboxRequest => ({
      method,
      url: new URL(`http://127.0.0.1${path}`),
      headers,
      body: Buffer.alloc(0),
    });
    const arn = encodeURIComponent(`arn:aws:groundstation:${REGION}:${ACCOUNT}:dataflow-endpoint-group/x`);
    const id = '00000000-0000-4000-8000-000000000000';
    assert.deepEqual(
      [
        req('POST', '/dataflowEndpointGroupV2'),
        req('GET', `/dataflowEndpointGroup/${id}`),
        req('GET', '/dataflowEndpointGroup?maxResults=5'),
        req('DELETE', `/dataflowEndpointGroup/${id}`),
        req('GET', `/tags/${arn}`),
        req('POST', `/tags/${arn}`),
        req('DELETE', `/tags/${arn}?tagKeys=a`),
      ].map((r) => sb.service.identify(r)),
      [
        'groundstation:CreateDataflowEndpointGroupV2',
        'groundstation:GetDataflowEndpointGroup',
        'groundstation:ListDataflowEndpointGroups',
        'groundstation:DeleteDataflowEndpointGroup',
        'groundstation:ListTagsForResource',
        'groundstation:TagResource',
        'groundstation:UntagResource',
      ],
    );
    assert.equal(sb.service.identify(req('PUT', '/latest/api/token')), undefined);
    assert.equal(sb.service.identify(req('GET', '/latest/meta-data/instance-id')), undefined);
    assert.equal(sb.service.identify(req('POST', '/', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' })), undefined);
    assert.equal(sb.service.identify(req('GET', '/nothing')), undefined);
  });
});
