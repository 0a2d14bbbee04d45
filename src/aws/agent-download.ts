/**
 * The agent RPM from AWS's regional bucket ("Install the agent":
 * `s3://groundstation-wb-digif-software-<region>/aws-groundstation-agent/<version>/<os_path>/aws-groundstation-agent.rpm`),
 * read with S3 GetObject through the SDK's S3 client (3.523.0, loaded on first use) on the
 * bounded handler: at most AGENT_RPM_MAX_BYTES, an idle timeout, each attempt bounded and none
 * past the run's deadline. AWS_ENDPOINT_URL_S3 is honoured (path-style on a loopback endpoint:
 * the sandbox). The bytes are not trusted here: the caller checks their SHA-256.
 */
import { AwsCallError } from '../errors.ts';
import { BoundedHttpHandler } from './bounded-http-handler.ts';
import type { AwsClientOptions } from './client-options.ts';
import { mapAwsError } from './map-aws-error.ts';
import { reportRetries } from './retry-progress.ts';
import { NO_PROGRESS } from '../progress.ts';

/**
 * The agent RPM is a few tens of MiB (AWS publishes no size; the agent, its data pipe and
 * their libraries): 256 MiB leaves room for growth and still bounds memory, as the RPM is held
 * in memory to be hashed before it is written.
 */
export const AGENT_RPM_MAX_BYTES = 256 * 1024 * 1024;
/** One attempt of a download: 10 minutes (a 256 MiB file at ~3.5 Mbit/s); never past the run's deadline. */
export const AGENT_RPM_ATTEMPT_MS = 600_000;
/** Silence for this long ends an attempt (the bounded handler's idle timeout). */
export const AGENT_RPM_IDLE_MS = 10_000;

export const AGENT_BUCKET_PREFIX = 'groundstation-wb-digif-software-';

export interface AgentObject {
  bucket: string;
  key: string;
}

/** Where AWS publishes `version` (or `latest`) of the build at `osPath` in `region`. */
export function agentObject(region: string, version: string, osPath: string): AgentObject {
  return { bucket: `${AGENT_BUCKET_PREFIX}${region}`, key: `aws-groundstation-agent/${version}/${osPath}/aws-groundstation-agent.rpm` };
}

export const s3Url = (o: AgentObject) => `s3://${o.bucket}/${o.key}`;

function isLoopbackUrl(endpoint: string): boolean {
  try {
    const h = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
    return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
  } catch {
    return false;
  }
}

export interface AgentDownloadPort {
  /** The object's bytes; exit 4 when S3 refuses (not found, denied), 5 when it outlasts retries or the deadline. */
  get(o: AgentObject): Promise<Buffer>;
}

export function createAgentDownloadPort(opts: AwsClientOptions): AgentDownloadPort {
  return {
    async get(o) {
      const { S3Client, GetObjectCommand } = await import('@aws-sdk/client-s3');
      const client = new S3Client({
        region: opts.region,
        maxAttempts: opts.maxAttempts ?? 3,
        requestHandler: new BoundedHttpHandler({
          protocol: 'raw',
          service: 'S3',
          deadline: opts.deadline,
          bounds: { maxBytes: AGENT_RPM_MAX_BYTES, attemptMs: AGENT_RPM_ATTEMPT_MS, idleMs: AGENT_RPM_IDLE_MS },
        }),
        ...(opts.endpoint !== undefined && { endpoint: opts.endpoint, forcePathStyle: isLoopbackUrl(opts.endpoint) }),
        ...(opts.credentials !== undefined && { credentials: opts.credentials }),
      });
      reportRetries(client, opts.progress ?? NO_PROGRESS);
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: o.bucket, Key: o.key }));
        if (!out.Body) throw new AwsCallError('EmptyBody', `GetObject ${s3Url(o)} answered without a body`);
        return Buffer.from(await out.Body.transformToByteArray());
      } catch (err) {
        if (err instanceof AwsCallError) throw err;
        const mapped = mapAwsError('GetObject', err);
        if (mapped instanceof AwsCallError)
          throw new AwsCallError(
            mapped.code,
            `${mapped.message} (${s3Url(o)})`,
            [
              ...mapped.details,
              ...(mapped.code === 'NoSuchKey' ? ['AWS publishes no such object: check the version and the OS build'] : []),
              ...(mapped.code === 'AccessDenied' || mapped.code === 'Forbidden'
                ? [
                    'the role needs s3:GetObject on arn:aws:s3:::groundstation-wb-digif-software-*/aws-groundstation-agent/* (gs-agent-config iam-policy)',
                  ]
                : []),
            ],
            { cause: err },
          );
        throw mapped;
      } finally {
        client.destroy();
      }
    },
  };
}
