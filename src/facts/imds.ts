/**
 * A small IMDSv2 client on node:http. One token PUT serves every GET (the SDK's
 * MetadataService PUTs per request and may fall back to IMDSv1; this never does).
 * Network errors, 5xx and 429 are retried with backoff within a deadline; 404 means
 * "not available" and gives undefined.
 */
import { request } from 'node:http';
import { HostFactsError, TransientError } from '../errors.ts';
import type { HostFacts, InterfaceFacts } from '../types.ts';

export interface ImdsClientOptions {
  /** Default: env AWS_EC2_METADATA_SERVICE_ENDPOINT, else http://169.254.169.254. */
  endpoint?: string;
  /** Per attempt, connect + answer (ms). */
  timeoutMs?: number;
  attempts?: number;
  /** First backoff (ms), doubled per retry. */
  backoffMs?: number;
  /** Give up retrying one item after this long (ms). */
  deadlineMs?: number;
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

interface Answer { status: number; body: string }

const DEFAULT_ENDPOINT = 'http://169.254.169.254';

function send(url: URL, method: string, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function isRetryable(a: Answer): boolean {
  return a.status >= 500 || a.status === 429;
}

function unreachable(endpoint: string, reason: string, attempts: number): TransientError {
  return new TransientError(`IMDS at ${endpoint} did not answer (${reason}) after ${attempts} attempt(s)`, [
    'is this running on an EC2 instance with the instance metadata service enabled?',
    'inside a container, the instance needs HttpPutResponseHopLimit >= 2 (aws ec2 modify-instance-metadata-options)',
    'to use another metadata endpoint (e.g. the sandbox), set AWS_EC2_METADATA_SERVICE_ENDPOINT',
  ]);
}

function refused(endpoint: string, what: string, status: number): HostFactsError {
  const why = status === 403
    ? 'IMDS is disabled on this instance (HttpEndpoint=disabled) or the request went through a proxy (X-Forwarded-For)'
    : status === 404 || status === 405 ? 'this endpoint does not offer IMDSv2 (and IMDSv1 is never used)'
    : status === 401 ? 'a freshly issued token was rejected' : 'unexpected answer';
  return new HostFactsError(`IMDS at ${endpoint} refused ${what} with HTTP ${status}: ${why}`, [
    'check the instance metadata options: aws ec2 describe-instances --query "Reservations[].Instances[].MetadataOptions"',
  ]);
}

export function createImdsClient(opts: ImdsClientOptions = {}): ImdsClient {
  const endpoint = (opts.endpoint ?? process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 1000;
  const attempts = opts.attempts ?? 3;
  const backoffMs = opts.backoffMs ?? 200;
  const deadlineMs = opts.deadlineMs ?? 10_000;
  const ttl = String(opts.tokenTtlSeconds ?? 21600);
  let token: Promise<string> | undefined;

  /** One request with bounded retries; network errors and 5xx/429 are the transient cases. */
  async function withRetries(method: string, path: string, headers: Record<string, string>): Promise<Answer> {
    const url = new URL(`/latest/${path.replace(/^\/+/, '')}`, `${endpoint}/`);
    const deadline = Date.now() + deadlineMs;
    let reason = '';
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await send(url, method, headers, timeoutMs);
        if (!isRetryable(answer)) return answer;
        reason = `HTTP ${answer.status}`;
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        reason = e.name === 'TimeoutError' || e.name === 'AbortError' ? `no answer within ${timeoutMs} ms` : e.code ?? e.message;
      }
      const wait = backoffMs * 2 ** (attempt - 1);
      if (attempt >= attempts || Date.now() + wait >= deadline) throw unreachable(endpoint, reason, attempt);
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  async function fetchToken(): Promise<string> {
    const a = await withRetries('PUT', 'api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': ttl });
    if (a.status !== 200 || a.body === '') throw refused(endpoint, 'the token request (PUT /latest/api/token)', a.status);
    return a.body;
  }

  /** The shared token; concurrent callers wait on the same PUT. A failed PUT is not cached. */
  function currentToken(): Promise<string> {
    if (!token) {
      const p = fetchToken();
      token = p;
      p.catch(() => { if (token === p) token = undefined; });
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
        throw new HostFactsError(`IMDS at ${endpoint} returned invalid JSON for /latest/${path}`);
      }
    },
    async getLines(path: string) {
      const text = await get(path);
      return text === undefined ? [] : text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    },
  };
}

const MACS = 'meta-data/network/interfaces/macs';

async function readInterface(client: ImdsClient, mac: string): Promise<InterfaceFacts> {
  const base = `${MACS}/${mac}`;
  const [deviceNumber, interfaceId, subnetId, vpcId, privateIps, publicIps, assocIps, groupIds] = await Promise.all([
    client.get(`${base}/device-number`), client.get(`${base}/interface-id`), client.get(`${base}/subnet-id`),
    client.get(`${base}/vpc-id`), client.getLines(`${base}/local-ipv4s`), client.getLines(`${base}/public-ipv4s`),
    client.getLines(`${base}/ipv4-associations/`), client.getLines(`${base}/security-group-ids`),
  ]);
  if (deviceNumber === undefined || !/^\d+$/.test(deviceNumber.trim())) {
    throw new HostFactsError(`IMDS at ${client.endpoint} has no device-number for interface ${mac}`);
  }
  const privates = await Promise.all(assocIps.map((ip) => client.get(`${base}/ipv4-associations/${ip}`)));
  const ipv4Associations: Record<string, string> = {};
  assocIps.forEach((ip, i) => { const priv = privates[i]?.trim(); if (priv) ipv4Associations[ip] = priv; });
  return {
    mac: mac.toLowerCase(),
    deviceNumber: Number(deviceNumber.trim()),
    ...(interfaceId ? { interfaceId: interfaceId.trim() } : {}),
    ...(subnetId ? { subnetId: subnetId.trim() } : {}),
    ...(vpcId ? { vpcId: vpcId.trim() } : {}),
    privateIps,
    publicIps,
    ipv4Associations,
    ...(groupIds.length ? { securityGroupIds: groupIds } : {}),
  };
}

interface IdentityDocument { accountId?: string; region?: string; availabilityZone?: string; instanceId?: string; instanceType?: string }

function required(client: ImdsClient, what: string, value: string | undefined): string {
  if (!value) throw new HostFactsError(`IMDS at ${client.endpoint} did not provide ${what}`);
  return value.trim();
}

/** A meta-data leaf, read only when the identity document lacks it (it never does on EC2). */
async function fallback(client: ImdsClient, known: string | undefined, path: string): Promise<string | undefined> {
  return known?.trim() || (await client.get(path))?.trim();
}

/**
 * Instance identity and every network interface, in two parallel waves (the identity
 * document with the interface list, then each interface's leaves); interfaces sorted by
 * device number. The identity document answers instance id, type, region, zone and account
 * in one GET; the meta-data leaves are read only if it lacks one.
 */
export async function readImdsFacts(client: ImdsClient): Promise<Omit<HostFacts, 'cpu' | 'elasticIps'>> {
  const [doc, macs] = await Promise.all([
    client.getJson<IdentityDocument>('dynamic/instance-identity/document'), client.getLines(`${MACS}/`),
  ]);
  const [[id, type, region, availabilityZone], interfaces] = await Promise.all([
    Promise.all([
      fallback(client, doc?.instanceId, 'meta-data/instance-id'), fallback(client, doc?.instanceType, 'meta-data/instance-type'),
      fallback(client, doc?.region, 'meta-data/placement/region'), fallback(client, doc?.availabilityZone, 'meta-data/placement/availability-zone'),
    ]),
    Promise.all(macs.map((m) => readInterface(client, m.replace(/\/$/, '')))),
  ]);
  return {
    instance: {
      id: required(client, 'meta-data/instance-id', id),
      type: required(client, 'meta-data/instance-type', type),
      region: required(client, 'meta-data/placement/region', region),
      ...(availabilityZone ? { availabilityZone } : {}),
      accountId: required(client, 'the account id (dynamic/instance-identity/document)', doc?.accountId),
    },
    interfaces: interfaces.sort((a, b) => a.deviceNumber - b.deviceNumber),
  };
}
