/**
 * One bounded HTTP exchange with IMDS (src/bounded-exchange.ts: connect, idle, total time,
 * size). Any breach, a cut-off body or one that is not UTF-8 is an AttemptFailed, which the
 * client retries as transient; its message says what happened, in IMDS's words.
 */
import { exchange, ExchangeFailed, type Breach } from '../../bounded-exchange.ts';

export interface Answer {
  status: number;
  body: string;
}

export interface AttemptBounds {
  connectMs: number;
  idleMs: number;
  totalMs: number;
  maxBytes: number;
}

/** Why one attempt gave no usable answer (retryable). */
export class AttemptFailed extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function reasonOf(breach: Breach, b: AttemptBounds): string {
  switch (breach.kind) {
    case 'total':
      return breach.received ? `answer not complete within ${b.totalMs} ms` : `no answer within ${b.totalMs} ms`;
    case 'connect':
      return `no connection within ${b.connectMs} ms`;
    case 'idle':
      return `nothing received for ${b.idleMs} ms`;
    case 'network':
      return breach.error.code ?? breach.error.message;
    case 'oversized':
      return breach.declared !== undefined
        ? `an answer of ${breach.declared} bytes, over the ${b.maxBytes}-byte cap`
        : `an answer over the ${b.maxBytes}-byte cap`;
    case 'truncated':
      return breach.code ? `an answer cut off before its end (${breach.code})` : 'an answer cut off before its end';
    case 'aborted':
      return 'aborted';
  }
}

export async function sendBounded(url: URL, method: string, headers: Record<string, string>, b: AttemptBounds): Promise<Answer> {
  let answer;
  try {
    answer = await exchange(
      {
        protocol: url.protocol === 'https:' ? 'https:' : 'http:',
        hostname: url.hostname,
        port: url.port || undefined,
        method,
        path: `${url.pathname}${url.search}`,
        headers,
      },
      { connectMs: b.connectMs, idleMs: b.idleMs, totalMs: b.totalMs, maxBytes: b.maxBytes },
    );
  } catch (err) {
    throw err instanceof ExchangeFailed ? new AttemptFailed(reasonOf(err.breach, b)) : err;
  }
  try {
    return { status: answer.status, body: utf8.decode(answer.body) };
  } catch {
    throw new AttemptFailed('an answer that is not UTF-8 text');
  }
}
