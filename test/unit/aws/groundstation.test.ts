import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createGroundStationPort, type GroundStationPort } from '../../../src/aws/groundstation.ts';
import { parseEndpoint } from '../../../src/aws/parse-group.ts';
import { AwsCallError, EXIT, TransientError } from '../../../src/errors.ts';
import type { GroupEndpointState } from '../../../src/types.ts';
import { CREDS, REGION, startGroundStation, validRequest, type Sandbox } from '../../helpers/groundstation-fixtures.ts';
import { closedPortUrl, rawServer } from '../../helpers/raw-server.ts';

const EXPECTED_ENDPOINTS: GroupEndpointState[] = [
  {
    name: 'demo-downlink',
    direction: 'downlink',
    agent: { ip: '198.51.100.10', ports: { min: 42000, max: 42049 }, mtu: 1500 },
    address: { host: '10.0.0.5', port: 30000, mtu: 1450 },
    healthStatus: 'UNHEALTHY',
    healthReasons: ['NO_REGISTERED_AGENT'],
  },
  {
    name: 'demo-uplink',
    direction: 'uplink',
    agent: { ip: '198.51.100.10', ports: { min: 42050, max: 42099 } },
    address: { host: '10.0.0.6', port: 30001 },
    healthStatus: 'UNHEALTHY',
    healthReasons: ['NO_REGISTERED_AGENT'],
  },
];

function assertError<T extends Error>(type: new (...args: any[]) => T, check: (e: T) => void) {
  return (err: unknown) => {
    assert.ok(err instanceof type, `expected ${type.name}, got ${String(err)}`);
    check(err);
    return true;
  };
}

describe('GroundStationPort against the stand-in', () => {
  let sb: Sandbox;
  let gs: GroundStationPort;
  before(async () => {
    sb = await startGroundStation({ listPageSize: 2 });
    gs = createGroundStationPort({ region: REGION, endpoint: sb.url, credentials: CREDS });
  });
  after(() => sb.close());

  test('round trip: getGroup maps an uplink+downlink group back to the request exactly', async () => {
    const id = await gs.createGroup(validRequest());
    const group = await gs.getGroup(id);
    assert.deepEqual(group, {
      id,
      arn: sb.service.groups.get(id)?.arn,
      endpoints: EXPECTED_ENDPOINTS,
      tags: { 'gs-agent-config:mission': 'demo' },
      contactPrePassDurationSeconds: 120,
      contactPostPassDurationSeconds: 60,
    });
    sb.service.setAgentRegistered(id, true);
    const healthy = await gs.getGroup(id);
    assert.deepEqual(
      healthy.endpoints.map((e) => [e.healthStatus, e.agentStatus, e.auditResults]),
      [
        ['HEALTHY', 'ACTIVE', 'HEALTHY'],
        ['HEALTHY', 'ACTIVE', 'HEALTHY'],
      ],
    );
  });

  test('V1-only endpoint details are ignored', () => {
    assert.equal(parseEndpoint('GetDataflowEndpointGroup', { endpoint: { name: 'v1' } }, 0), undefined);
  });

  test('listGroups follows nextToken across pages', async () => {
    for (let i = 0; i < 4; i++) await gs.createGroup(validRequest());
    const groups = await gs.listGroups();
    assert.equal(groups.length, sb.service.groups.size);
    assert.ok(groups.length > 2);
    assert.deepEqual(
      groups,
      [...sb.service.groups.values()].map((g) => ({ id: g.id, arn: g.arn })),
    );
  });

  test('tags, untag and delete', async () => {
    const id = await gs.createGroup(validRequest());
    const { arn } = await gs.getGroup(id);
    await gs.tagResource(arn, { team: 'ops', stage: 'dev' });
    await gs.untagResource(arn, ['stage', 'gs-agent-config:mission']);
    assert.deepEqual((await gs.getGroup(id)).tags, { team: 'ops' });
    await gs.deleteGroup(id);
    assert.equal(sb.service.groups.has(id), false);
  });

  test('431 → AwsCallError (exit 4) naming the operation and the parameter', async () => {
    const req = validRequest();
    req.contactPrePassDurationSeconds = 10;
    await assert.rejects(
      gs.createGroup(req),
      assertError(AwsCallError, (e) => {
        assert.equal(e.exitCode, EXIT.awsRefused);
        assert.equal(e.code, 'InvalidParameterException');
        assert.match(
          e.message,
          /^CreateDataflowEndpointGroupV2 was refused by AWS \(InvalidParameterException, parameter contactPrePassDurationSeconds\)/,
        );
        assert.match(e.message, /fix that value/);
        assert.ok(e.requestId);
        assert.ok(e.details.includes('HTTP status: 431'));
      }),
    );
  });

  test('434 → AwsCallError ResourceNotFoundException', async () => {
    await assert.rejects(
      gs.getGroup('00000000-0000-4000-8000-000000000000'),
      assertError(AwsCallError, (e) => {
        assert.equal(e.code, 'ResourceNotFoundException');
        assert.match(e.message, /^GetDataflowEndpointGroup was refused by AWS/);
      }),
    );
  });

  test('bad credentials → AwsCallError that does not print them', async () => {
    const bad = createGroundStationPort({
      region: REGION,
      endpoint: sb.url,
      credentials: { accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: 'top-secret' },
    });
    await assert.rejects(
      bad.listGroups(),
      assertError(AwsCallError, (e) => {
        assert.equal(e.code, 'UnrecognizedClientException');
        assert.equal(e.exitCode, EXIT.awsRefused);
        assert.doesNotMatch(`${e.message} ${e.details.join(' ')}`, /AKIAABCDEFGHIJKLMNOP|top-secret/);
      }),
    );
  });

  test('AWS_ENDPOINT_URL_GROUNDSTATION is honoured when no endpoint is passed', async () => {
    const saved = process.env.AWS_ENDPOINT_URL_GROUNDSTATION;
    process.env.AWS_ENDPOINT_URL_GROUNDSTATION = sb.url;
    try {
      const viaEnv = createGroundStationPort({ region: REGION, credentials: CREDS });
      const id = await viaEnv.createGroup(validRequest());
      assert.ok(sb.service.groups.has(id));
      assert.ok((await viaEnv.listGroups()).some((g) => g.id === id));
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_GROUNDSTATION;
      else process.env.AWS_ENDPOINT_URL_GROUNDSTATION = saved;
    }
  });
});

describe('GroundStationPort: failures that are not the stand-in', () => {
  test('531 DependencyException → TransientError (exit 5), not retried', async () => {
    const srv = await rawServer((_req, res) => {
      res.writeHead(531, { 'content-type': 'application/json', 'x-amzn-errortype': 'DependencyException', 'x-amzn-requestid': 'req-531' });
      res.end(JSON.stringify({ message: 'Dependency failed', parameterName: 'x' }));
    });
    try {
      const gs = createGroundStationPort({ region: REGION, endpoint: srv.url, credentials: CREDS });
      await assert.rejects(
        gs.createGroup(validRequest()),
        assertError(TransientError, (e) => {
          assert.equal(e.exitCode, EXIT.transient);
          assert.match(
            e.message,
            /^CreateDataflowEndpointGroupV2 failed with a transient error \(DependencyException\).*Retry CreateDataflowEndpointGroupV2/,
          );
          assert.ok(e.details.includes('request id: req-531'));
        }),
      );
      assert.equal(srv.hits(), 1);
    } finally {
      await srv.close();
    }
  });

  test('402 ServiceQuotaExceededException → AwsCallError', async () => {
    const srv = await rawServer((_req, res) => {
      res.writeHead(402, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          __type: 'com.amazonaws.groundstation#ServiceQuotaExceededException',
          Message: 'Too many groups',
          parameterName: 'endpoints',
        }),
      );
    });
    try {
      const gs = createGroundStationPort({ region: REGION, endpoint: srv.url, credentials: CREDS });
      await assert.rejects(
        gs.createGroup(validRequest()),
        assertError(AwsCallError, (e) => {
          assert.equal(e.code, 'ServiceQuotaExceededException');
          assert.match(e.message, /Too many groups.*Service Quotas/);
        }),
      );
    } finally {
      await srv.close();
    }
  });

  test('503 → retried maxAttempts times, then TransientError', async () => {
    const srv = await rawServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{}');
    });
    try {
      const gs = createGroundStationPort({ region: REGION, endpoint: srv.url, credentials: CREDS, maxAttempts: 2 });
      await assert.rejects(
        gs.listGroups(),
        assertError(TransientError, (e) => assert.match(e.message, /ListDataflowEndpointGroups/)),
      );
      assert.equal(srv.hits(), 2);
    } finally {
      await srv.close();
    }
  });

  test('socket hang-up → TransientError', async () => {
    const srv = await rawServer((req) => req.socket.destroy());
    try {
      const gs = createGroundStationPort({ region: REGION, endpoint: srv.url, credentials: CREDS, maxAttempts: 1 });
      await assert.rejects(
        gs.deleteGroup('00000000-0000-4000-8000-000000000000'),
        assertError(TransientError, (e) => {
          assert.match(e.message, /^DeleteDataflowEndpointGroup failed with a transient error/);
        }),
      );
    } finally {
      await srv.close();
    }
  });

  test('ECONNREFUSED → TransientError after the default 3 attempts', async () => {
    const gs = createGroundStationPort({ region: REGION, endpoint: await closedPortUrl(), credentials: CREDS });
    await assert.rejects(
      gs.getGroup('11111111-2222-3333-4444-555555555555'),
      assertError(TransientError, (e) => {
        assert.match(e.message, /ECONNREFUSED/);
        assert.match(e.message, /Retry GetDataflowEndpointGroup/);
        assert.equal(e.exitCode, EXIT.transient);
      }),
    );
  });
});
