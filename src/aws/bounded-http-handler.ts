/**
 * The HTTP handler of every AWS client (Ground Station, EC2, Resource Groups Tagging): each
 * attempt has a connect timeout, an idle timeout, a total deadline that cuts an answer trickling
 * in, and a cap on the bytes read; no attempt runs past the run's deadline. The whole body is read
 * here and checked to be of the protocol's shape (a JSON object, or an XML `…Response` document)
 * before the SDK sees it, so a truncated, oversized, HTML or `null` answer is a retryable
 * transport failure instead of a parse error the SDK would call a refusal.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Readable } from 'node:stream';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import type { HttpHandlerOptions } from '@smithy/types';
import { exchange, ExchangeFailed, type Breach, type ExchangeRequest } from '../bounded-exchange.ts';
import { RunDeadlineExceeded, remainingMs, type RunDeadline } from '../run-deadline.ts';

/** `raw`: an object's bytes (S3 GetObject), judged by the caller (size cap here, checksum there). */
export type WireProtocol = 'json' | 'xml' | 'raw';

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
  constructor(
    name: 'TimeoutError' | 'InvalidResponse',
    readonly transport: string,
    message: string,
  ) {
    super(message);
    this.name = name;
    this.$metadata = name === 'InvalidResponse' ? { httpStatusCode: 502 } : {};
  }
}

const XML_DOCUMENT = /^\s*(?:<\?xml[^>]*\?>\s*)?<((?:[A-Za-z][A-Za-z0-9]*)?Response)[\s>][\s\S]*<\/\1>\s*$/;

/** Why this body cannot be an answer of the protocol, or undefined when it can. */
export function checkBody(protocol: WireProtocol, body: Buffer): string | undefined {
  if (protocol === 'raw') return undefined;
  // EC2 answers every call with an XML document; an empty JSON body is a member-less answer.
  if (body.length === 0) return protocol === 'xml' ? 'empty' : undefined;
  const text = body.toString('utf8');
  if (protocol === 'xml')
    return XML_DOCUMENT.test(text) ? undefined : `not an XML …Response document (starts ${JSON.stringify(text.slice(0, 40))})`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `not JSON (starts ${JSON.stringify(text.slice(0, 40))}, ${body.length} bytes)`;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? undefined
    : `JSON ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}, not an object`;
}

export class BoundedHttpHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };
  private readonly bounds: HttpBounds;
  private readonly agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: 16 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 16 }),
  };

  constructor(private readonly opts: BoundedHandlerOptions) {
    this.bounds = { ...AWS_BOUNDS, ...opts.bounds };
  }

  updateHttpClientConfig(): void {}
  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  async handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const d = this.opts.deadline;
    const where = `${this.opts.service} at ${request.hostname}${request.port ? `:${request.port}` : ''}`;
    const left = remainingMs(d);
    if (left <= 0) throw new RunDeadlineExceeded(d!.seconds, `${this.opts.service} at ${request.hostname}`);
    const attemptMs = Math.min(this.bounds.attemptMs, left);
    const https = request.protocol === 'https:';
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(request.query ?? {})) for (const one of [v].flat()) if (one != null) query.append(k, one);
    const qs = query.toString();
    let answer;
    try {
      answer = await exchange(
        {
          protocol: https ? 'https:' : 'http:',
          hostname: request.hostname,
          port: request.port,
          method: request.method,
          path: `${request.path}${qs ? `?${qs}` : ''}`,
          headers: request.headers,
          agent: https ? this.agents.https : this.agents.http,
          body: request.body as ExchangeRequest['body'],
          signal: options.abortSignal as unknown as EventTarget | undefined,
        },
        { connectMs: this.bounds.connectMs, idleMs: this.bounds.idleMs, totalMs: attemptMs, maxBytes: this.bounds.maxBytes },
      );
    } catch (err) {
      throw err instanceof ExchangeFailed ? this.failure(err.breach, where, attemptMs, attemptMs < this.bounds.attemptMs) : err;
    }
    const problem = checkBody(this.opts.protocol, answer.body);
    if (problem)
      throw new TransportError('InvalidResponse', 'unparseable', `${where} answered HTTP ${answer.status} with a body that is ${problem}`);
    return {
      response: new HttpResponse({
        statusCode: answer.status,
        reason: answer.statusMessage,
        headers: answer.headers,
        body: Readable.from([answer.body]),
      }),
    };
  }

  /** A breach in the SDK's terms: retryable transport errors, the socket's own error, or the run's deadline. */
  private failure(b: Breach, where: string, attemptMs: number, cutByRun: boolean): Error {
    const { connectMs, idleMs, maxBytes } = this.bounds;
    switch (b.kind) {
      case 'total':
        return cutByRun
          ? new RunDeadlineExceeded(this.opts.deadline!.seconds, where)
          : new TransportError('TimeoutError', 'deadline', `${where} did not complete its answer within ${attemptMs} ms`);
      case 'connect':
        return new TransportError('TimeoutError', 'connect', `no connection to ${where} within ${connectMs / 1000} s`);
      case 'idle':
        return new TransportError('TimeoutError', 'idle', `${where} sent nothing for ${idleMs} ms`);
      case 'network':
        return b.error;
      case 'oversized':
        return new TransportError(
          'InvalidResponse',
          'oversized',
          b.declared !== undefined
            ? `${where} announced ${b.declared} bytes, more than the ${maxBytes}-byte cap`
            : `${where} sent more than the ${maxBytes}-byte cap`,
        );
      case 'truncated':
        return Object.assign(new Error(`${where} closed the connection mid-answer (truncated)`), { code: 'ECONNRESET' });
      case 'aborted':
        return Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    }
  }
}
