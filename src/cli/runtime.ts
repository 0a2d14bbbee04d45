/** Wiring from flags and environment to the stages: facts, the Ground Station port. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostFacts } from '../types.ts';
import { UsageError } from '../errors.ts';
import { createGroundStationPort, type GroundStationPort } from '../aws/groundstation.ts';
import type { ClientCredentials } from '../aws/credentials.ts';
import { gatherFacts } from '../facts/gather.ts';
import { createImdsClient, type ImdsClient } from '../facts/imds/imds.ts';
import { imdsRoleCredentials } from '../facts/imds/imds-credentials.ts';
import { parseFactsDocument } from '../facts/validate-host-facts.ts';
import { programOptions } from '../facts/linux/host-programs.ts';
import { withNicRingMax } from '../facts/linux/nic-ring-max.ts';
import type { GlobalArgs, Io } from './io.ts';
import { deadlineOf } from './run-clock.ts';
import { profileCredentials } from './profile-credentials.ts';

export function sysRootOf(args: GlobalArgs, io: Io): string {
  return args.sysRoot ?? io.env.GS_AGENT_CONFIG_SYS_ROOT ?? '/sys';
}

/** Static credentials from the environment, when set. */
export function envCredentials(env: Io['env']) {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, ...(sessionToken && { sessionToken }) } : undefined;
}

/** Anything besides the instance role the SDK's default chain would look at. */
const CHAIN_ENV = ['AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE'];

function usesSdkChain(env: Io['env']): boolean {
  if (CHAIN_ENV.some((k) => env[k])) return true;
  const home = env.HOME;
  return Boolean(home) && ['credentials', 'config'].some((f) => existsSync(join(home!, '.aws', f)));
}

/** What one run shares: one IMDS client (one token) for facts and credentials, one role provider. */
interface RunShared { imds: ImdsClient; role?: ReturnType<typeof imdsRoleCredentials> }
const perRun = new WeakMap<Io, RunShared>();

/** The run's shared state; every IMDS call of the run stops at the run's deadline (--deadline). */
function sharedFor(io: Io): RunShared {
  let shared = perRun.get(io);
  if (!shared) {
    const deadlineAt = deadlineOf(io)?.at;
    shared = { imds: createImdsClient({
      ...(io.env.AWS_EC2_METADATA_SERVICE_ENDPOINT ? { endpoint: io.env.AWS_EC2_METADATA_SERVICE_ENDPOINT } : {}),
      ...(deadlineAt !== undefined ? { deadlineAt } : {}),
    }) };
    perRun.set(io, shared);
  }
  return shared;
}

/** The run's IMDS client (one token per run), bounded by the run's deadline. */
export function imdsFor(io: Io): ImdsClient {
  return sharedFor(io).imds;
}

/**
 * The credentials of every AWS client in a run: static ones from the environment; else,
 * when a profile, config file, web identity or container is configured, the SDK's default
 * chain (undefined); else the instance role through the run's IMDS client, one provider
 * shared by the EC2 and Ground Station clients.
 */
export function credentialsFor(io: Io): ClientCredentials | undefined {
  const fromEnv = envCredentials(io.env);
  if (!fromEnv && io.env.AWS_PROFILE) return profileCredentials(io.env, io.env.AWS_PROFILE);
  if (fromEnv || usesSdkChain(io.env)) return fromEnv;
  const shared = sharedFor(io);
  shared.role ??= imdsRoleCredentials(shared.imds);
  return shared.role;
}

/** `--facts FILE`: user input, so a bad file is exit 2, checked by the host-facts schema like live facts. */
export async function readFactsFile(file: string): Promise<HostFacts> {
  let facts: unknown;
  try {
    facts = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read facts file ${file}: ${(err as Error).message}`, ['produce one with `gs-agent-config facts > facts.json` on the host']);
  }
  return parseFactsDocument(facts, file);
}

export interface FactsArgs extends GlobalArgs { facts?: string; skipEc2Checks?: boolean }

export async function loadFacts(args: FactsArgs, io: Io): Promise<HostFacts> {
  if (args.facts) return readFactsFile(args.facts);
  const facts = await gatherFacts({
    imdsClient: imdsFor(io),
    sysRoot: sysRootOf(args, io),
    region: io.env.AWS_REGION,
    ec2: args.skipEc2Checks ? false : { endpoint: io.env.AWS_ENDPOINT_URL_EC2, credentials: credentialsFor(io), deadline: deadlineOf(io) },
  });
  // The NIC's rx ring maximum (ethtool -g): the ring size the tuning unit renders (issue 14).
  return withNicRingMax(facts, programOptions(io.env, sysRootOf(args, io)));
}

export function groundStationFor(region: string, io: Io): GroundStationPort {
  return createGroundStationPort({
    region,
    endpoint: io.env.AWS_ENDPOINT_URL_GROUNDSTATION,
    taggingEndpoint: io.env.AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API,
    credentials: credentialsFor(io),
    deadline: deadlineOf(io),
  });
}

export function regionOf(facts: HostFacts, io: Io): string {
  return io.env.AWS_REGION || facts.instance.region;
}
