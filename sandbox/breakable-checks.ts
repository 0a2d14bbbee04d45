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
  'agent-restarted',
  'receiver-listening',
  'agent-files',
] as const;

/** The health reasons `sandbox --health-reason` can force (CapabilityHealthReason, without HEALTHY). */
export const SIMULATED_HEALTH_REASONS = [
  'NO_REGISTERED_AGENT',
  'INVALID_IP_OWNERSHIP',
  'NOT_AUTHORIZED_TO_CREATE_SLR',
  'UNVERIFIED_IP_OWNERSHIP',
  'INITIALIZING_DATAPLANE',
  'DATAPLANE_FAILURE',
] as const;
