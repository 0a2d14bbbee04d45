/**
 * The ports of a run, built from flags and environment when a command first asks for them:
 * one IMDS client (one token) and one credentials provider per run (kept in the Runtime's
 * shared slots), the AWS clients on the run's deadline and progress, the host facts.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostFacts } from '../types.ts';
import { UsageError } from '../errors.ts';
import { createGroundStationPort, type GroundStationPort } from '../aws/groundstation.ts';
import { createContactsPort, type ContactsPort } from '../aws/contacts.ts';
import { createSsmPort, type SsmPort } from '../aws/ssm.ts';
import type { ClientCredentials } from '../aws/credentials.ts';
import type { Ec2FactsOptions } from '../facts/ec2/ec2.ts';
import { gatherFacts } from '../facts/gather.ts';
import { createImdsClient, type ImdsClient } from '../facts/imds/imds.ts';
import { readHostIdentity, type HostIdentity } from '../facts/imds/host-identity.ts';
import { imdsRoleCredentials } from '../facts/imds/imds-credentials.ts';
import { parseFactsDocument } from '../facts/validate-host-facts.ts';
import { programOptions } from '../facts/linux/host-programs.ts';
import { resolveProcRoot } from '../facts/linux/proc-files.ts';
import type { GlobalArgs, Io } from './io.ts';
import type { Runtime } from './runtime.ts';
import { checkRunProfile, profileCredentials } from './profile-credentials.ts';
import { assertRunRegion } from './run-region.ts';

/** Static credentials from the environment, when set. */
export function envCredentials(env: Io['env']) {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, ...(sessionToken && { sessionToken }) } : undefined;
}

/** Anything besides the instance role the SDK's default chain would look at. */
const CHAIN_ENV = [
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
];

function usesSdkChain(env: Io['env']): boolean {
  if (CHAIN_ENV.some((k) => env[k])) return true;
  const home = env.HOME;
  return Boolean(home) && ['credentials', 'config'].some((f) => existsSync(join(home!, '.aws', f)));
}

/** The run's IMDS client (one token per run), bounded by the run's deadline. */
export function imdsFor(rt: Runtime): ImdsClient {
  const env = rt.io.env;
  return (rt.shared.imds ??= createImdsClient({
    ...(env.AWS_EC2_METADATA_SERVICE_ENDPOINT ? { endpoint: env.AWS_EC2_METADATA_SERVICE_ENDPOINT } : {}),
    deadline: rt.run.deadline,
  }));
}

/**
 * The credentials of every AWS client in a run: static ones from the environment; else, when a
 * profile, config file, web identity or container is configured, the SDK's default chain
 * (undefined); else the instance role through the run's IMDS client, one provider shared by
 * every client.
 */
export function credentialsFor(rt: Runtime): ClientCredentials | undefined {
  if (rt.shared.credentials) return rt.shared.credentials.value;
  const env = rt.io.env;
  const fromEnv = envCredentials(env);
  // A profile that does not exist is refused before any call (the chain would fall back to the instance role).
  const profile = checkRunProfile(env, rt.where.profile !== undefined);
  const value = profile ? profileCredentials(env, profile) : fromEnv || usesSdkChain(env) ? fromEnv : imdsRoleCredentials(imdsFor(rt));
  rt.shared.credentials = { value };
  return value;
}

/**
 * The instance id and region from the run's IMDS client; a run's region (--region, AWS_REGION)
 * other than the instance's is refused here, before the AWS call the identity is read for.
 */
export async function hostIdentityFor(rt: Runtime): Promise<HostIdentity> {
  const identity = await readHostIdentity(imdsFor(rt));
  assertRunRegion(rt, { id: identity.instanceId, region: identity.region });
  return identity;
}

export function groundStationFor(region: string, rt: Runtime): GroundStationPort {
  const env = rt.io.env;
  return createGroundStationPort({
    region,
    endpoint: env.AWS_ENDPOINT_URL_GROUNDSTATION,
    taggingEndpoint: env.AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API,
    credentials: credentialsFor(rt),
    deadline: rt.run.deadline,
    progress: rt.run.progress,
  });
}

export function contactsFor(region: string, rt: Runtime): ContactsPort {
  return createContactsPort({
    region,
    endpoint: rt.io.env.AWS_ENDPOINT_URL_GROUNDSTATION,
    credentials: credentialsFor(rt),
    deadline: rt.run.deadline,
    progress: rt.run.progress,
    clock: rt.run.awsClock,
  });
}

export function ec2For(region: string, rt: Runtime): Ec2FactsOptions {
  return {
    region,
    endpoint: rt.io.env.AWS_ENDPOINT_URL_EC2,
    credentials: credentialsFor(rt),
    deadline: rt.run.deadline,
    progress: rt.run.progress,
  };
}

export function sysRootOf(args: GlobalArgs, io: Io): string {
  return args.sysRoot ?? io.env.GS_AGENT_CONFIG_SYS_ROOT ?? '/sys';
}

/** `--facts FILE`: user input, so a bad file is exit 2, checked by the host-facts schema like live facts. */
export async function readFactsFile(file: string): Promise<HostFacts> {
  let facts: unknown;
  try {
    facts = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read facts file ${file}: ${(err as Error).message}`, [
      'produce one with `gs-agent-config facts > facts.json` on the host',
    ]);
  }
  return parseFactsDocument(facts, file);
}

export interface FactsArgs extends GlobalArgs {
  facts?: string;
  skipEc2Checks?: boolean;
}

/** What a command reads beyond the facts every plan needs (the NIC ring maximum is always read). */
export interface ExtraFacts {
  /** Legacy tuning under --root (plan and apply warn about it). */
  legacyTuning?: boolean;
  /** /proc/cmdline and /proc/cpuinfo (plan's readiness checks). */
  proc?: boolean;
}

/** The host facts of the run, gathered once through the host-facts gate; `--facts FILE` instead when given. */
export async function loadFacts(args: FactsArgs, rt: Runtime, extra: ExtraFacts = {}): Promise<HostFacts> {
  if (args.facts) return readFactsFile(args.facts);
  const { io } = rt;
  const sysRoot = sysRootOf(args, io);
  return gatherFacts({
    imdsClient: imdsFor(rt),
    sysRoot,
    region: io.env.AWS_REGION,
    ec2: args.skipEc2Checks
      ? false
      : { endpoint: io.env.AWS_ENDPOINT_URL_EC2, credentials: credentialsFor(rt), deadline: rt.run.deadline, progress: rt.run.progress },
    programs: programOptions(io.env, sysRoot, rt.run.deadline),
    ...(extra.legacyTuning && { legacyTuningRoot: args.root }),
    ...(extra.proc && { procRoot: resolveProcRoot(args.procRoot, io.env, sysRoot) }),
  });
}

export function regionOf(facts: HostFacts, io: Io): string {
  return io.env.AWS_REGION || facts.instance.region;
}

/** Systems Manager (compliance), loaded on first use; AWS_ENDPOINT_URL_SSM as the SDK reads it. */
export function ssmFor(region: string, rt: Runtime): SsmPort {
  return createSsmPort({
    region,
    endpoint: rt.io.env.AWS_ENDPOINT_URL_SSM,
    credentials: credentialsFor(rt),
    deadline: rt.run.deadline,
    progress: rt.run.progress,
  });
}
