/**
 * Network checks (Agent UG requirements, agent-host.md §3.3-3.4): the Elastic IP's subnet is
 * public, Ground Station can reach the agent ports (inbound UDP) and the agent can reach the
 * service and its S3 bucket (outbound TCP 443). Pure.
 */
import { formatIngressRule, formatRange } from '../../plan/ingress-plan.ts';
import type { Check, CheckResult } from '../types.ts';
import type { EgressRuleFacts } from '../../facts/types.ts';
import { withoutPlan } from '../types.ts';
import { eipInterface, ifaceLabel } from '../eip-interface.ts';
import { egressFix, routeFix } from '../fix-commands.ts';

const result = (id: string, status: CheckResult['status'], evidence: string, fix = ''): CheckResult => ({ id, status, evidence, fix });

export const eipPublicSubnet: Check = ({ host, plan, doctor }) => {
  const id = 'eip-public-subnet';
  if (!host.ok) return result(id, 'unknown', host.reason);
  const iface = eipInterface(host.value, plan.ok ? plan.value : undefined);
  if (!iface)
    return result(
      id,
      'fail',
      'no interface holds an Elastic IP',
      'allocate an Elastic IP and associate it with an ENI in a public subnet of this instance',
    );
  if (!doctor.route.ok) return result(id, 'unknown', doctor.route.reason);
  const r = doctor.route.value;
  const table = `${r.routeTableId}${r.main ? ' (the VPC main table)' : ''}`;
  const where = `${ifaceLabel(iface)} (${iface.interfaceId ?? iface.mac}) is in ${r.subnetId}, route table ${table}`;
  if (r.defaultTarget?.startsWith('igw-')) return result(id, 'ok', `${where}: 0.0.0.0/0 → ${r.defaultTarget}`);
  const now = r.defaultTarget ? `0.0.0.0/0 → ${r.defaultTarget}, not an internet gateway` : 'no active 0.0.0.0/0 route';
  return result(
    id,
    'fail',
    `${where}: ${now}; since the 2024-03-28 agent the Elastic IP must be on an ENI in a public subnet`,
    routeFix(r),
  );
};

export const sgInbound: Check = ({ plan, host }) => {
  const id = 'sg-inbound';
  if (!plan.ok) return withoutPlan(id, plan);
  const ing = plan.value.ingress;
  const ranges = plan.value.endpoints.map((e) => formatRange(e.agent.ports)).join(', ');
  if (ing.status === 'unchecked') {
    const why = (host.ok && host.value.ec2Unchecked?.join('; ')) || 'EC2 DescribeSecurityGroups/DescribeManagedPrefixLists not answered';
    return result(id, 'unknown', `security groups ${ing.groupIds.join(', ') || '(none)'} not checked: ${why}`);
  }
  if (ing.status === 'allowed') return result(id, 'ok', `${ing.groupIds.join(', ')} allow inbound UDP ${ranges} from ${ing.prefixList}`);
  return result(
    id,
    'fail',
    `${ing.groupIds.join(', ')} do not allow inbound UDP ${ing.missing.map(formatRange).join(', ')} from ${ing.prefixList}`,
    ing.missing.map((r) => formatIngressRule(ing.groupIds[0], ing.prefixList, r)).join(' && '),
  );
};

function allows443(rule: EgressRuleFacts): boolean {
  if (rule.protocol === '-1') return true;
  if (rule.protocol !== 'tcp' && rule.protocol !== '6') return false;
  return (rule.fromPort ?? 0) <= 443 && 443 <= (rule.toPort ?? 65535);
}

/** The fix for outbound TCP 443 (ids checked, words quoted: fix-commands.ts). */
export const formatEgressRule = egressFix;

export const sgOutbound443: Check = ({ doctor }) => {
  const id = 'sg-outbound-443';
  if (!doctor.egress.ok) return result(id, 'unknown', doctor.egress.reason);
  const groups = doctor.egress.value;
  if (!groups.length) return result(id, 'unknown', "the Elastic IP's interface has no security group listed");
  const names = groups.map((g) => g.groupId).join(', ');
  const rules = groups.flatMap((g) => g.outbound.filter(allows443));
  if (rules.some((r) => r.cidrs.includes('0.0.0.0/0'))) {
    return result(id, 'ok', `${names} allow outbound TCP 443 to 0.0.0.0/0 (Ground Station service and the agent's S3 bucket)`);
  }
  if (rules.length) {
    const to = [...new Set(rules.flatMap((r) => [...r.cidrs, ...r.prefixListIds]))].join(', ');
    return result(
      id,
      'warn',
      `${names} allow outbound TCP 443 only to ${to}: reaching the Ground Station endpoint and the agent's public S3 bucket cannot be confirmed from security groups`,
      formatEgressRule(groups[0].groupId),
    );
  }
  return result(
    id,
    'fail',
    `${names} allow no outbound TCP 443: the agent cannot reach the Ground Station service or its S3 bucket`,
    formatEgressRule(groups[0].groupId),
  );
};
