/**
 * Few IMDS round trips: one token for every read, no path read twice, and nothing read
 * whose answer is already known (the identity document gives instance id, type, region,
 * zone and account in one GET).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createImdsClient } from '../../../../src/facts/imds/imds.ts';
import { readImdsFacts } from '../../../../src/facts/imds/imds-facts.ts';
import { getHostProfile } from '../../../../sandbox/hosts.ts';
import { createImdsService } from '../../../../sandbox/imds-service.ts';
import type { SandboxService } from '../../../../sandbox/types.ts';
import { serveService } from '../../../helpers/serve-service.ts';

const servers: Array<{ close(): Promise<void> }> = [];
after(() => Promise.all(servers.map((s) => s.close())));

/** The IMDS stand-in, recording `METHOD path` of every request; `edit` may rewrite answers. */
async function recordingImds(profile: string, edit?: (path: string, body: string) => string) {
  const inner = createImdsService(getHostProfile(profile));
  const seen: string[] = [];
  const service: SandboxService = {
    identify: (req) => inner.identify(req),
    async handle(req, action) {
      seen.push(`${req.method} ${req.url.pathname}`);
      const answer = await inner.handle(req, action);
      return edit && answer.status === 200 ? { ...answer, body: edit(req.url.pathname, String(answer.body ?? '')) } : answer;
    },
  };
  const server = await serveService(service);
  servers.push(server);
  return { url: server.url, seen };
}

for (const profile of ['c5.24xlarge', 'two-eni']) {
  test(`${profile}: one token, each path once, identity from the document`, async () => {
    const imds = await recordingImds(profile);
    const facts = await readImdsFacts(createImdsClient({ endpoint: imds.url }));
    const host = getHostProfile(profile);
    assert.equal(facts.instance.id, host.instanceId);
    assert.equal(facts.instance.type, host.instanceType);
    assert.equal(facts.instance.region, host.region);
    assert.equal(facts.instance.accountId, host.accountId);
    assert.deepEqual(
      imds.seen.filter((s) => s.startsWith('PUT')),
      ['PUT /latest/api/token'],
    );
    const gets = imds.seen.filter((s) => s.startsWith('GET'));
    assert.equal(new Set(gets).size, gets.length, `a path was read twice: ${gets.join(', ')}`);
    for (const known of ['instance-id', 'instance-type', 'placement/region', 'placement/availability-zone']) {
      assert.ok(!gets.includes(`GET /latest/meta-data/${known}`), `${known} is in the identity document, yet was read`);
    }
    // The document, the interface list, then 8 leaves per interface (+ one per EIP association).
    const associations = host.interfaces.reduce((n, i) => n + i.elasticIps.length + (i.autoPublicIp ? 1 : 0), 0);
    assert.equal(gets.length, 2 + 8 * host.interfaces.length + associations);
  });
}

test('a document without instanceType: the meta-data leaf is read instead, once', async () => {
  const imds = await recordingImds('c5.24xlarge', (path, body) => {
    if (path !== '/latest/dynamic/instance-identity/document') return body;
    const { instanceType: _dropped, ...doc } = JSON.parse(body) as Record<string, unknown>;
    return JSON.stringify(doc);
  });
  const facts = await readImdsFacts(createImdsClient({ endpoint: imds.url }));
  assert.equal(facts.instance.type, 'c5.24xlarge');
  assert.deepEqual(
    imds.seen.filter((s) => s.includes('instance-type')),
    ['GET /latest/meta-data/instance-type'],
  );
  assert.ok(!imds.seen.includes('GET /latest/meta-data/instance-id'));
});
