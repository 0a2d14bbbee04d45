/**
 * Physical cores per L3 domain (one socket) of the agent instance types with two sockets, as
 * EC2 publishes them (DescribeInstanceTypes: cores / 2 sockets). The agent's cores must share
 * one L3 domain, and the IRQ/OS cores sit on the first socket, so the second socket is the
 * most a mission can get. Used to suggest only types that would fit.
 */
export const CORES_PER_L3_DOMAIN: Readonly<Record<string, number>> = {
  'c5.18xlarge': 18,
  'c5n.18xlarge': 18,
  'c5.24xlarge': 24,
  'c6i.24xlarge': 24,
  'm5.24xlarge': 24,
  'r5.24xlarge': 24,
  'r5n.24xlarge': 24,
  'c6i.32xlarge': 32,
  'm6i.32xlarge': 32,
  'r6i.32xlarge': 32,
};

/** Types (other than `current`) whose free L3 domain holds `cores`, smallest first. */
export function typesThatFit(cores: number, current: string): string[] {
  return Object.entries(CORES_PER_L3_DOMAIN)
    .filter(([type, n]) => n >= cores && type !== current)
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .map(([type]) => type);
}
