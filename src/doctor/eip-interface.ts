/** Which interface the doctor looks at: the one holding the agent's Elastic IP. Pure. */
import type { HostFacts, InterfaceFacts, Plan } from '../types.ts';

/**
 * The planned public IP's interface when there is a plan; else the interface holding an
 * Elastic IP (any public IP when EC2 was not asked), lowest device number first.
 */
export function eipInterface(host: HostFacts, plan?: Plan): InterfaceFacts | undefined {
  if (plan) return host.interfaces.find((i) => i.publicIps.includes(plan.publicIp));
  const elastic = host.elasticIps?.map((e) => e.publicIp);
  return [...host.interfaces]
    .sort((a, b) => a.deviceNumber - b.deviceNumber)
    .find((i) => i.publicIps.some((ip) => !elastic || elastic.includes(ip)));
}

/** Interface name for messages. */
export const ifaceLabel = (i: InterfaceFacts) => i.linuxName ?? i.interfaceId ?? i.mac;
