/**
 * Which public IP the agent uses, which interface carries it, and the agent's adapters and
 * private IPs. An auto-assigned public IP changes on stop/start and silently breaks contacts,
 * so an Elastic IP is required whenever EC2 told us which addresses are Elastic.
 */
import type { HostFacts, InterfaceFacts, Mission } from '../types.ts';
import { HostFactsError } from '../errors.ts';

/** device.privateIps when the mission leaves it `auto`: AWS's documented default. */
export const AGENT_DEFAULT_PRIVATE_IPS = ['127.0.0.1'] as const;

export interface NetworkPlan {
  publicIp: string;
  iface: InterfaceFacts;
  networkAdapters: string[];
  privateIps: string[];
  notes: string[];
  warnings: string[];
}

function describeInterfaces(facts: HostFacts): string[] {
  return facts.interfaces.map(
    (i) =>
      `device ${i.deviceNumber} ${i.linuxName ?? i.mac}: public ${i.publicIps.join(', ') || 'none'}, private ${i.privateIps.join(', ') || 'none'}`,
  );
}

function pickPublicIp(mission: Mission, facts: HostFacts): string {
  const onHost = facts.interfaces.flatMap((i) => i.publicIps);
  const elastic = facts.elasticIps?.map((e) => e.publicIp);
  const wanted = mission.agent.publicIp;
  if (wanted !== 'auto') {
    if (!onHost.includes(wanted)) {
      throw new HostFactsError(`agent.publicIp ${wanted} is not associated with this instance (${facts.instance.id})`, [
        ...describeInterfaces(facts),
        'associate the Elastic IP with the instance, or fix agent.publicIp',
      ]);
    }
    if (elastic && !elastic.includes(wanted)) {
      throw new HostFactsError(`agent.publicIp ${wanted} is not an Elastic IP (EC2 DescribeAddresses does not list it)`, [
        'an auto-assigned public IP changes on stop/start; allocate an Elastic IP and associate it with the instance',
      ]);
    }
    return wanted;
  }
  const candidates = elastic ? onHost.filter((ip) => elastic.includes(ip)) : onHost;
  if (candidates.length === 0) {
    const why = onHost.length ? `its public IP ${onHost.join(', ')} is auto-assigned, not an Elastic IP` : 'it has no public IP at all';
    throw new HostFactsError(`this instance (${facts.instance.id}) has no Elastic IP: ${why}`, [
      'allocate an Elastic IP and associate it with the ENI in the public subnet, then re-run',
    ]);
  }
  if (candidates.length > 1) {
    throw new HostFactsError(`this instance has ${candidates.length} Elastic IPs (${candidates.join(', ')}); the agent uses one`, [
      'set agent.publicIp in the mission to the one Ground Station should send to',
    ]);
  }
  return candidates[0];
}

export function planNetwork(mission: Mission, facts: HostFacts): NetworkPlan {
  const publicIp = pickPublicIp(mission, facts);
  const iface = facts.interfaces.find((i) => i.publicIps.includes(publicIp)) as InterfaceFacts;
  const warnings: string[] = [];
  if (!facts.elasticIps) warnings.push(`${publicIp} was not verified to be an Elastic IP (EC2 DescribeAddresses not called)`);
  let networkAdapters: string[];
  if (mission.agent.networkAdapters !== 'auto') networkAdapters = mission.agent.networkAdapters;
  else if (iface.linuxName) networkAdapters = [iface.linuxName];
  else {
    throw new HostFactsError(`no Linux interface has MAC ${iface.mac} (the interface holding ${publicIp})`, [
      'check /sys/class/net (or --sys-root), or set agent.networkAdapters in the mission',
    ]);
  }
  // AWS documents the agent's default, ["127.0.0.1"], for a field the agent does not use ("Configure the agent").
  const privateIps = mission.agent.privateIps === 'auto' ? [...AGENT_DEFAULT_PRIVATE_IPS] : mission.agent.privateIps;
  const notes = [
    `public IP ${publicIp} on device ${iface.deviceNumber} (${networkAdapters.join(', ')}, ${iface.interfaceId ?? iface.mac})`,
  ];
  return { publicIp, iface, networkAdapters, privateIps, notes, warnings };
}
