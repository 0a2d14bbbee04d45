/**
 * Amazon S3 stand-in: `GetObject` of the agent RPMs from AWS's regional bucket, path-style
 * (`GET /groundstation-wb-digif-software-<region>/aws-groundstation-agent/<version>/<os_path>/aws-groundstation-agent.rpm`),
 * SigV4-checked like every stand-in (service `s3`). It serves the sandbox's fake RPMs
 * (agent-package.ts) of every well-formed version, and `latest` as `latestVersion`; Amazon
 * Linux 2023 builds only from 1.0.5953.0 on, as AWS publishes them. Anything else is S3's XML
 * error (NoSuchKey, NoSuchBucket, AccessDenied).
 */
import { agentRpm, AGENT_BUILDS, type AgentBuild } from './agent-package.ts';
import { checkSigV4, type SigV4Credentials } from './sigv4-check.ts';
import type { SandboxRequest, SandboxResponse, SandboxService } from './types.ts';

export const AGENT_BUCKET_PREFIX = 'groundstation-wb-digif-software-';
const KEY = /^aws-groundstation-agent\/(latest|\d{1,9}\.\d{1,9}\.\d{1,9}\.\d{1,9})\/([a-z0-9_]+)\/aws-groundstation-agent\.rpm$/;
/** The first version with an Amazon Linux 2023 build. */
const FIRST_AL2023 = [1, 0, 5953, 0];

export interface S3ServiceOptions {
  region: string;
  credentials: SigV4Credentials;
  /** What `latest` serves. */
  latestVersion: string;
}

function xmlError(status: number, code: string, message: string): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>SANDBOX</RequestId></Error>`,
  };
}

function older(version: string, than: number[]): boolean {
  const v = version.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (v[i] !== than[i]) return v[i] < than[i];
  return false;
}

export function createS3Service(opts: S3ServiceOptions): SandboxService & { objectsServed: string[] } {
  const served: string[] = [];
  return {
    objectsServed: served,
    identify: (req) =>
      req.url.pathname.startsWith(`/${AGENT_BUCKET_PREFIX}`) ? `s3:${req.method === 'GET' ? 'GetObject' : req.method}` : undefined,
    async handle(req: SandboxRequest, action: string): Promise<SandboxResponse> {
      const auth = await checkSigV4(req, { service: 's3', region: opts.region, credentials: opts.credentials });
      if (!auth.ok) return xmlError(403, auth.kind === 'unknownKey' ? 'InvalidAccessKeyId' : 'SignatureDoesNotMatch', auth.message);
      if (action !== 's3:GetObject') return xmlError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
      const [, bucket, ...rest] = req.url.pathname.split('/');
      if (bucket !== `${AGENT_BUCKET_PREFIX}${opts.region}`) return xmlError(404, 'NoSuchBucket', 'The specified bucket does not exist');
      const key = decodeURIComponent(rest.join('/'));
      const m = KEY.exec(key);
      const build = (Object.keys(AGENT_BUILDS) as AgentBuild[]).find((b) => AGENT_BUILDS[b] === m?.[2]);
      const version = m?.[1] === 'latest' ? opts.latestVersion : m?.[1];
      if (!m || !build || !version || (build === 'al2023' && older(version, FIRST_AL2023)))
        return xmlError(404, 'NoSuchKey', 'The specified key does not exist.');
      served.push(key);
      const body = agentRpm(version, build);
      return {
        status: 200,
        headers: { 'content-type': 'application/x-rpm', 'content-length': String(body.length), etag: '"sandbox"' },
        body,
      };
    },
  };
}
