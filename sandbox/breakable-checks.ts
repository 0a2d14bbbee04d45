/**
 * The doctor checks `sandbox --break CHECK_ID` can make fail, on their own so that the CLI's
 * help can list them without loading the sandbox. host-breaks.ts holds what each one changes.
 */

/** The doctor's check ids, in its order (a test keeps this equal to src/doctor/run-checks.ts). */
export const BREAKABLE_CHECKS = [
  'eip-public-subnet',
  'sg-inbound',
  'sg-outbound-443',
  'kernel-args',
  'nic-naming',
  'irqbalance',
  'agent-installed',
  'cpu-generation',
  'instance-bandwidth',
  'nic-numa',
  'ring-max',
  'tuning-live',
  'agent-running',
  'agent-version',
  'os-support',
] as const;
