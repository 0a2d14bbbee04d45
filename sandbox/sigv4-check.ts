/**
 * Verifies the SigV4 `Authorization` header of a sandbox request by re-signing the received
 * request with @smithy/signature-v4 and the sandbox's known credentials (the SDK's own signer,
 * so a correct client gives a byte-identical signature). Shared by every stand-in service:
 * pass `service: 'groundstation'` or `service: 'ec2'`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SourceData } from '@smithy/types';
import type { SandboxRequest } from './types.ts';

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SigV4Options {
  service: string;
  region: string;
  credentials: SigV4Credentials;
  /** Clock for the 15-minute skew check; tests may pin it. */
  now?: () => Date;
}

/** Why a signature was refused; each stand-in turns this into its protocol's error code. */
export type SigV4FailureKind = 'missing' | 'malformed' | 'unknownKey' | 'badScope' | 'expired' | 'badSignature';

export type SigV4Result = { ok: true; accessKeyId: string } | { ok: false; kind: SigV4FailureKind; code: string; message: string };

/** Error codes AWS JSON/REST-JSON services return (HTTP 403). */
export const JSON_AUTH_ERROR_CODES: Record<SigV4FailureKind, string> = {
  missing: 'MissingAuthenticationTokenException',
  malformed: 'IncompleteSignatureException',
  unknownKey: 'UnrecognizedClientException',
  badScope: 'InvalidSignatureException',
  expired: 'InvalidSignatureException',
  badSignature: 'InvalidSignatureException',
};

/** Error codes the EC2 Query API returns for the same failures. */
export const EC2_AUTH_ERROR_CODES: Record<SigV4FailureKind, string> = {
  missing: 'MissingAuthenticationToken',
  malformed: 'IncompleteSignature',
  unknownKey: 'AuthFailure',
  badScope: 'SignatureDoesNotMatch',
  expired: 'RequestExpired',
  badSignature: 'SignatureDoesNotMatch',
};

const SKEW_MS = 15 * 60 * 1000;
const AUTH_RE = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

/** node:crypto in the shape @smithy/signature-v4 wants, so no extra hash package is needed. */
export class NodeSha256 {
  private readonly h: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: SourceData) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: SourceData): void {
    this.h.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
}

function toBuffer(d: SourceData): Buffer {
  if (typeof d === 'string') return Buffer.from(d, 'utf8');
  if (ArrayBuffer.isView(d)) return Buffer.from(d.buffer, d.byteOffset, d.byteLength);
  return Buffer.from(d);
}

function fail(kind: SigV4FailureKind, message: string): SigV4Result {
  return { ok: false, kind, code: JSON_AUTH_ERROR_CODES[kind], message };
}

function header(req: SandboxRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** `20240101T000000Z` → Date. */
function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
}

function checkClock(amzDate: string, date: Date, now: Date): SigV4Result | undefined {
  const stamp = now.toISOString().replace(/[-:]|\.\d{3}/g, '');
  if (now.getTime() - date.getTime() > SKEW_MS) {
    return fail('expired', `Signature expired: ${amzDate} is now earlier than ${stamp} - 15 min.`);
  }
  if (date.getTime() - now.getTime() > SKEW_MS) {
    return fail('expired', `Signature not yet current: ${amzDate} is still later than ${stamp} + 15 min.`);
  }
  return undefined;
}

function queryOf(url: URL): Record<string, string | string[]> {
  const q: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = q[k];
    q[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return q;
}

async function resign(req: SandboxRequest, signed: string[], date: Date, opts: SigV4Options, token?: string): Promise<string> {
  const headers: Record<string, string> = {};
  for (const h of signed) {
    if (h !== 'x-amz-date') headers[h] = header(req, h) ?? '';
  }
  const signer = new SignatureV4({
    service: opts.service,
    region: opts.region,
    credentials: { ...opts.credentials, sessionToken: token },
    sha256: NodeSha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const out = await signer.sign(
    {
      method: req.method,
      protocol: 'http:',
      hostname: req.url.hostname,
      path: req.url.pathname,
      query: queryOf(req.url),
      headers,
      body: req.body.length ? req.body : undefined,
    },
    { signingDate: date, signableHeaders: new Set(signed) },
  );
  const m = AUTH_RE.exec(String(out.headers.authorization));
  return m ? m[3] : '';
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Checks the request's SigV4 signature the way AWS does, from the cheapest check to the re-sign. */
export async function checkSigV4(req: SandboxRequest, opts: SigV4Options): Promise<SigV4Result> {
  const auth = header(req, 'authorization');
  if (!auth) return fail('missing', 'Missing Authentication Token');
  const m = AUTH_RE.exec(auth);
  if (!m) return fail('malformed', `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.`);
  const [accessKeyId, scopeDate, region, service, terminator] = m[1].split('/');
  if (accessKeyId !== opts.credentials.accessKeyId) {
    return fail('unknownKey', 'The security token included in the request is invalid.');
  }
  if (terminator !== 'aws4_request' || region !== opts.region) {
    return fail('badScope', `Credential should be scoped to a valid region, not '${region}'.`);
  }
  if (service !== opts.service) {
    return fail('badScope', `Credential should be scoped to correct service: '${opts.service}'.`);
  }
  const signed = m[2].split(';');
  const amzDate = header(req, 'x-amz-date') ?? '';
  const date = parseAmzDate(amzDate);
  if (!date || !signed.includes('host') || !signed.includes('x-amz-date') || !amzDate.startsWith(scopeDate)) {
    return fail('malformed', 'The request must be signed with host and x-amz-date, and the credential date must match x-amz-date.');
  }
  const skew = checkClock(amzDate, date, (opts.now ?? (() => new Date()))());
  if (skew) return skew;
  const contentHash = header(req, 'x-amz-content-sha256');
  if (contentHash && contentHash !== 'UNSIGNED-PAYLOAD' && contentHash !== createHash('sha256').update(req.body).digest('hex')) {
    return fail('badSignature', 'The provided x-amz-content-sha256 header does not match what was computed.');
  }
  const expected = await resign(req, signed, date, opts, header(req, 'x-amz-security-token'));
  if (!sameHex(expected, m[3])) {
    return fail(
      'badSignature',
      'The request signature we calculated does not match the signature you provided. ' +
        'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return { ok: true, accessKeyId };
}
