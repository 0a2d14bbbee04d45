/** Wiring from flags and environment to the stages: facts, the Ground Station port. */
import { readFile } from 'node:fs/promises';
import type { HostFacts } from '../types.ts';
import { UsageError } from '../errors.ts';
import { createGroundStationPort, type GroundStationPort } from '../aws/groundstation.ts';
import { gatherFacts } from '../facts/gather.ts';
import type { GlobalArgs, Io } from './io.ts';

export function sysRootOf(args: GlobalArgs, io: Io): string {
  return args.sysRoot ?? io.env.GS_AGENT_CONFIG_SYS_ROOT ?? '/sys';
}

/** Static credentials from the environment when set; otherwise the SDK's default chain. */
export function envCredentials(env: Io['env']) {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, ...(sessionToken && { sessionToken }) } : undefined;
}

export async function readFactsFile(file: string): Promise<HostFacts> {
  let facts: HostFacts;
  try {
    facts = JSON.parse(await readFile(file, 'utf8')) as HostFacts;
  } catch (err) {
    throw new UsageError(`cannot read facts file ${file}: ${(err as Error).message}`, ['produce one with `gs-agent-config facts > facts.json` on the host']);
  }
  const inst = facts?.instance;
  if (!inst || typeof inst.id !== 'string' || typeof inst.region !== 'string' || typeof inst.accountId !== 'string' || !Array.isArray(facts.interfaces)) {
    throw new UsageError(`facts file ${file} is not a gs-agent-config facts document`, ['expected instance.{id,type,region,accountId} and interfaces[]; produce one with `gs-agent-config facts`']);
  }
  return facts;
}

export interface FactsArgs extends GlobalArgs { facts?: string; skipEc2Checks?: boolean }

export async function loadFacts(args: FactsArgs, io: Io): Promise<HostFacts> {
  if (args.facts) return readFactsFile(args.facts);
  return gatherFacts({
    imdsEndpoint: io.env.AWS_EC2_METADATA_SERVICE_ENDPOINT,
    sysRoot: sysRootOf(args, io),
    region: io.env.AWS_REGION,
    ec2: args.skipEc2Checks ? false : { endpoint: io.env.AWS_ENDPOINT_URL_EC2, credentials: envCredentials(io.env) },
  });
}

export function groundStationFor(region: string, io: Io): GroundStationPort {
  return createGroundStationPort({ region, endpoint: io.env.AWS_ENDPOINT_URL_GROUNDSTATION, credentials: envCredentials(io.env) });
}

export function regionOf(facts: HostFacts, io: Io): string {
  return io.env.AWS_REGION || facts.instance.region;
}
