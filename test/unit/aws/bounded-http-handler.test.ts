/** The bounded handler on its own: each bound cuts the attempt with the right error. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpRequest } from '@smithy/protocol-http';
import { BoundedHttpHandler, checkBody, TransportError } from '../../../src/aws/bounded-http-handler.ts';
import { deadlineIn, RunDeadlineExceeded } from '../../../src/run-deadline.ts';
import { rawServer, unansweredPortUrl } from '../../helpers/raw-server.ts';

const requestTo = (url: string) => {
  const u = new URL(url);
  return new HttpRequest({
    protocol: 'http:',
    hostname: u.hostname,
    port: Number(u.port),
    method: 'GET',
    path: '/',
    headers: { host: u.host },
  });
};

const bounds = { connectMs: 500, idleMs: 300, attemptMs: 800, maxBytes: 1024 };

test('an answer trickling one byte every 100 ms is cut at the per-attempt deadline (idle never fires)', async () => {
  const srv = await rawServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    let i = 0;
    const t = setInterval(() => (res.destroyed || i++ > 50 ? clearInterval(t) : res.write(' ')), 100);
  });
  try {
    const h = new BoundedHttpHandler({ protocol: 'json', service: 'Test', bounds });
    const t0 = Date.now();
    await assert.rejects(h.handle(requestTo(srv.url)), (e: TransportError) => e.name === 'TimeoutError' && e.transport === 'deadline');
    assert.ok(Date.now() - t0 < 1500);
    h.destroy();
  } finally {
    await srv.close();
  }
});

test('silence after the headers is cut by the idle timeout', async () => {
  const srv = await rawServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{');
  });
  try {
    const h = new BoundedHttpHandler({ protocol: 'json', service: 'Test', bounds });
    await assert.rejects(h.handle(requestTo(srv.url)), (e: TransportError) => e.transport === 'idle');
    h.destroy();
  } finally {
    await srv.close();
  }
});

test('more bytes than the cap is an oversized answer (HTTP 502: retried by the SDK)', async () => {
  const srv = await rawServer((_req, res) => {
    res.writeHead(200);
    res.end(`{"a":"${'x'.repeat(4096)}"}`);
  });
  try {
    const h = new BoundedHttpHandler({ protocol: 'json', service: 'Test', bounds });
    await assert.rejects(
      h.handle(requestTo(srv.url)),
      (e: TransportError) => e.transport === 'oversized' && e.$metadata.httpStatusCode === 502,
    );
    h.destroy();
  } finally {
    await srv.close();
  }
});

test('a connection that is never accepted is cut at the connect timeout, which the message names in seconds', async () => {
  const port = await unansweredPortUrl();
  try {
    // The idle timer runs from the start too (node:http's socket timeout); here it is the longer one.
    const h = new BoundedHttpHandler({ protocol: 'json', service: 'Test', bounds: { ...bounds, idleMs: 5000, attemptMs: 5000 } });
    const started = Date.now();
    await assert.rejects(
      h.handle(requestTo(port.url)),
      (e: TransportError) =>
        e.name === 'TimeoutError' &&
        e.transport === 'connect' &&
        e.message === `no connection to Test at ${new URL(port.url).host} within 0.5 s`,
    );
    assert.ok(Date.now() - started < 2000, 'cut by the connect bound, not a later one');
    h.destroy();
  } finally {
    await port.close();
  }
});

test('the run deadline cuts an attempt short and names what it waited for', async () => {
  const srv = await rawServer(() => {});
  try {
    const h = new BoundedHttpHandler({
      protocol: 'json',
      service: 'Test',
      bounds: { ...bounds, idleMs: 5000, attemptMs: 5000 },
      deadline: deadlineIn(0.3),
    });
    await assert.rejects(
      h.handle(requestTo(srv.url)),
      (e: Error) => e instanceof RunDeadlineExceeded && /--deadline 0.3 s.*Test at 127\.0\.0\.1/.test(e.message),
    );
    await assert.rejects(h.handle(requestTo(srv.url)), RunDeadlineExceeded);
    h.destroy();
  } finally {
    await srv.close();
  }
});

test('a well-formed answer comes through whole', async () => {
  const srv = await rawServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'r1' });
    res.end('{"ok":true}');
  });
  try {
    const h = new BoundedHttpHandler({ protocol: 'json', service: 'Test', bounds });
    const { response } = await h.handle(requestTo(srv.url));
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['x-amzn-requestid'], 'r1');
    const chunks: Buffer[] = [];
    for await (const c of response.body) chunks.push(c as Buffer);
    assert.equal(Buffer.concat(chunks).toString(), '{"ok":true}');
    h.destroy();
  } finally {
    await srv.close();
  }
});

test('checkBody: the shapes of JSON and XML answers', () => {
  assert.equal(checkBody('json', Buffer.from('{"a":1}')), undefined);
  assert.equal(checkBody('json', Buffer.from('')), undefined);
  assert.match(checkBody('json', Buffer.from('null'))!, /null/);
  assert.match(checkBody('json', Buffer.from('[1]'))!, /array/);
  assert.match(checkBody('json', Buffer.from('<html>'))!, /not JSON/);
  assert.match(checkBody('json', Buffer.from('{"a":'))!, /not JSON/);
  assert.equal(
    checkBody('xml', Buffer.from('<?xml version="1.0"?>\n<DescribeAddressesResponse xmlns="x"><a/></DescribeAddressesResponse>\n')),
    undefined,
  );
  assert.equal(checkBody('xml', Buffer.from('<Response><Errors/></Response>')), undefined);
  assert.match(checkBody('xml', Buffer.from('<DescribeAddressesResponse><a>'))!, /XML/);
  assert.match(checkBody('xml', Buffer.from('<html><body>500</body></html>'))!, /XML/);
  assert.equal(checkBody('xml', Buffer.from('')), 'empty');
});
