/** Every IMDS attempt is bounded (src/facts/imds/imds-http.ts) and the run deadline is never passed (src/facts/imds/imds.ts). */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { HostFactsError, TransientError } from '../../../../src/errors.ts';
import { createImdsClient } from '../../../../src/facts/imds/imds.ts';
import { deadlineIn } from '../../../../src/run-deadline.ts';
import { imdsRoleCredentials } from '../../../../src/facts/imds/imds-credentials.ts';
import { rawServer } from '../../../helpers/raw-server.ts';

const servers: Array<{ close(): Promise<void> }> = [];
after(() => Promise.all(servers.map((s) => s.close())));
const fast = { attempts: 2, backoffMs: 10, connectTimeoutMs: 300, idleTimeoutMs: 300, timeoutMs: 600 };

/** A TCP server answering each request with `onRequest(socket, n)`: for answers node:http would not send. */
async function tcp(onRequest: (socket: Socket, request: string) => void): Promise<string> {
  const server: Server = createServer((socket) => {
    socket.on('data', (d) => onRequest(socket, d.toString('latin1')));
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  servers.push({
    close: () =>
      new Promise<void>((r) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => r());
      }),
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const ok = (body: string, extra = '') =>
  `HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;
const isToken = (req: string) => req.startsWith('PUT ');

async function rejectsTransient(p: Promise<unknown>, message: RegExp): Promise<TransientError> {
  let caught: unknown;
  await assert.rejects(p, (e: unknown) => {
    caught = e;
    return true;
  });
  assert.ok(caught instanceof TransientError, `TransientError expected, got ${String(caught)}`);
  assert.match(caught.message, message);
  return caught;
}

describe('IMDS answers that break the bounds are transient', () => {
  test('a trickling answer is cut by the per-attempt total', async () => {
    const url = await tcp((s, req) => {
      if (isToken(req)) return void s.write(ok('token'));
      s.write('HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n');
      const t = setInterval(() => (s.destroyed ? clearInterval(t) : s.write('x')), 100);
    });
    const started = Date.now();
    await rejectsTransient(
      createImdsClient({ endpoint: url, ...fast }).get('meta-data/instance-id'),
      /answer not complete within 600 ms\) after 2 attempt/,
    );
    assert.ok(Date.now() - started < 3000);
  });

  test('silence after connecting: the idle timeout', async () => {
    const url = await tcp(() => {});
    await rejectsTransient(
      createImdsClient({ endpoint: url, ...fast, timeoutMs: 5000 }).get('meta-data/instance-id'),
      /nothing received for 300 ms/,
    );
  });

  test('an oversized answer, declared or chunked, is refused by the cap', async () => {
    const big = 'x'.repeat(2048);
    const declared = await tcp((s, req) => s.write(isToken(req) ? ok('token') : ok(big)));
    await rejectsTransient(
      createImdsClient({ endpoint: declared, ...fast, maxResponseBytes: 1024 }).get('meta-data/instance-id'),
      /2048 bytes, over the 1024-byte cap/,
    );
    const chunked = await tcp((s, req) => {
      if (isToken(req)) return void s.write(ok('token'));
      s.write(`HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n${(800).toString(16)}\r\n${'y'.repeat(800)}\r\n`);
      s.write(`${(800).toString(16)}\r\n${'y'.repeat(800)}\r\n0\r\n\r\n`);
    });
    await rejectsTransient(
      createImdsClient({ endpoint: chunked, ...fast, maxResponseBytes: 1024 }).get('meta-data/instance-id'),
      /over the 1024-byte cap/,
    );
  });

  test('a body cut off before its declared length', async () => {
    const url = await tcp((s, req) => {
      if (isToken(req)) return void s.write(ok('token'));
      s.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\ni-0123');
    });
    await rejectsTransient(createImdsClient({ endpoint: url, ...fast }).get('meta-data/instance-id'), /cut off before its end/);
  });

  test('a body that is not UTF-8', async () => {
    const url = await tcp((s, req) => {
      if (isToken(req)) return void s.write(ok('token'));
      s.write(Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n'), Buffer.from([0xff, 0xfe])]));
    });
    await rejectsTransient(createImdsClient({ endpoint: url, ...fast }).get('meta-data/instance-id'), /not UTF-8/);
  });

  test('an identity document that is not JSON (an HTML page with 200)', async () => {
    const url = await tcp((s, req) => s.write(isToken(req) ? ok('token') : ok('<html><body>Service Unavailable</body></html>')));
    await rejectsTransient(
      createImdsClient({ endpoint: url, ...fast }).getJson('dynamic/instance-identity/document'),
      /not JSON \(starts "<html>/,
    );
  });

  test('a fresh token refused again (401 twice) is transient, not a host error', async () => {
    const server = await rawServer((req, res) => {
      res.writeHead(req.method === 'PUT' ? 200 : 401);
      res.end(req.method === 'PUT' ? 'token' : 'Unauthorized');
    });
    servers.push(server);
    await rejectsTransient(
      createImdsClient({ endpoint: server.url, ...fast }).get('meta-data/instance-id'),
      /rejected a freshly issued token .*HTTP 401 twice/,
    );
  });

  test('a token with a line break is refused before it becomes a header', async () => {
    const url = await tcp((s) => s.write(ok('tok\r\nX-Evil: 1')));
    await rejectsTransient(createImdsClient({ endpoint: url, ...fast }).get('meta-data/instance-id'), /unusable token/);
  });
});

describe('the run deadline', () => {
  test('no retry runs past the run deadline; the error names the path', async () => {
    const url = await tcp(() => {});
    const started = Date.now();
    const err = await rejectsTransient(
      createImdsClient({
        endpoint: url,
        attempts: 10,
        backoffMs: 50,
        connectTimeoutMs: 1000,
        idleTimeoutMs: 1000,
        timeoutMs: 3000,
        deadline: deadlineIn(0.4),
      }).get('meta-data/instance-id'),
      /run deadline \(--deadline\) reached while waiting for IMDS PUT \/latest\/api\/token/,
    );
    assert.ok(Date.now() - started < 900, `took ${Date.now() - started} ms`);
    assert.equal(err.exitCode, 5);
  });

  test('a deadline already passed makes no request at all', async () => {
    let hits = 0;
    const url = await tcp((s) => {
      hits++;
      s.write(ok('token'));
    });
    await rejectsTransient(
      createImdsClient({ endpoint: url, ...fast, deadline: deadlineIn(-0.001) }).get('meta-data/instance-id'),
      /run deadline/,
    );
    assert.equal(hits, 0);
  });

  test('production defaults stay sane', async () => {
    const { IMDS_DEFAULTS } = await import('../../../../src/facts/imds/imds.ts');
    assert.ok(IMDS_DEFAULTS.connectTimeoutMs >= 500 && IMDS_DEFAULTS.timeoutMs <= 10_000 && IMDS_DEFAULTS.maxResponseBytes <= 1024 * 1024);
  });
});

describe('instance-role credentials that are already expired', () => {
  const role = (expiration: () => string) =>
    tcp((s, req) => {
      if (isToken(req)) return void s.write(ok('token'));
      if (/security-credentials\/ HTTP/.test(req)) return void s.write(ok('gs-agent-host'));
      s.write(
        ok(
          JSON.stringify({
            Code: 'Success',
            AccessKeyId: 'ASIAEXAMPLE',
            SecretAccessKey: 'secret',
            Token: 'tok',
            Expiration: expiration(),
          }),
        ),
      );
    });

  test('fetched again once; fresh ones then used', async () => {
    let n = 0;
    const url = await role(() => new Date(Date.now() + (++n === 1 ? -60_000 : 3600_000)).toISOString());
    const creds = await imdsRoleCredentials(createImdsClient({ endpoint: url, ...fast }))();
    assert.equal(n, 2);
    assert.ok(creds.expiration.getTime() > Date.now());
  });

  test('expired twice: exit 5, never handed to a client, secret never printed', async () => {
    let n = 0;
    const url = await role(() => {
      n++;
      return new Date(Date.now() - 60_000).toISOString();
    });
    const err = await rejectsTransient(imdsRoleCredentials(createImdsClient({ endpoint: url, ...fast }))(), /already expired .*twice/);
    assert.equal(n, 2);
    assert.doesNotMatch(`${err.message} ${err.details.join(' ')}`, /secret|ASIAEXAMPLE/);
  });

  test('a role name that would change the path is refused (exit 3)', async () => {
    const url = await tcp((s, req) => s.write(ok(isToken(req) ? 'token' : '../../dynamic')));
    await assert.rejects(
      imdsRoleCredentials(createImdsClient({ endpoint: url, ...fast }))(),
      (e: unknown) => e instanceof HostFactsError && /role name "\.\.\/\.\.\/dynamic" is not an IAM role name/.test(e.message),
    );
  });
});
