/**
 * CreateDataflowEndpointGroupV2 has no client token. When the service makes the group but its
 * answer is lost (here: a proxy forwards the create, then drops the connection instead of
 * answering), the next attempt must find that group by its tags instead of making a second.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import { example, runMain } from '../helpers/cli.ts';

let sb: Sandbox;
let proxy: Server;
let proxyUrl: string;
let dropped = 0;

/** Forwards everything to the sandbox; the first create is forwarded but its answer is dropped. */
function startProxy(target: URL): Promise<void> {
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const up = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (upRes) => {
        const body: Buffer[] = [];
        upRes.on('data', (c) => body.push(c));
        upRes.on('end', () => {
          if (req.url === '/dataflowEndpointGroupV2' && dropped === 0) {
            dropped++;
            res.socket?.destroy();
            return;
          }
          res.writeHead(upRes.statusCode ?? 500, upRes.headers);
          res.end(Buffer.concat(body));
        });
      });
      up.end(Buffer.concat(chunks));
    });
  });
  return new Promise((resolve) =>
    proxy.listen(0, '127.0.0.1', () => {
      proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

before(async () => {
  sb = await startSandbox();
  await startProxy(new URL(sb.url));
});
after(async () => {
  proxy.closeAllConnections();
  await new Promise((r) => proxy.close(r));
  await sb.close();
});

test('a create whose answer is lost does not make a second group', async () => {
  const root = await mkdtemp(join(tmpdir(), 'gsac-lost-'));
  try {
    const r = await runMain(['apply', example('wideband-downlink.yaml'), '--root', root, '--json'], {
      ...sb.env,
      AWS_ENDPOINT_URL_GROUNDSTATION: proxyUrl,
    });
    assert.equal(r.code, 0, r.err);
    assert.equal(dropped, 1);
    assert.equal(sb.actions.filter((a) => a === 'groundstation:CreateDataflowEndpointGroupV2').length, 1);
    assert.equal(sb.groundStation.groups.size, 1);
    const [id] = sb.groundStation.groups.keys();
    const rep = JSON.parse(r.out);
    assert.equal(rep.dataflowEndpointGroupId, id);
    const config = JSON.parse(await readFile(join(root, 'opt/aws/groundstation/etc/aws-gs-agent-config.json'), 'utf8'));
    assert.deepEqual(config.capabilities, [rep.dataflowEndpointGroupArn]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
