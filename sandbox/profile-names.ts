/**
 * The names of the simulated hosts (`sandbox --host`, `demo --host`), on their own so that the
 * CLI's help can list them without loading the sandbox. hosts.ts builds one host per name.
 */
export const HOST_PROFILE_NAMES = [
  'c5.24xlarge',
  'c5n.18xlarge',
  'c6i.32xlarge',
  'c7i.48xlarge',
  'm5.4xlarge',
  't3.medium',
  'two-eni',
  'two-eip',
  'no-eip',
] as const;

export type HostProfileName = (typeof HOST_PROFILE_NAMES)[number];
