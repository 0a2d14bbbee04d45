/** Instance-role credentials through the tool's IMDS client (src/facts/imds/imds-credentials.ts). */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { HostFactsError } from '../../../../src/errors.ts';
import { createImdsClient } from '../../../../src/facts/imds/imds.ts';
import { imdsRoleCredentials } from '../../../../src/facts/imds/imds-credentials.ts';
import { getHostProfile } from '../../../../sandbox/hosts.ts';
import { createImdsService } from '../../../../sandbox/imds-service.ts';
import type { SandboxService } from '../../../../sandbox/types.ts';
import { serveService } from '../../../helpers/serve-service.ts';

const servers: Array<{ close(): Promise<void> }> = [];
after(() => Promise.all(servers.map((s) => s.close())));
const role = {
  name: 'gs-agent-host',
  accessKeyId: 'ASIAROLEEXAMPLE00001',
  secretAccessKey: 'role-secret',
  sessionToken: 'role-session-token',
};

async function serve(opts: Parameters<typeof createImdsService>[1]) {
  const inner = createImdsService(getHostProfile('c5.24xlarge'), opts);
  const paths: string[] = [];
  const service: SandboxService = {
    identify: (r) => inner.identify(r),
    handle: (r, a) => {
      paths.push(`${r.method} ${r.url.pathname}`);
      return inner.handle(r, a);
    },
  };
  const server = await serveService(service);
  servers.push(server);
  return { client: createImdsClient({ endpoint: server.url }), paths };
}

test('reads the role, then its credentials, once while they are fresh', async () => {
  const { client, paths } = await serve({ role });
  const provider = imdsRoleCredentials(client);
  const [a, b] = await Promise.all([provider(), provider()]);
  const c = await provider();
  assert.deepEqual(
    { ...a, expiration: undefined },
    { accessKeyId: role.accessKeyId, secretAccessKey: role.secretAccessKey, sessionToken: role.sessionToken, expiration: undefined },
  );
  assert.ok(a.expiration.getTime() > Date.now() + 5 * 3600_000);
  assert.equal(b, a);
  assert.equal(c, a);
  assert.deepEqual(paths, [
    'PUT /latest/api/token',
    'GET /latest/meta-data/iam/security-credentials/',
    'GET /latest/meta-data/iam/security-credentials/gs-agent-host',
  ]);
});

test('refetches when the credentials expire within five minutes', async () => {
  const { client, paths } = await serve({ role });
  let clock = Date.now();
  const provider = imdsRoleCredentials(client, () => clock);
  await provider();
  clock += 6 * 3600_000 - 4 * 60_000; // 4 minutes before the 6 h expiration
  await provider();
  assert.equal(paths.filter((p) => p.endsWith('/gs-agent-host')).length, 2);
});

test('no instance profile: a host-facts error (exit 3) that says how to give credentials', async () => {
  const { client } = await serve({});
  await assert.rejects(imdsRoleCredentials(client)(), (err: unknown) => {
    assert.ok(err instanceof HostFactsError);
    assert.equal(err.exitCode, 3);
    assert.match(err.message, /no instance profile/);
    assert.ok(err.details.some((d) => /AWS_ACCESS_KEY_ID/.test(d)));
    return true;
  });
});
