/**
 * Pre-flight check of the security groups on the interface holding the agent's public IP:
 * every agent port range must be open to inbound UDP from AWS's Ground Station prefix list,
 * or contacts fail with no trace on the host. Pure: works on the facts EC2 gave.
 */
import { commandLine } from '../shell-quote.ts';
import type { HostFacts, IngressPlan, IngressRuleFacts, InterfaceFacts, PortRange } from '../types.ts';

export const GROUND_STATION_PREFIX_LIST = 'com.amazonaws.global.groundstation';

/** Port interval a rule opens to Ground Station's traffic, or undefined when it does not. */
function openedBy(rule: IngressRuleFacts, prefixListId: string): PortRange | undefined {
  const udp = rule.protocol === 'udp' || rule.protocol === '17';
  const all = rule.protocol === '-1';
  if (!udp && !all) return undefined;
  if (!rule.prefixListIds.includes(prefixListId) && !rule.cidrs.includes('0.0.0.0/0')) return undefined;
  if (all || rule.fromPort === undefined || rule.toPort === undefined) return { min: 0, max: 65535 };
  return { min: rule.fromPort, max: rule.toPort };
}

/** The parts of `range` no interval in `open` covers. */
function uncovered(range: PortRange, open: PortRange[]): PortRange[] {
  let pieces = [range];
  for (const o of open) {
    pieces = pieces.flatMap((p) => {
      if (o.max < p.min || o.min > p.max) return [p];
      const rest: PortRange[] = [];
      if (o.min > p.min) rest.push({ min: p.min, max: o.min - 1 });
      if (o.max < p.max) rest.push({ min: o.max + 1, max: p.max });
      return rest;
    });
  }
  return pieces;
}

export const formatRange = (r: PortRange) => (r.min === r.max ? `${r.min}` : `${r.min}-${r.max}`);

/**
 * The AWS CLI command that opens one range to the prefix list: what the plan tells the operator
 * to run. The ids are the host facts' (checked against their patterns where EC2 answered them);
 * the words are quoted by the one quoting function.
 */
export function formatIngressRule(groupId: string, prefixListId: string, r: PortRange): string {
  return commandLine([
    'aws',
    'ec2',
    'authorize-security-group-ingress',
    '--group-id',
    groupId,
    '--ip-permissions',
    `IpProtocol=udp,FromPort=${r.min},ToPort=${r.max},PrefixListIds=[{PrefixListId=${prefixListId},Description="AWS Ground Station agent"}]`,
  ]);
}

export function planIngress(iface: InterfaceFacts, ranges: PortRange[], facts: HostFacts): { ingress: IngressPlan; warnings: string[] } {
  const groupIds = iface.securityGroupIds ?? [];
  const prefixListId = facts.groundStationPrefixListId;
  const groups = facts.securityGroups?.filter((g) => groupIds.includes(g.groupId)) ?? [];
  if (!prefixListId || groupIds.length === 0 || groups.length !== groupIds.length) {
    return {
      ingress: { status: 'unchecked', groupIds, missing: ranges, prefixList: prefixListId ?? GROUND_STATION_PREFIX_LIST },
      warnings: [],
    };
  }
  const open = groups.flatMap((g) => g.inbound.flatMap((r) => openedBy(r, prefixListId) ?? []));
  const missing = ranges.flatMap((r) => uncovered(r, open));
  const ingress: IngressPlan = { status: missing.length ? 'missing' : 'allowed', groupIds, missing, prefixList: prefixListId };
  if (!missing.length) return { ingress, warnings: [] };
  const where = `security group${groupIds.length > 1 ? 's' : ''} ${groupIds.join(', ')} on ${iface.linuxName ?? iface.interfaceId ?? iface.mac}`;
  return {
    ingress,
    warnings: [
      `${where} ${groupIds.length > 1 ? 'do' : 'does'} not allow inbound UDP ${missing.map(formatRange).join(', ')} from ${GROUND_STATION_PREFIX_LIST} (${prefixListId}): Ground Station cannot reach the agent there. Add the rule:`,
      ...missing.map((r) => `  ${formatIngressRule(groupIds[0], prefixListId, r)}`),
    ],
  };
}
