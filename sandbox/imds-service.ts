/**
 * IMDSv2 stand-in for a simulated host: token PUT, token-checked GET/HEAD, text/plain
 * answers and directory listings, with the status codes of the real service
 * (400 bad TTL, 401 bad/expired token, 403 X-Forwarded-For or wrong token path, 404, 405).
 */
import { randomBytes } from 'node:crypto';
import type { SandboxRequest, SandboxResponse, SandboxService, SimulatedHost } from './types.ts';

export interface ImdsService extends SandboxService {
  /** Invalidate every token handed out so far (the next GET answers 401). */
  expireTokens(): void;
  /** Every token handed out (tests check none of them is ever printed or written). */
  readonly issued: readonly string[];
}

const TOKEN_PATH = '/latest/api/token';
const MAX_TTL_SECONDS = 21600;
const TEXT = { 'content-type': 'text/plain' };

/** Real IMDS tolerates `//` (some SDKs send `//latest/...`), so collapse runs of slashes. */
function normalisePath(url: URL): string {
  return url.pathname.replace(/\/{2,}/g, '/');
}

function header(req: SandboxRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function publicIpsOf(eni: SimulatedHost['interfaces'][number]): Array<{ publicIp: string; privateIp: string }> {
  const eips = eni.elasticIps.map((e) => ({ publicIp: e.publicIp, privateIp: e.privateIp }));
  const auto = eni.autoPublicIp ? [{ publicIp: eni.autoPublicIp, privateIp: eni.privateIps[0] }] : [];
  return [...eips, ...auto];
}

function identityDocument(host: SimulatedHost): string {
  const doc = {
    accountId: host.accountId,
    architecture: 'x86_64',
    availabilityZone: host.availabilityZone,
    billingProducts: null,
    devpayProductCodes: null,
    marketplaceProductCodes: null,
    imageId: host.imageId,
    instanceId: host.instanceId,
    instanceType: host.instanceType,
    kernelId: null,
    pendingTime: '2024-03-28T12:00:00Z',
    privateIp: host.interfaces.find((i) => i.deviceNumber === 0)?.privateIps[0] ?? null,
    ramdiskId: null,
    region: host.region,
    version: '2017-09-30',
  };
  return JSON.stringify(doc, null, 2);
}

/** Every leaf the stand-in serves, keyed by its path below /latest/. Directories are implied. */
/** The instance profile's role, served at meta-data/iam/security-credentials/<name>. */
export interface ImdsRole {
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

function buildLeaves(host: SimulatedHost, role: ImdsRole | undefined, now: number): Map<string, string> {
  const leaves = new Map<string, string>();
  const md = 'meta-data';
  const primary = host.interfaces.find((i) => i.deviceNumber === 0);
  leaves.set(`${md}/instance-id`, host.instanceId);
  leaves.set(`${md}/instance-type`, host.instanceType);
  leaves.set(`${md}/ami-id`, host.imageId);
  leaves.set(`${md}/placement/region`, host.region);
  leaves.set(`${md}/placement/availability-zone`, host.availabilityZone);
  if (primary) {
    leaves.set(`${md}/mac`, primary.mac);
    leaves.set(`${md}/local-ipv4`, primary.privateIps[0]);
    const pub = publicIpsOf(primary)[0];
    if (pub) leaves.set(`${md}/public-ipv4`, pub.publicIp);
  }
  for (const eni of host.interfaces) {
    const base = `${md}/network/interfaces/macs/${eni.mac}`;
    leaves.set(`${base}/device-number`, String(eni.deviceNumber));
    leaves.set(`${base}/interface-id`, eni.interfaceId);
    leaves.set(`${base}/mac`, eni.mac);
    leaves.set(`${base}/owner-id`, host.accountId);
    leaves.set(`${base}/subnet-id`, eni.subnetId);
    leaves.set(`${base}/vpc-id`, eni.vpcId);
    leaves.set(`${base}/security-group-ids`, eni.securityGroupIds.join('\n'));
    leaves.set(`${base}/local-ipv4s`, eni.privateIps.join('\n'));
    const pubs = publicIpsOf(eni);
    // Like the real service, public-ipv4s and ipv4-associations/ exist only when there is one.
    if (pubs.length > 0) leaves.set(`${base}/public-ipv4s`, pubs.map((p) => p.publicIp).join('\n'));
    for (const p of pubs) leaves.set(`${base}/ipv4-associations/${p.publicIp}`, p.privateIp);
  }
  leaves.set('dynamic/instance-identity/document', identityDocument(host));
  if (role) {
    const at = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    leaves.set(
      `${md}/iam/security-credentials/${role.name}`,
      JSON.stringify(
        {
          Code: 'Success',
          LastUpdated: at(now),
          Type: 'AWS-HMAC',
          AccessKeyId: role.accessKeyId,
          SecretAccessKey: role.secretAccessKey,
          Token: role.sessionToken,
          Expiration: at(now + 6 * 3600_000),
        },
        null,
        2,
      ),
    );
  }
  return leaves;
}

/** Children of directory `dir` (no trailing slash; '' = /latest/), subdirectories with `/`. */
function listDirectory(leaves: Map<string, string>, dir: string): string[] | undefined {
  const prefix = dir === '' ? '' : `${dir}/`;
  const children = new Set<string>();
  for (const key of leaves.keys()) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const slash = rest.indexOf('/');
    children.add(slash === -1 ? rest : `${rest.slice(0, slash)}/`);
  }
  return children.size > 0 ? [...children].sort() : undefined;
}

export function createImdsService(host: SimulatedHost, opts: { now?: () => number; role?: ImdsRole } = {}): ImdsService {
  const now = opts.now ?? Date.now;
  const tokens = new Map<string, number>(); // token → expiry (ms)
  const leaves = buildLeaves(host, opts.role, now());
  const issued: string[] = [];

  function issueToken(req: SandboxRequest): SandboxResponse {
    // A proxy forwarding the PUT adds X-Forwarded-For; IMDS refuses it so tokens cannot leak.
    if (header(req, 'x-forwarded-for') !== undefined) return { status: 403, headers: TEXT, body: 'Forbidden' };
    if (normalisePath(req.url) !== TOKEN_PATH) return { status: 403, headers: TEXT, body: 'Forbidden' };
    const ttlText = header(req, 'x-aws-ec2-metadata-token-ttl-seconds') ?? '';
    const ttl = /^\d+$/.test(ttlText) ? Number(ttlText) : NaN;
    if (!(ttl >= 1 && ttl <= MAX_TTL_SECONDS)) return { status: 400, headers: TEXT, body: 'Bad Request' };
    const token = randomBytes(42).toString('base64');
    tokens.set(token, now() + ttl * 1000);
    issued.push(token);
    return { status: 200, headers: { ...TEXT, 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) }, body: token };
  }

  function tokenIsValid(req: SandboxRequest): boolean {
    const token = header(req, 'x-aws-ec2-metadata-token');
    const expiry = token === undefined ? undefined : tokens.get(token);
    return expiry !== undefined && now() < expiry;
  }

  function serve(req: SandboxRequest): SandboxResponse {
    if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, headers: TEXT, body: 'Method Not Allowed' };
    if (!tokenIsValid(req)) return { status: 401, headers: TEXT, body: 'Unauthorized' };
    const rel = normalisePath(req.url).slice('/latest/'.length).replace(/\/$/, '');
    const leaf = leaves.get(rel);
    const listing = leaf === undefined ? listDirectory(leaves, rel) : undefined;
    const body = leaf ?? listing?.join('\n');
    if (body === undefined) return { status: 404, headers: TEXT, body: 'Not Found' };
    return { status: 200, headers: TEXT, body: req.method === 'HEAD' ? '' : body };
  }

  return {
    identify(req) {
      const path = normalisePath(req.url);
      if (path === TOKEN_PATH || (req.method === 'PUT' && path.endsWith('/api/token'))) return 'imds:token';
      return path.startsWith('/latest/') || path === '/latest' ? 'imds:get' : undefined;
    },
    handle(req, action) {
      if (action === 'imds:token') {
        return req.method === 'PUT' ? issueToken(req) : { status: 405, headers: TEXT, body: 'Method Not Allowed' };
      }
      return serve(req);
    },
    expireTokens() {
      tokens.clear();
    },
    issued,
  };
}
