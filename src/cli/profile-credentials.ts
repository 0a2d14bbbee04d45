/**
 * `--profile NAME` (or $AWS_PROFILE): credentials from that profile of ~/.aws/{credentials,config}
 * through the SDK's own chain, read from the run's environment (so a test's HOME, or
 * AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, is the one used), loaded only when asked for.
 * A profile named in neither file is refused before any call (exit 2), as `aws --profile` does:
 * the SDK's chain would otherwise go on to the instance role and run with its keys.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { StaticCredentials } from '../aws/credentials.ts';
import { UsageError } from '../errors.ts';
import type { Io } from './io.ts';

/** The shared credentials and config files of the run's environment. */
function profileFiles(env: Io['env']): { credentials?: string; config?: string } {
  const home = env.HOME;
  return {
    credentials: env.AWS_SHARED_CREDENTIALS_FILE ?? (home ? join(home, '.aws', 'credentials') : undefined),
    config: env.AWS_CONFIG_FILE ?? (home ? join(home, '.aws', 'config') : undefined),
  };
}

/** Far more than any hand-written ~/.aws file; what lies past it is not read. */
const MAX_PROFILE_FILE_BYTES = 1024 * 1024;

/** The start of `file` as text; '' when it cannot be read (absent, a directory, unreadable). */
function readStart(file: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(MAX_PROFILE_FILE_BYTES);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Section names of an INI file (`[name]`); in the config file `[profile name]` names `name`. Pure. */
export function profileNames(text: string, configFile: boolean): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*\[\s*([^\]]*?)\s*\]\s*(?:[#;].*)?$/.exec(line);
    if (!m) continue;
    const name = m[1];
    if (!configFile) out.push(name);
    else if (name.startsWith('profile ')) out.push(name.slice('profile '.length).trim());
    else if (!/^(sso-session|services)\s/.test(name)) out.push(name);
  }
  return out;
}

/** Throws exit 2 when `profile` is in neither file; `given`: how the run named it (`--profile` or `AWS_PROFILE`). */
export function checkProfile(env: Io['env'], profile: string, given: string): void {
  const files = profileFiles(env);
  const known = [
    ...(files.credentials ? profileNames(readStart(files.credentials), false) : []),
    ...(files.config ? profileNames(readStart(files.config), true) : []),
  ];
  if (known.includes(profile)) return;
  const where = [files.credentials, files.config].filter((f) => f !== undefined);
  throw new UsageError(`${given} ${profile}: the config profile (${profile}) could not be found`, [
    where.length
      ? `looked in ${where.join(' and ')}`
      : 'no HOME, AWS_SHARED_CREDENTIALS_FILE or AWS_CONFIG_FILE: no profile file to look in',
    `name a profile of those files, or leave ${given} out to use the usual chain (environment, instance role)`,
  ]);
}

/** The profile the run's credentials come from (--profile or $AWS_PROFILE, unless static keys win), checked to exist. */
export function checkRunProfile(env: Io['env'], profileFlagGiven: boolean): string | undefined {
  const staticKeys = Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY);
  const profile = staticKeys ? undefined : env.AWS_PROFILE;
  if (profile) checkProfile(env, profile, profileFlagGiven ? '--profile' : 'AWS_PROFILE');
  return profile;
}

export function profileCredentials(env: Io['env'], profile: string): () => Promise<StaticCredentials> {
  const { credentials: filepath, config: configFilepath } = profileFiles(env);
  let provider: Promise<() => Promise<StaticCredentials>> | undefined;
  return async () => {
    // @aws-sdk/credential-provider-node is the chain the SDK clients use by default (their dependency).
    provider ??= import('@aws-sdk/credential-provider-node').then(({ defaultProvider }) =>
      defaultProvider({ profile, filepath, configFilepath }),
    );
    return (await provider)();
  };
}
