/**
 * Our own corrupting proxy on 127.0.0.1, between the tool and the sandbox (IMDS or EC2): each
 * request is forwarded unchanged (headers included, so IMDS tokens and SigV4 signatures stay
 * valid), then the scenario may replace the answer, trickle it, cut it, or never answer.
 */
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}
export interface ProxiedRequest {
  method: string;
  path: string;
  body: string;
}

/** What the tool receives instead of the sandbox's answer. */
export type Corruption =
  { status?: number; contentType?: string; body: string | Buffer } | { trickleMs: number } | { silent: true } | { truncate: true };

export type Corrupt = (req: ProxiedRequest, up: Upstream) => Corruption | undefined;

function forward(target: URL, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export interface CorruptingProxy {
  url: string;
  corrupted: () => number;
  close(): Promise<void>;
}

export async function startCorruptingProxy(target: string, corrupt: Corrupt): Promise<CorruptingProxy> {
  const to = new URL(target);
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let corrupted = 0;
  const server = createServer(async (req, res) => {
    try {
      const body = await readAll(req);
      const up = await forward(to, req.method ?? 'GET', req.url ?? '/', req.headers, body);
      const c = corrupt({ method: req.method ?? 'GET', path: req.url ?? '/', body: body.toString('utf8') }, up);
      if (c) corrupted++;
      if (!c) {
        res.writeHead(up.status, { 'content-type': String(up.headers['content-type'] ?? 'text/plain'), 'content-length': up.body.length });
        return void res.end(up.body);
      }
      if ('silent' in c) return;
      if ('truncate' in c) {
        res.writeHead(up.status, { 'content-type': 'text/plain', 'content-length': up.body.length * 2 + 10 });
        // Destroy only once the half is on the wire (a destroy right away could drop it unsent).
        return void res.write(up.body.subarray(0, Math.ceil(up.body.length / 2)), () => setTimeout(() => res.socket?.destroy(), 20));
      }
      if ('trickleMs' in c) {
        res.writeHead(up.status, { 'content-type': 'text/plain', 'content-length': up.body.length });
        let i = 0;
        const t = setInterval(() => {
          if (res.destroyed || i >= up.body.length) {
            clearInterval(t);
            timers.delete(t);
            return void res.end();
          }
          res.write(up.body.subarray(i, ++i));
        }, c.trickleMs);
        return void timers.add(t);
      }
      const out = typeof c.body === 'string' ? Buffer.from(c.body) : c.body;
      res.writeHead(c.status ?? 200, { 'content-type': c.contentType ?? 'text/plain', 'content-length': out.length });
      res.end(out);
    } catch (err) {
      res.writeHead(502);
      res.end(`proxy: ${(err as Error).message}`);
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    corrupted: () => corrupted,
    close: () =>
      new Promise<void>((r) => {
        timers.forEach(clearInterval);
        sockets.forEach((s) => s.destroy());
        server.close(() => r());
      }),
  };
}
