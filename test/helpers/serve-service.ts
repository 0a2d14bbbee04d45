/** Serves one SandboxService on 127.0.0.1 (random port) for tests; sandbox/server.ts supersedes it. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxRequest, SandboxService } from '../../sandbox/types.ts';

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function answer(service: SandboxService, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const request: SandboxRequest = {
    method: req.method ?? 'GET',
    url: new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`),
    headers: req.headers,
    body: await readBody(req),
  };
  const action = service.identify(request);
  const out = action
    ? await service.handle(request, action)
    : { status: 404, headers: { 'content-type': 'application/json' }, body: '{"message":"no service"}' };
  res.writeHead(out.status, out.headers ?? {});
  res.end(out.body ?? '');
}

export async function serveService(service: SandboxService): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    answer(service, req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
