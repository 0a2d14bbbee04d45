/**
 * The HTTP handler of every AWS client (Ground Station, EC2, Resource Groups Tagging): each
 * attempt has a connect timeout, an idle timeout, a total deadline that cuts an answer trickling
 * in, and a cap on the bytes read; no attempt runs past the run's deadline. The whole body is read
 * here and checked to be of the protocol's shape (a JSON object, or an XML `…Response` document)
 * before the SDK sees it, so a truncated, oversized, HTML or `null` answer is a retryable
 * transport failure instead of a parse error the SDK would call a refusal.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import type { HttpHandlerOptions } from '@smithy/types';
import { RunDeadlineExceeded, remainingMs, type RunDeadline } from './run-deadline.ts';

export type WireProtocol = 'json' | 'xml';

export interface HttpBounds {
  connectMs: number;
  idleMs: number;
  attemptMs: number;
  maxBytes: number;
}

/** Ground Station, EC2 and tagging answers are small; 8 MiB is far above any page they send. */
export const AWS_BOUNDS: HttpBounds = { connectMs: 3000, idleMs: 10_000, attemptMs: 20_000, maxBytes: 8 * 1024 * 1024 };

export interface BoundedHandlerOptions {
  protocol: WireProtocol;
  bounds?: Partial<HttpBounds>;
  deadline?: RunDeadline;
  /** Service name for messages (`Ground Station`, `EC2`). */
  service: string;
}

/**
 * A transport failure the SDK retries: `TimeoutError` is in smithy's transient names; an
 * answer of the wrong shape carries HTTP 502 ("invalid response from upstream"), which smithy
 * also retries, and `transport` says what was wrong for the message.
 */
export class TransportError extends Error {
  readonly $metadata: { httpStatusCode?: number };
  constructor(name: 'TimeoutError' | 'InvalidResponse', readonly transport: string, message: string) {
    super(message);
    this.name = name;
    this.$metadata = name === 'InvalidResponse' ? { httpStatusCode: 502 } : {};
  }
}

const XML_DOCUMENT = /^\s*(?:<\?xml[^>]*\?>\s*)?<((?:[A-Za-z][A-Za-z0-9]*)?Response)[\s>][\s\S]*<\/\1>\s*$/;

/** Why this body cannot be an answer of the protocol, or undefined when it can. */
export function checkBody(protocol: WireProtocol, body: Buffer): string | undefined {
  // EC2 answers every call with an XML document; an empty JSON body is a member-less answer.
  if (body.length === 0) return protocol === 'xml' ? 'empty' : undefined;
  const text = body.toString('utf8');
  if (protocol === 'xml') return XML_DOCUMENT.test(text) ? undefined : `not an XML …Response document (starts ${JSON.stringify(text.slice(0, 40))})`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `not JSON (starts ${JSON.stringify(text.slice(0, 40))}, ${body.length} bytes)`;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : `JSON ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}, not an object`;
}

function headersOf(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export class BoundedHttpHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };
  private readonly bounds: HttpBounds;
  private readonly agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 16 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 16 }) };

  constructor(private readonly opts: BoundedHandlerOptions) {
    this.bounds = { ...AWS_BOUNDS, ...opts.bounds };
  }

  updateHttpClientConfig(): void {}
  httpHandlerConfigs(): Record<string, never> { return {}; }

  destroy(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const left = remainingMs(this.opts.deadline);
    const d = this.opts.deadline;
    if (left <= 0) return Promise.reject(new RunDeadlineExceeded(d!.seconds, `${this.opts.service} at ${request.hostname}`));
    const attemptMs = Math.min(this.bounds.attemptMs, left);
    const cutByRun = attemptMs < this.bounds.attemptMs;
    return new Promise((resolve, reject) => this.send(request, options, attemptMs, cutByRun, resolve, reject));
  }

  private send(
    request: HttpRequest, options: HttpHandlerOptions, attemptMs: number, cutByRun: boolean,
    resolve: (r: { response: HttpResponse }) => void, reject: (e: Error) => void,
  ): void {
    const { connectMs, idleMs, maxBytes } = this.bounds;
    const where = `${this.opts.service} at ${request.hostname}${request.port ? `:${request.port}` : ''}`;
    const https = request.protocol === 'https:';
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(request.query ?? {})) for (const one of [v].flat()) if (one != null) query.append(k, one);
    const qs = query.toString();
    const req = (https ? httpsRequest : httpRequest)({
      protocol: request.protocol, hostname: request.hostname, port: request.port, method: request.method,
      path: `${request.path}${qs ? `?${qs}` : ''}`, headers: request.headers,
      agent: https ? this.agents.https : this.agents.http,
    });
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(total);
      clearTimeout(connect);
      req.destroy();
      reject(e);
    };
    const total = setTimeout(() => fail(cutByRun
      ? new RunDeadlineExceeded(this.opts.deadline!.seconds, where)
      : new TransportError('TimeoutError', 'deadline', `${where} did not complete its answer within ${attemptMs} ms`)), attemptMs);
    const connect = setTimeout(() => fail(new TransportError('TimeoutError', 'connect', `no connection to ${where} within ${connectMs} ms`)), connectMs);
    req.on('socket', (socket) => {
      if (!socket.connecting) clearTimeout(connect);
      else socket.once('connect', () => clearTimeout(connect));
    });
    req.setTimeout(idleMs, () => fail(new TransportError('TimeoutError', 'idle', `${where} sent nothing for ${idleMs} ms`)));
    (options.abortSignal as unknown as EventTarget | undefined)?.addEventListener?.('abort', () => fail(Object.assign(new Error('Request aborted'), { name: 'AbortError' })));
    req.on('error', (e) => fail(e));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        return fail(new TransportError('InvalidResponse', 'oversized', `${where} announced ${declared} bytes, more than the ${maxBytes}-byte cap`));
      }
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) return fail(new TransportError('InvalidResponse', 'oversized', `${where} sent more than the ${maxBytes}-byte cap`));
        chunks.push(c);
      });
      res.on('aborted', () => fail(Object.assign(new Error(`${where} closed the connection mid-answer (truncated)`), { code: 'ECONNRESET' })));
      res.on('error', (e) => fail(Object.assign(e, { code: (e as NodeJS.ErrnoException).code ?? 'ECONNRESET' })));
      res.on('end', () => {
        if (settled) return;
        if (!res.complete) return fail(Object.assign(new Error(`${where} closed the connection mid-answer (truncated)`), { code: 'ECONNRESET' }));
        const body = Buffer.concat(chunks);
        const problem = checkBody(this.opts.protocol, body);
        if (problem) return fail(new TransportError('InvalidResponse', 'unparseable', `${where} answered HTTP ${res.statusCode} with a body that is ${problem}`));
        settled = true;
        clearTimeout(total);
        clearTimeout(connect);
        resolve({ response: new HttpResponse({ statusCode: res.statusCode ?? 0, reason: res.statusMessage, headers: headersOf(res), body: Readable.from([body]) }) });
      });
    });
    const body = request.body as unknown;
    if (body === undefined || body === null) req.end();
    else if (typeof body === 'string' || body instanceof Uint8Array) req.end(body);
    else if (typeof (body as Readable).pipe === 'function') (body as Readable).pipe(req);
    else req.end(String(body));
  }
}
