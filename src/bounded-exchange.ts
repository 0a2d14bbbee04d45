/**
 * One bounded HTTP exchange, the transport under every outside call (IMDS in
 * src/facts/imds/imds-http.ts, every AWS client in src/aws/bounded-http-handler.ts): a connect
 * timeout, an idle timeout (nothing received for that long), a total time for the attempt
 * (cuts an answer that trickles in) and a cap on the body, announced or counted. It reads the
 * whole body or fails with what was breached; each caller words the failure for its own
 * messages and retry rules.
 */
import { request as httpRequest, type Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';

export interface ExchangeBounds {
  connectMs: number;
  idleMs: number;
  totalMs: number;
  maxBytes: number;
}

export interface ExchangeRequest {
  protocol: 'http:' | 'https:';
  hostname: string;
  port?: number | string;
  method: string;
  /** Path and query. */
  path: string;
  headers: Record<string, string>;
  agent?: HttpAgent;
  body?: string | Uint8Array | Readable;
  /** Aborts the exchange (the SDK's abortSignal). */
  signal?: EventTarget;
}

export interface Exchanged {
  status: number;
  statusMessage?: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** What cut the exchange short. */
export type Breach =
  | { kind: 'connect' }
  | { kind: 'idle' }
  | { kind: 'total'; received: boolean }
  /** The request failed before any answer (refused, reset, DNS): the socket's own error. */
  | { kind: 'network'; error: NodeJS.ErrnoException }
  | { kind: 'oversized'; declared?: number }
  /** The answer ended before its end; `code` when the socket said why. */
  | { kind: 'truncated'; code?: string }
  | { kind: 'aborted' };

export class ExchangeFailed extends Error {
  constructor(readonly breach: Breach) {
    super(`HTTP exchange failed: ${breach.kind}`);
  }
}

function headersOf(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export function exchange(r: ExchangeRequest, b: ExchangeBounds): Promise<Exchanged> {
  return new Promise((resolve, reject) => {
    const req = (r.protocol === 'https:' ? httpsRequest : httpRequest)({
      // URL.hostname keeps an IPv6 address in brackets (IMDS's http://[fd00:ec2::254]); node:http wants it bare.
      protocol: r.protocol,
      hostname: r.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: r.port,
      method: r.method,
      path: r.path,
      headers: r.headers,
      agent: r.agent,
      timeout: b.idleMs,
    });
    let settled = false;
    let received = false;
    const timers: NodeJS.Timeout[] = [];
    const fail = (breach: Breach) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      req.destroy();
      reject(new ExchangeFailed(breach));
    };
    timers.push(setTimeout(() => fail({ kind: 'total', received }), b.totalMs));
    const connect = setTimeout(() => fail({ kind: 'connect' }), b.connectMs);
    timers.push(connect);
    req.on('socket', (socket) => {
      if (!socket.connecting) clearTimeout(connect);
      else socket.once('connect', () => clearTimeout(connect));
    });
    req.on('timeout', () => fail({ kind: 'idle' }));
    r.signal?.addEventListener('abort', () => fail({ kind: 'aborted' }));
    req.on('error', (e: NodeJS.ErrnoException) =>
      fail(received ? { kind: 'truncated', code: e.code ?? e.message } : { kind: 'network', error: e }),
    );
    req.on('response', (res) => {
      received = true;
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > b.maxBytes) return fail({ kind: 'oversized', declared });
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > b.maxBytes) fail({ kind: 'oversized' });
        else chunks.push(c);
      });
      res.on('error', () => fail({ kind: 'truncated' }));
      res.on('close', () => fail({ kind: 'truncated' }));
      res.on('end', () => {
        if (!res.complete) return fail({ kind: 'truncated' });
        if (settled) return;
        settled = true;
        timers.forEach(clearTimeout);
        resolve({ status: res.statusCode ?? 0, statusMessage: res.statusMessage, headers: headersOf(res), body: Buffer.concat(chunks) });
      });
    });
    const body = r.body;
    if (body === undefined) req.end();
    else if (typeof body === 'string' || body instanceof Uint8Array) req.end(body);
    else body.pipe(req);
  });
}
