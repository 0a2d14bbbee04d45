/**
 * `--profile NAME` (or $AWS_PROFILE): credentials from that profile of ~/.aws/{credentials,config}
 * through the SDK's own chain, read from the run's environment (so a test's HOME, or
 * AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, is the one used), loaded only when asked for.
 */
import { join } from 'node:path';
import type { StaticCredentials } from '../aws/credentials.ts';
import type { Io } from './io.ts';

export function profileCredentials(env: Io['env'], profile: string): () => Promise<StaticCredentials> {
  const home = env.HOME;
  const filepath = env.AWS_SHARED_CREDENTIALS_FILE ?? (home ? join(home, '.aws', 'credentials') : undefined);
  const configFilepath = env.AWS_CONFIG_FILE ?? (home ? join(home, '.aws', 'config') : undefined);
  let provider: Promise<() => Promise<StaticCredentials>> | undefined;
  return async () => {
    // @aws-sdk/credential-provider-node is the chain the SDK clients use by default (their dependency).
    provider ??= import('@aws-sdk/credential-provider-node').then(({ defaultProvider }) =>
      defaultProvider({ profile, filepath, configFilepath }),
    );
    return (await provider)();
  };
}
