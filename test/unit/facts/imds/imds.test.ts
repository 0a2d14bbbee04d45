import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { HostFactsError, TransientError } from '../../../../src/errors.ts';
import { createImdsClient } from '../../../../src/facts/imds/imds.ts';
import { readImdsFacts } from '../../../../src/facts/imds/imds-facts.ts';
import { getHostProfile } from '../../../../sandbox/hosts.ts';
import { createImdsService } from '../../../../sandbox/imds-service.ts';
import type { SandboxResponse, SandboxService } from '../../../../sandbox/types.ts';
import { serveService } from '../../../helpers/serve-service.ts';

const host = getHostProfile('two-eni');
const fast = { timeoutMs: 300, attempts: 3, backoffMs: 10 };

/** The real stand-in, counting token PUTs and GETs, with an optional fault before it. */
function counted(fault?: (action: string, n: number) => SandboxResponse | undefined) {
  const imds = createImdsService(host);
  const counts = { puts: 0, gets: 0 };
  const service: SandboxService = {
    identify: (req) => imds.identify(req),
    handle: (req, action) => {
      const n = action === 'imds:token' ? ++counts.puts : ++counts.gets;
      return fault?.(action, n) ?? imds.handle(req, action);
    },
  };
  return { imds, counts, service };
}

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('IMDS client against the stand-in', () => {
  const { imds, counts, service } = counted();
  let server: { url: string; close(): Promise<void> };
  before(async () => {
    server = await serveService(service);
  });
  after(async () => {
    await server.close();
  });

  test('reads all facts of the two-eni host with ONE token', async () => {
    counts.puts = 0;
    const facts = await readImdsFacts(createImdsClient({ endpoint: server.url, ...fast }));
    assert.equal(counts.puts, 1);
    assert.ok(counts.gets > 10);
    assert.deepEqual(facts.instance, {
      id: host.instanceId,
      type: 'c5.24xlarge',
      region: 'us-east-2',
      availabilityZone: 'us-east-2a',
      accountId: '123456789012',
    });
    const [eth0, eth1] = host.interfaces;
    assert.deepEqual(facts.interfaces, [
      {
        mac: eth0.mac,
        deviceNumber: 0,
        interfaceId: eth0.interfaceId,
        subnetId: eth0.subnetId,
        vpcId: eth0.vpcId,
        privateIps: eth0.privateIps,
        publicIps: [],
        ipv4Associations: {},
        securityGroupIds: eth0.securityGroupIds,
      },
      {
        mac: eth1.mac,
        deviceNumber: 1,
        interfaceId: eth1.interfaceId,
        subnetId: eth1.subnetId,
        vpcId: eth1.vpcId,
        privateIps: eth1.privateIps,
        publicIps: ['203.0.113.61'],
        ipv4Associations: { '203.0.113.61': eth1.privateIps[0] },
        securityGroupIds: eth1.securityGroupIds,
      },
    ]);
  });

  test('re-fetches the token once after it expires', async () => {
    counts.puts = 0;
    const client = createImdsClient({ endpoint: server.url, ...fast });
    assert.equal(await client.get('meta-data/instance-id'), host.instanceId);
    imds.expireTokens();
    const [a, b] = await Promise.all([client.get('meta-data/instance-type'), client.get('meta-data/placement/region')]);
    assert.deepEqual([a, b], ['c5.24xlarge', 'us-east-2']);
    assert.equal(counts.puts, 2, 'one initial PUT, one shared re-PUT');
  });

  test('404 gives undefined; lists give []', async () => {
    const client = createImdsClient({ endpoint: server.url, ...fast });
    assert.equal(await client.get('meta-data/public-ipv4'), undefined);
    assert.deepEqual(await client.getLines(`meta-data/network/interfaces/macs/${host.interfaces[0].mac}/public-ipv4s`), []);
  });

  test('endpoint from AWS_EC2_METADATA_SERVICE_ENDPOINT', async () => {
    const saved = process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
    process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = `${server.url}/`;
    try {
      const client = createImdsClient(fast);
      assert.equal(client.endpoint, server.url);
      assert.equal(await client.get('meta-data/instance-id'), host.instanceId);
    } finally {
      if (saved === undefined) delete process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
      else process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = saved;
    }
  });
});

describe('IMDS client failures', () => {
  test('nothing listening: retries, then TransientError naming the endpoint', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const client = createImdsClient({ endpoint, ...fast });
    await assert.rejects(client.get('meta-data/instance-id'), (err: unknown) => {
      assert.ok(err instanceof TransientError);
      assert.match(err.message, new RegExp(`IMDS at ${endpoint} did not answer \\(ECONNREFUSED\\) after 3 attempt`));
      assert.ok(err.details.some((d) => d.includes('AWS_EC2_METADATA_SERVICE_ENDPOINT')));
      assert.ok(err.details.some((d) => d.includes('HttpPutResponseHopLimit')));
      return true;
    });
  });

  test('a server that never answers times out per attempt', async () => {
    // Reads (so it notices the client hanging up) but never answers.
    const silent: Server = createServer((socket) => {
      socket.resume();
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const started = Date.now();
    try {
      await assert.rejects(
        createImdsClient({ endpoint, timeoutMs: 100, attempts: 2, backoffMs: 10 }).get('meta-data/instance-id'),
        (err: unknown) => err instanceof TransientError && /no answer within 100 ms\) after 2 attempt/.test(err.message),
      );
      assert.ok(Date.now() - started < 2000);
    } finally {
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  test('503 then success: retried transparently', async () => {
    const { counts, service } = counted((action, n) => (action === 'imds:get' && n <= 2 ? { status: 503 } : undefined));
    const server = await serveService(service);
    try {
      assert.equal(await createImdsClient({ endpoint: server.url, ...fast }).get('meta-data/instance-id'), host.instanceId);
      assert.equal(counts.gets, 3);
    } finally {
      await server.close();
    }
  });

  test('403 on the token PUT (IMDS disabled) → HostFactsError, no IMDSv1 fallback', async () => {
    const { counts, service } = counted((action) => (action === 'imds:token' ? { status: 403 } : undefined));
    const server = await serveService(service);
    try {
      await assert.rejects(
        createImdsClient({ endpoint: server.url, ...fast }).get('meta-data/instance-id'),
        (err: unknown) => err instanceof HostFactsError && /HTTP 403.*HttpEndpoint=disabled/.test(err.message),
      );
      assert.equal(counts.gets, 0, 'never a tokenless GET');
      assert.equal(counts.puts, 1, '403 is not retried');
    } finally {
      await server.close();
    }
  });
});
