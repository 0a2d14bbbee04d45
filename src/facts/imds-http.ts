/**
 * One bounded HTTP exchange with IMDS: a connect timeout, an idle timeout (nothing received
 * for that long), a total time for the attempt (cuts an answer that trickles in) and a cap on
 * the body. Any breach, a cut-off body or one that is not UTF-8 is an AttemptFailed, which
 * the client retries as transient.
 */
import { request } from 'node:http';

export interface Answer { status: number; body: string }

export interface AttemptBounds {
  connectMs: number;
  idleMs: number;
  totalMs: number;
  maxBytes: number;
}

/** Why one attempt gave no usable answer (retryable). */
export class AttemptFailed extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(chunks: Buffer[]): string | undefined {
  try {
    return utf8.decode(Buffer.concat(chunks));
  } catch {
    return undefined;
  }
}

export function sendBounded(url: URL, method: string, headers: Record<string, string>, b: AttemptBounds): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let done = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (err: AttemptFailed | undefined, answer?: Answer) => {
      if (done) return;
      done = true;
      timers.forEach(clearTimeout);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(answer as Answer);
    };
    const fail = (reason: string) => finish(new AttemptFailed(reason));
    const req = request(url, { method, headers, timeout: b.idleMs });
    let received = false;
    timers.push(setTimeout(() => fail(received ? `answer not complete within ${b.totalMs} ms` : `no answer within ${b.totalMs} ms`), b.totalMs));
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      const connect = setTimeout(() => fail(`no connection within ${b.connectMs} ms`), b.connectMs);
      timers.push(connect);
      socket.once('connect', () => clearTimeout(connect));
    });
    req.on('timeout', () => fail(`nothing received for ${b.idleMs} ms`));
    req.on('error', (e: NodeJS.ErrnoException) => fail(received ? `an answer cut off before its end (${e.code ?? e.message})` : e.code ?? e.message));
    req.on('response', (res) => {
      received = true;
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > b.maxBytes) return fail(`an answer of ${declared} bytes, over the ${b.maxBytes}-byte cap`);
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > b.maxBytes) fail(`an answer over the ${b.maxBytes}-byte cap`);
        else chunks.push(c);
      });
      res.on('error', () => fail('an answer cut off before its end'));
      res.on('close', () => fail('an answer cut off before its end'));
      res.on('end', () => {
        if (!res.complete) return fail('an answer cut off before its end');
        const body = decode(chunks);
        if (body === undefined) return fail('an answer that is not UTF-8 text');
        finish(undefined, { status: res.statusCode ?? 0, body });
      });
    });
    req.end();
  });
}
