/** A bare node:http server answering every request with fixed bytes, for status codes no stand-in produces. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';

export async function rawServer(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    req.resume();
    req.on('end', () => answer(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
export async function closedPortUrl(): Promise<string> {
  const s = await rawServer(() => {});
  await s.close();
  return s.url;
}

/**
 * A port on 127.0.0.1 where a new connection never completes: a listener that never accepts
 * (in a worker thread blocked in Atomics.wait) with its accept queue filled, so the kernel
 * drops every further SYN and a connect waits until the client's own timeout. Deterministic,
 * unlike an unroutable address.
 */
export async function unansweredPortUrl(): Promise<{ url: string; close(): Promise<void> }> {
  const worker = new Worker(
    `
    const { createServer } = require('node:net');
    const { parentPort } = require('node:worker_threads');
    const server = createServer();
    server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
      parentPort.postMessage(server.address().port);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    });`,
    { eval: true },
  );
  const port = await new Promise<number>((resolve, reject) => worker.once('message', resolve).once('error', reject));
  // Fill the accept queue: connections complete until it is full, then one hangs.
  const fillers: Socket[] = [];
  for (let i = 0; i < 16; i++) {
    const s = connect(port, '127.0.0.1');
    fillers.push(s);
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 250);
      s.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      }).once('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (!connected) break;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const s of fillers) s.destroy();
      await worker.terminate();
    },
  };
}
