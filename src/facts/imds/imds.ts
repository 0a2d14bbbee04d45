/**
 * A small IMDSv2 client on node:http. One token PUT serves every GET (the SDK's
 * MetadataService PUTs per request and may fall back to IMDSv1; this never does).
 * Every attempt is bounded (imds-http.ts: connect, idle, total, size); failed attempts, 5xx
 * and 429 are retried with backoff within a per-item deadline and never past the run's
 * deadline. 404 means "not available" and gives undefined.
 */
import { HostFactsError, TransientError } from '../../errors.ts';
import { monotonicNow, remainingMs, type RunDeadline } from '../../run-deadline.ts';
import { AttemptFailed, sendBounded, type Answer, type AttemptBounds } from './imds-http.ts';

export interface ImdsClientOptions {
  /** Default: env AWS_EC2_METADATA_SERVICE_ENDPOINT, else http://169.254.169.254. */
  endpoint?: string;
  /** Per attempt, connect + whole answer (ms): cuts an answer that trickles in. */
  timeoutMs?: number;
  /** Per attempt, until the connection is made (ms). */
  connectTimeoutMs?: number;
  /** Per attempt, longest silence while waiting for bytes (ms). */
  idleTimeoutMs?: number;
  /** Largest answer accepted (bytes); a bigger one is a failed attempt. */
  maxResponseBytes?: number;
  attempts?: number;
  /** First backoff (ms), doubled per retry. */
  backoffMs?: number;
  /** Give up retrying one item after this long (ms). */
  deadlineMs?: number;
  /** The run's deadline: no attempt or retry runs past it (TransientError naming the path). */
  deadline?: RunDeadline;
  tokenTtlSeconds?: number;
}

export interface ImdsClient {
  readonly endpoint: string;
  /** `path` is relative to /latest/ (e.g. `meta-data/instance-id`); undefined when IMDS says 404. */
  get(path: string): Promise<string | undefined>;
  getJson<T>(path: string): Promise<T | undefined>;
  /** A directory listing or LF list as lines; [] when absent. */
  getLines(path: string): Promise<string[]>;
}

const DEFAULT_ENDPOINT = 'http://169.254.169.254';
/** Defaults: IMDS is link-local and answers in milliseconds; its largest answers are a few KiB. */
export const IMDS_DEFAULTS = {
  connectTimeoutMs: 1000,
  idleTimeoutMs: 1000,
  timeoutMs: 3000,
  maxResponseBytes: 256 * 1024,
  attempts: 3,
  backoffMs: 200,
  deadlineMs: 10_000,
};

function isRetryable(a: Answer): boolean {
  return a.status >= 500 || a.status === 429;
}

const HINTS = [
  'is this running on an EC2 instance with the instance metadata service enabled?',
  'inside a container, the instance needs HttpPutResponseHopLimit >= 2 (aws ec2 modify-instance-metadata-options)',
  'to use another metadata endpoint (e.g. the sandbox), set AWS_EC2_METADATA_SERVICE_ENDPOINT',
];

function unreachable(endpoint: string, what: string, reason: string, attempts: number): TransientError {
  return new TransientError(`IMDS at ${endpoint} did not answer (${reason}) after ${attempts} attempt(s), waiting for ${what}`, HINTS);
}

function deadlineReached(endpoint: string, what: string, reason: string): TransientError {
  return new TransientError(
    `run deadline (--deadline) reached while waiting for IMDS ${what} at ${endpoint}${reason ? ` (last attempt: ${reason})` : ''}`,
    ['the run is retried at the next start; raise --deadline if IMDS is slow on this host', ...HINTS.slice(0, 1)],
  );
}

function refused(endpoint: string, what: string, status: number): HostFactsError {
  const why =
    status === 403
      ? 'IMDS is disabled on this instance (HttpEndpoint=disabled) or the request went through a proxy (X-Forwarded-For)'
      : status === 404 || status === 405
        ? 'this endpoint does not offer IMDSv2 (and IMDSv1 is never used)'
        : 'unexpected answer';
  return new HostFactsError(`IMDS at ${endpoint} refused ${what} with HTTP ${status}: ${why}`, [
    'check the instance metadata options: aws ec2 describe-instances --query "Reservations[].Instances[].MetadataOptions"',
  ]);
}

export function createImdsClient(opts: ImdsClientOptions = {}): ImdsClient {
  const endpoint = (opts.endpoint ?? process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const o: Record<keyof typeof IMDS_DEFAULTS, number> = { ...IMDS_DEFAULTS };
  for (const k of Object.keys(IMDS_DEFAULTS) as Array<keyof typeof IMDS_DEFAULTS>) o[k] = opts[k] ?? IMDS_DEFAULTS[k];
  const ttl = String(opts.tokenTtlSeconds ?? 21600);
  let token: Promise<string> | undefined;

  /** One request with bounded retries; failed attempts and 5xx/429 are the transient cases. */
  async function withRetries(method: string, path: string, headers: Record<string, string>): Promise<Answer> {
    const url = new URL(`/latest/${path.replace(/^\/+/, '')}`, `${endpoint}/`);
    const what = `${method} ${url.pathname}`;
    const itemDeadline = monotonicNow() + o.deadlineMs;
    let reason = '';
    for (let attempt = 1; ; attempt++) {
      const left = remainingMs(opts.deadline);
      if (left <= 0) throw deadlineReached(endpoint, what, reason);
      const bounds: AttemptBounds = {
        connectMs: o.connectTimeoutMs,
        idleMs: o.idleTimeoutMs,
        totalMs: Math.min(o.timeoutMs, left),
        maxBytes: o.maxResponseBytes,
      };
      try {
        const answer = await sendBounded(url, method, headers, bounds);
        if (!isRetryable(answer)) return answer;
        reason = `HTTP ${answer.status}`;
      } catch (err) {
        if (!(err instanceof AttemptFailed)) throw err;
        reason = err.message;
      }
      const wait = o.backoffMs * 2 ** (attempt - 1);
      if ((attempt >= o.attempts ? 0 : wait) >= remainingMs(opts.deadline)) throw deadlineReached(endpoint, what, reason);
      if (attempt >= o.attempts || monotonicNow() + wait >= itemDeadline) throw unreachable(endpoint, what, reason, attempt);
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  async function fetchToken(): Promise<string> {
    const a = await withRetries('PUT', 'api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': ttl });
    if (a.status !== 200) throw refused(endpoint, 'the token request (PUT /latest/api/token)', a.status);
    // A token is opaque but goes into a header: printable ASCII only (no CR/LF smuggling).
    if (!/^[\x21-\x7e]{1,1024}$/.test(a.body)) {
      throw new TransientError(
        `IMDS at ${endpoint} answered the token request (PUT /latest/api/token) with an unusable token (${a.body.length} characters)`,
        HINTS,
      );
    }
    return a.body;
  }

  /** The shared token; concurrent callers wait on the same PUT. A failed PUT is not cached. */
  function currentToken(): Promise<string> {
    if (!token) {
      const p = fetchToken();
      token = p;
      p.catch(() => {
        if (token === p) token = undefined;
      });
    }
    return token;
  }

  async function get(path: string): Promise<string | undefined> {
    let used = currentToken();
    let a = await withRetries('GET', path, { 'x-aws-ec2-metadata-token': await used });
    if (a.status === 401) {
      // Expired or revoked: fetch a new token once (shared by all callers that saw the same 401).
      if (token === used) token = undefined;
      used = currentToken();
      a = await withRetries('GET', path, { 'x-aws-ec2-metadata-token': await used });
      // A fresh token refused again: IMDS is restarting or its clock jumped; the next run retries.
      if (a.status === 401) {
        throw new TransientError(
          `IMDS at ${endpoint} rejected a freshly issued token for GET /latest/${path} (HTTP 401 twice)`,
          HINTS.slice(0, 1),
        );
      }
    }
    if (a.status === 200) return a.body;
    if (a.status === 404) return undefined;
    throw refused(endpoint, `GET /latest/${path}`, a.status);
  }

  return {
    endpoint,
    get,
    async getJson<T>(path: string) {
      const text = await get(path);
      if (text === undefined) return undefined;
      try {
        return JSON.parse(text) as T;
      } catch {
        // A garbled answer (an error page, a cut body) is IMDS misbehaving now, not the host's data.
        throw new TransientError(
          `IMDS at ${endpoint} answered GET /latest/${path} with a body that is not JSON (starts ${JSON.stringify(text.slice(0, 40))})`,
          HINTS.slice(0, 1),
        );
      }
    },
    async getLines(path: string) {
      const text = await get(path);
      return text === undefined
        ? []
        : text
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l !== '');
    },
  };
}
