/**
 * Our own hostile proxy: sits between the tool and the sandbox's AWS stand-ins (Ground Station,
 * EC2, Resource Groups Tagging) and corrupts answers per scenario. The sandbox is the happy
 * path; this is the world it never shows: duplicated and endless pages, tags not yet visible,
 * garbled, truncated, oversized and HTML bodies, trickles and silence.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchContactsRoute } from '../../../sandbox/contacts-routes.ts';
import { matchRoute } from '../../../sandbox/groundstation-routes.ts';

export interface Upstream {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export type Reply =
  | { kind: 'pass' }
  | { kind: 'answer'; status: number; headers?: Record<string, string>; body: string | Buffer }
  | { kind: 'hang' }
  | { kind: 'trickle'; status: number; headers?: Record<string, string>; body: string; bytesPerSecond: number }
  | { kind: 'truncate'; status: number; headers?: Record<string, string>; body: string; declaredLength: number }
  | { kind: 'flood'; status: number; headers?: Record<string, string>; bytes: number; declare: boolean };

export interface ProxyContext {
  /** `groundstation:GetDataflowEndpointGroup`, `ec2:DescribeAddresses`, `tagging:GetResources`. */
  action: string;
  /** 1 for the first request of this action through the proxy, 2 for the next … */
  n: number;
  /** The sandbox's own answer (the request is forwarded when this is called). */
  upstream: () => Promise<Upstream>;
}

export type Corruption = (ctx: ProxyContext) => Promise<Reply> | Reply;

export interface HostileProxy {
  url: string;
  /** Actions seen, in order. */
  seen: string[];
  close(): Promise<void>;
}

function actionOf(req: IncomingMessage, body: Buffer): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return `${target.startsWith('AmazonSSM.') ? 'ssm' : 'tagging'}:${target.split('.').pop()}`;
  const form = new URLSearchParams(body.toString('utf8'));
  if (form.get('Action')) return `ec2:${form.get('Action')}`;
  const sreq = { method: req.method ?? 'GET', url: new URL(`http://x${req.url ?? '/'}`), headers: req.headers, body };
  const route = matchContactsRoute(sreq) ?? matchRoute(sreq);
  return `groundstation:${route?.operation ?? 'Unknown'}`;
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const up = httpRequest(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k] = v;
          delete headers['content-length'];
          delete headers.connection;
          delete headers['keep-alive'];
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    up.on('error', reject);
    up.end(body);
  });
}

async function reply(res: ServerResponse, r: Exclude<Reply, { kind: 'pass' }>, open: Set<ServerResponse>): Promise<void> {
  const headers = { 'content-type': 'application/json', ...(('headers' in r && r.headers) || {}) };
  switch (r.kind) {
    case 'answer':
      res.writeHead(r.status, headers);
      return void res.end(r.body);
    case 'hang':
      open.add(res);
      return;
    case 'truncate':
      res.writeHead(r.status, { ...headers, 'content-length': String(r.declaredLength) });
      res.write(r.body);
      return void res.socket?.destroy();
    case 'trickle': {
      open.add(res);
      res.writeHead(r.status, headers);
      for (const ch of r.body) {
        if (res.destroyed) return;
        res.write(ch);
        await new Promise((w) => setTimeout(w, 1000 / r.bytesPerSecond));
      }
      return void res.end();
    }
    case 'flood': {
      res.writeHead(r.status, r.declare ? { ...headers, 'content-length': String(r.bytes) } : headers);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let sent = 0; sent < r.bytes && !res.destroyed; sent += chunk.length) {
        if (!res.write(chunk))
          await new Promise((d) => {
            res.once('drain', d);
            res.once('close', d);
          });
      }
      return void res.end();
    }
  }
}

export async function startHostileProxy(sandboxUrl: string, corrupt: Corruption): Promise<HostileProxy> {
  const target = new URL(sandboxUrl);
  const counts = new Map<string, number>();
  const seen: string[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const action = actionOf(req, body);
      seen.push(action);
      const n = (counts.get(action) ?? 0) + 1;
      counts.set(action, n);
      try {
        const r = await corrupt({ action, n, upstream: () => forward(target, req, body) });
        if (r.kind === 'pass') {
          const u = await forward(target, req, body);
          res.writeHead(u.status, u.headers);
          return void res.end(u.body);
        }
        await reply(res, r, open);
      } catch (err) {
        res.writeHead(599, { 'content-type': 'text/plain' });
        res.end(`hostile proxy bug: ${(err as Error).message}`);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
