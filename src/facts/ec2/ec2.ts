/**
 * EC2 describe calls for host facts. The 25 MB client is imported lazily (through ec2-sdk.ts,
 * which names the few commands used), so commands that never ask EC2 (validate,
 * plan --facts, render) do not pay for loading it.
 */
import type { _InstanceType } from '@aws-sdk/client-ec2';
import { mapAwsError } from '../../aws/map-aws-error.ts';
import type { ElasticIpFacts, InstanceTypeFacts } from '../../types.ts';
import type { ClientCredentials } from '../../aws/credentials.ts';
import { reportRetries } from '../../aws/retry-progress.ts';
import { BoundedHttpHandler } from '../../aws/bounded-http-handler.ts';
import type { RunDeadline } from '../../run-deadline.ts';
import { NO_PROGRESS, type Progress } from '../../progress.ts';
import { mapAddresses, mapInstanceType } from './ec2-map.ts';

export type { InstanceTypeFacts };

export interface Ec2FactsOptions {
  region: string;
  /** e.g. the sandbox; otherwise AWS_ENDPOINT_URL_EC2 or the regional endpoint. */
  endpoint?: string;
  credentials?: ClientCredentials;
  maxAttempts?: number;
  /** The run's deadline: no attempt or retry runs past it. */
  deadline?: RunDeadline;
  /** Where retries are shown; default: nowhere. */
  progress?: Progress;
}

export type Ec2Module = typeof import('./ec2-sdk.ts');
export type Ec2Client = InstanceType<Ec2Module['EC2Client']>;

export async function withClient<T>(opts: Ec2FactsOptions, fn: (sdk: Ec2Module, client: Ec2Client) => Promise<T>): Promise<T> {
  const sdk = await import('./ec2-sdk.ts');
  const client = new sdk.EC2Client({
    region: opts.region,
    maxAttempts: opts.maxAttempts ?? 3,
    // Bounded like every AWS call: connect, idle and per-attempt time, size, the run's deadline.
    requestHandler: new BoundedHttpHandler({ protocol: 'xml', service: 'EC2', deadline: opts.deadline }),
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
  });
  reportRetries(client, opts.progress ?? NO_PROGRESS);
  try {
    return await fn(sdk, client);
  } finally {
    client.destroy();
  }
}

/** The Elastic IPs associated with the instance (DescribeAddresses lists EIPs only, never auto-assigned IPs). */
export async function readElasticIps(opts: Ec2FactsOptions, instanceId: string): Promise<ElasticIpFacts[]> {
  return withClient(opts, (sdk, client) => describeElasticIps(sdk, client, instanceId));
}

/** DescribeAddresses on an open client; failures mapped to the tool's errors. */
export async function describeElasticIps(sdk: Ec2Module, client: Ec2Client, instanceId: string): Promise<ElasticIpFacts[]> {
  let out;
  try {
    out = await client.send(new sdk.DescribeAddressesCommand({ Filters: [{ Name: 'instance-id', Values: [instanceId] }] }));
  } catch (err) {
    throw mapAwsError('DescribeAddresses', err);
  }
  return mapAddresses(out.Addresses, instanceId);
}

/** vCPU and network facts of an instance type; an unknown type is AWS's InvalidInstanceType error. */
export async function readInstanceType(opts: Ec2FactsOptions, type: string): Promise<InstanceTypeFacts> {
  return withClient(opts, (sdk, client) => describeInstanceType(sdk, client, type));
}

/** DescribeInstanceTypes on an open client; failures mapped to the tool's errors. */
export async function describeInstanceType(sdk: Ec2Module, client: Ec2Client, type: string): Promise<InstanceTypeFacts> {
  let out;
  try {
    out = await client.send(new sdk.DescribeInstanceTypesCommand({ InstanceTypes: [type as _InstanceType] }));
  } catch (err) {
    throw mapAwsError('DescribeInstanceTypes', err);
  }
  return mapInstanceType(
    type,
    out.InstanceTypes?.find((t) => t.InstanceType === type),
  );
}
