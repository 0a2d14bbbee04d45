/**
 * Checks of the instance itself, from the facts: is the type one AWS lists for the agent, and
 * do /sys and EC2 agree on its vCPUs. Warnings, never failures: AWS's list changes between
 * page revisions, and the core plan only needs the topology /sys shows.
 */
import type { HostFacts } from '../types.ts';

/**
 * Instance types AWS lists for the Ground Station Agent (Agent UG "Select Amazon EC2 instance
 * and reserve CPU cores", all page revisions, plus the c7i rows of the tuning guide's
 * IRQ/RPS table), with their default vCPUs.
 */
export const SUPPORTED_INSTANCE_TYPES: Readonly<Record<string, number>> = {
  'c5.12xlarge': 48,
  'c5.18xlarge': 72,
  'c5.24xlarge': 96,
  'c5n.18xlarge': 72,
  'c5n.metal': 72,
  'c6i.24xlarge': 96,
  'c6i.32xlarge': 128,
  'c7i.12xlarge': 48,
  'c7i.24xlarge': 96,
  'g4dn.12xlarge': 48,
  'g4dn.16xlarge': 64,
  'g4dn.metal': 96,
  'm4.16xlarge': 64,
  'm5.8xlarge': 32,
  'm5.12xlarge': 48,
  'm5.24xlarge': 96,
  'm6i.32xlarge': 128,
  'p3dn.24xlarge': 96,
  'p4d.24xlarge': 96,
  'r5.24xlarge': 96,
  'r5.metal': 96,
  'r5n.24xlarge': 96,
  'r5n.metal': 96,
  'r6i.32xlarge': 128,
};

export interface InstanceCheck {
  notes: string[];
  warnings: string[];
}

export function checkInstance(facts: HostFacts): InstanceCheck {
  const type = facts.instance.type;
  const info = facts.instanceTypeInfo;
  const sysVcpus = facts.cpu?.online.length;
  const notes: string[] = [];
  const warnings: string[] = [];
  if (info) {
    const shape = info.cores && info.threadsPerCore ? ` (${info.cores} cores × ${info.threadsPerCore} threads)` : '';
    notes.push(
      `instance ${type}: ${info.vCpus ?? '?'} vCPUs${shape}, network ${info.networkPerformance ?? 'unknown'}, ${info.maximumNetworkCards ?? '?'} network card(s) (EC2 DescribeInstanceTypes)`,
    );
  }
  if (!Object.hasOwn(SUPPORTED_INSTANCE_TYPES, type)) {
    warnings.push(
      `instance type ${type} is not in AWS's list of instance types for the Ground Station Agent; it may not sustain the dataflows (supported: ${Object.keys(SUPPORTED_INSTANCE_TYPES).join(', ')})`,
    );
  }
  if (info?.vCpus !== undefined && sysVcpus !== undefined && info.vCpus !== sysVcpus) {
    warnings.push(
      `/sys shows ${sysVcpus} online vCPUs but EC2 says a ${type} has ${info.vCpus}: CPU options were changed at launch or CPUs are offline; the core plan uses what /sys shows`,
    );
  }
  warnings.push(...(facts.ec2Unchecked ?? []));
  return { notes, warnings };
}
