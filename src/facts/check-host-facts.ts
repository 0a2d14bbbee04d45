/**
 * What the schema cannot say about host facts: relations between values. Pure; the first
 * problem found, as a JSON pointer into the facts and a sentence, or undefined.
 */
import type { HostFacts } from '../types.ts';
import { showValue } from './fact-value.ts';

export interface FactProblem {
  path: string;
  message: string;
}

function firstRepeat<T>(values: T[]): number {
  const seen = new Set<T>();
  for (let i = 0; i < values.length; i++) {
    if (seen.has(values[i])) return i;
    seen.add(values[i]);
  }
  return -1;
}

function checkInterfaces(facts: HostFacts): FactProblem | undefined {
  const list = facts.interfaces;
  for (const [field, values] of [
    ['mac', list.map((i) => i.mac)],
    ['deviceNumber', list.map((i) => i.deviceNumber)],
    ['interfaceId', list.flatMap((i) => (i.interfaceId ? [i.interfaceId] : []))],
  ] as const) {
    const at = firstRepeat<unknown>([...values]);
    if (at >= 0)
      return {
        path: `/interfaces/${at}/${field}`,
        message: `${showValue(values[at])} is repeated: two interfaces cannot share a ${field}`,
      };
  }
  for (const [n, iface] of list.entries()) {
    const stray = Object.keys(iface.ipv4Associations).find((ip) => !iface.publicIps.includes(ip));
    if (stray !== undefined)
      return {
        path: `/interfaces/${n}/ipv4Associations`,
        message: `${showValue(stray)} is associated but not among this interface's public IPs`,
      };
  }
  const names = list.flatMap((i) => (i.linuxName ? [i.linuxName] : []));
  const dup = firstRepeat(names);
  if (dup >= 0) return { path: '/interfaces', message: `Linux interface name ${showValue(names[dup])} is given to two interfaces` };
  return undefined;
}

function checkCpus(facts: HostFacts): FactProblem | undefined {
  if (!facts.cpu) return undefined;
  const online = new Set(facts.cpu.online);
  const ids = facts.cpu.cpus.map((c) => c.id);
  const dup = firstRepeat(ids);
  if (dup >= 0) return { path: `/cpu/cpus/${dup}/id`, message: `CPU ${ids[dup]} is listed twice` };
  for (const [n, c] of facts.cpu.cpus.entries()) {
    if (!online.has(c.id)) return { path: `/cpu/cpus/${n}/id`, message: `CPU ${c.id} is not in the online list` };
    if (!c.siblings.includes(c.id))
      return { path: `/cpu/cpus/${n}/siblings`, message: `the thread siblings of CPU ${c.id} do not include CPU ${c.id}` };
  }
  const described = new Set(ids);
  const missing = facts.cpu.online.find((id) => !described.has(id));
  if (missing !== undefined) return { path: '/cpu/online', message: `online CPU ${missing} has no topology entry` };
  const byId = new Map(facts.cpu.cpus.map((c) => [c.id, c]));
  for (const [n, c] of facts.cpu.cpus.entries()) {
    for (const s of c.siblings) {
      const other = byId.get(s);
      if (!other || s === c.id) continue;
      if (!other.siblings.includes(c.id))
        return {
          path: `/cpu/cpus/${n}/siblings`,
          message: `CPU ${c.id} lists CPU ${s} as a thread sibling, but CPU ${s} does not list CPU ${c.id}`,
        };
      if (other.packageId !== c.packageId)
        return {
          path: `/cpu/cpus/${n}/siblings`,
          message: `thread siblings ${c.id} and ${s} sit in packages ${c.packageId} and ${other.packageId}`,
        };
    }
  }
  const bothWays = (facts.cpu.offline ?? []).find((id) => online.has(id));
  if (bothWays !== undefined) return { path: '/cpu/offline', message: `CPU ${bothWays} is both online and offline` };
  return undefined;
}

/**
 * An Elastic IP of this instance sits on one of its interfaces. DescribeAddresses filtered on
 * the instance may still list an address on another instance's ENI (a stale association, or
 * an answer that is not ours): using it would point Ground Station at another host.
 */
function checkElasticIps(facts: HostFacts): FactProblem | undefined {
  const enis = new Set(facts.interfaces.flatMap((i) => (i.interfaceId ? [i.interfaceId] : [])));
  const eips = facts.elasticIps ?? [];
  const dup = firstRepeat(eips.map((e) => e.publicIp));
  if (dup >= 0) return { path: `/elasticIps/${dup}/publicIp`, message: `Elastic IP ${eips[dup].publicIp} is listed twice` };
  for (const [n, e] of eips.entries()) {
    if (e.networkInterfaceId && enis.size > 0 && !enis.has(e.networkInterfaceId)) {
      return {
        path: `/elasticIps/${n}/networkInterfaceId`,
        message: `Elastic IP ${e.publicIp} is associated with network interface ${e.networkInterfaceId}, which is not one of this instance's (${[...enis].join(', ')}): re-associate the Elastic IP with this instance (aws ec2 associate-address) or use another one`,
      };
    }
  }
  return undefined;
}

function checkSecurityGroups(facts: HostFacts): FactProblem | undefined {
  const ids = (facts.securityGroups ?? []).map((g) => g.groupId);
  const dup = firstRepeat(ids);
  return dup >= 0 ? { path: `/securityGroups/${dup}/groupId`, message: `security group ${ids[dup]} is listed twice` } : undefined;
}

/** The first relation between host values that cannot hold on a real instance. */
export function checkHostFacts(facts: HostFacts): FactProblem | undefined {
  const zone = facts.instance.availabilityZone;
  if (zone !== undefined && !zone.startsWith(`${facts.instance.region}`)) {
    return { path: '/instance/availabilityZone', message: `${showValue(zone)} is not a zone of region ${facts.instance.region}` };
  }
  return checkInterfaces(facts) ?? checkCpus(facts) ?? checkElasticIps(facts) ?? checkSecurityGroups(facts);
}
