import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getHostProfile } from '../../../sandbox/hosts.ts';
import { createImdsService } from '../../../sandbox/imds-service.ts';
import { serveService } from '../../helpers/serve-service.ts';

const host = getHostProfile('two-eni');
let clock = 1_000_000;
const service = createImdsService(host, { now: () => clock });
let server: { url: string; close(): Promise<void> };

before(async () => {
  server = await serveService(service);
});
after(async () => {
  await server.close();
});

async function put(path: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'PUT', headers });
}

async function token(ttl = '60'): Promise<string> {
  const res = await put('/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': ttl });
  assert.equal(res.status, 200);
  return res.text();
}

async function get(path: string, tok?: string, method = 'GET'): Promise<{ status: number; body: string }> {
  const res = await fetch(`${server.url}${path}`, { method, headers: tok ? { 'x-aws-ec2-metadata-token': tok } : {} });
  return { status: res.status, body: await res.text() };
}

describe('IMDS stand-in: token', () => {
  test('PUT with a valid TTL returns a token and echoes the TTL', async () => {
    const res = await put('/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-aws-ec2-metadata-token-ttl-seconds'), '21600');
    assert.ok((await res.text()).length >= 40);
  });

  for (const ttl of ['0', '21601', 'abc', '1.5', '']) {
    test(`TTL "${ttl}" → 400`, async () => {
      assert.equal((await put('/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': ttl })).status, 400);
    });
  }

  test('missing TTL → 400', async () => {
    assert.equal((await put('/latest/api/token', {})).status, 400);
  });

  test('X-Forwarded-For → 403', async () => {
    const res = await put('/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '60', 'x-forwarded-for': '10.0.0.9' });
    assert.equal(res.status, 403);
  });

  test('PUT to a versioned token path → 403', async () => {
    const res = await put('/2021-03-23/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '60' });
    assert.equal(res.status, 403);
    assert.equal(
      service.identify({ method: 'PUT', url: new URL('http://x/2021-03-23/api/token'), headers: {}, body: Buffer.alloc(0) }),
      'imds:token',
    );
  });

  test('GET or POST on the token path → 405', async () => {
    assert.equal((await get('/latest/api/token')).status, 405);
    assert.equal((await fetch(`${server.url}/latest/api/token`, { method: 'POST' })).status, 405);
  });
});

describe('IMDS stand-in: reads', () => {
  test('GET without a token or with a bogus one → 401', async () => {
    assert.equal((await get('/latest/meta-data/instance-id')).status, 401);
    assert.equal((await get('/latest/meta-data/instance-id', 'nope')).status, 401);
  });

  test('GET with a token serves the instance id; HEAD has no body', async () => {
    const tok = await token();
    assert.deepEqual(await get('/latest/meta-data/instance-id', tok), { status: 200, body: host.instanceId });
    assert.deepEqual(await get('/latest/meta-data/instance-id', tok, 'HEAD'), { status: 200, body: '' });
    assert.equal((await get('/latest/meta-data/placement/region', tok)).body, 'us-east-2');
  });

  test('a token expires after its TTL, and expireTokens() revokes all', async () => {
    const tok = await token('10');
    clock += 9_000;
    assert.equal((await get('/latest/meta-data/instance-id', tok)).status, 200);
    clock += 1_000;
    assert.equal((await get('/latest/meta-data/instance-id', tok)).status, 401);
    const tok2 = await token();
    service.expireTokens();
    assert.equal((await get('/latest/meta-data/instance-id', tok2)).status, 401);
  });

  test('unknown path → 404; public-ipv4 absent when device 0 has no public IP', async () => {
    const tok = await token();
    assert.equal((await get('/latest/meta-data/nope', tok)).status, 404);
    assert.equal((await get('/latest/meta-data/public-ipv4', tok)).status, 404);
  });

  test('listings: one child per line, subdirectories end with /', async () => {
    const tok = await token();
    const macs = (await get('/latest/meta-data/network/interfaces/macs/', tok)).body.split('\n');
    assert.deepEqual(macs, host.interfaces.map((i) => `${i.mac}/`).sort());
    const eth1 = host.interfaces[1];
    const base = `/latest/meta-data/network/interfaces/macs/${eth1.mac}`;
    const children = (await get(`${base}/`, tok)).body.split('\n');
    assert.ok(children.includes('ipv4-associations/'));
    assert.ok(children.includes('device-number'));
    assert.equal((await get(`${base}/device-number`, tok)).body, '1');
    assert.equal((await get(`${base}/public-ipv4s`, tok)).body, '203.0.113.61');
    assert.equal((await get(`${base}/ipv4-associations/`, tok)).body, '203.0.113.61');
    assert.equal((await get(`${base}/ipv4-associations/203.0.113.61`, tok)).body, eth1.privateIps[0]);
    assert.equal((await get(`/latest/meta-data/network/interfaces/macs/${host.interfaces[0].mac}/public-ipv4s`, tok)).status, 404);
  });

  test('identity document is JSON with account, region and instance', async () => {
    const tok = await token();
    const doc = JSON.parse((await get('/latest/dynamic/instance-identity/document', tok)).body) as Record<string, unknown>;
    assert.equal(doc.accountId, '123456789012');
    assert.equal(doc.region, 'us-east-2');
    assert.equal(doc.instanceId, host.instanceId);
    assert.equal(doc.instanceType, 'c5.24xlarge');
    assert.equal(doc.privateIp, host.interfaces[0].privateIps[0]);
  });

  test('double slashes are collapsed', async () => {
    const tok = await token();
    const res = await service.handle(
      {
        method: 'GET',
        url: new URL('http://127.0.0.1/latest//meta-data//instance-id'),
        headers: { 'x-aws-ec2-metadata-token': tok },
        body: Buffer.alloc(0),
      },
      'imds:get',
    );
    assert.equal(res.status, 200);
    assert.equal(res.body, host.instanceId);
  });

  test('identify ignores paths outside /latest/', () => {
    const req = { method: 'GET', url: new URL('http://127.0.0.1/dataflowEndpointGroup'), headers: {}, body: Buffer.alloc(0) };
    assert.equal(service.identify(req), undefined);
  });
});
