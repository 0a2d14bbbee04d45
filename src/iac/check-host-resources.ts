/**
 * Template-wide checks that need more than the group resource: every agent port range must be
 * open to inbound UDP in the template's security groups and reserved from the kernel's
 * ephemeral ports where the template sets net.ipv4.ip_local_reserved_ports (AWS's own wideband
 * template opens and reserves 42000-50000 but gives the group 42000-55000). A template that
 * shows neither is not judged on it.
 */
import type { PortRange } from '../types.ts';
import { formatRange, uncoveredParts } from '../plan/port-layout.ts';
import { isIntrinsic } from './cfn-intrinsics.ts';
import type { CheckedEndpoint } from './check-group-resource.ts';
import type { CfnTemplate } from './read-template.ts';
import { asInteger, joinPath, type FindingSink } from './template-fields.ts';

interface Coverage {
  open: PortRange[];
  sources: string[];
  unknown: boolean;
}

const UDP_PROTOCOLS = new Set(['udp', '17', '-1']);

/** One ingress rule: the UDP ports it opens; undefined when it opens none, 'unknown' when computed. */
function udpPortsOf(rule: unknown): PortRange | 'unknown' | undefined {
  if (isIntrinsic(rule) || rule === null || typeof rule !== 'object') return 'unknown';
  const r = rule as Record<string, unknown>;
  if (isIntrinsic(r.IpProtocol)) return 'unknown';
  const protocol = String(r.IpProtocol).toLowerCase();
  if (!UDP_PROTOCOLS.has(protocol)) return undefined;
  if (protocol === '-1') return { min: 0, max: 65535 };
  const from = asInteger(r.FromPort);
  const to = asInteger(r.ToPort);
  return from === undefined || to === undefined ? 'unknown' : { min: from, max: to };
}

function ingressRulesOf(template: CfnTemplate): Array<{ where: string; rule: unknown }> {
  const rules: Array<{ where: string; rule: unknown }> = [];
  for (const [id, res] of Object.entries(template.Resources)) {
    if (res.Type === 'AWS::EC2::SecurityGroupIngress') rules.push({ where: id, rule: res.Properties });
    if (res.Type !== 'AWS::EC2::SecurityGroup' || res.Properties?.SecurityGroupIngress === undefined) continue;
    const list = res.Properties.SecurityGroupIngress;
    if (Array.isArray(list)) list.forEach((rule) => rules.push({ where: id, rule }));
    else rules.push({ where: id, rule: list });
  }
  return rules;
}

function securityGroupCoverage(template: CfnTemplate): Coverage | undefined {
  const rules = ingressRulesOf(template);
  if (rules.length === 0) return undefined;
  const cov: Coverage = { open: [], sources: [], unknown: false };
  for (const { where, rule } of rules) {
    const ports = udpPortsOf(rule);
    if (ports === 'unknown') cov.unknown = true;
    else if (ports) {
      cov.open.push(ports);
      cov.sources.push(`${where} opens UDP ${formatRange(ports)}`);
    }
  }
  return cov;
}

const RESERVED = /ip_local_reserved_ports\s*=\s*["']?(\d[\d,\s-]*\d|\d)/g;

/** Every net.ipv4.ip_local_reserved_ports value written anywhere in the template (UserData scripts). */
function reservedPortsCoverage(template: CfnTemplate): Coverage | undefined {
  const cov: Coverage = { open: [], sources: [], unknown: false };
  const visit = (v: unknown, path: string, id: string): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(RESERVED)) {
        const ranges = m[1]
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
          .map((p) => {
            const [a, b] = p.split('-').map((x) => Number(x.trim()));
            return { min: a, max: b ?? a };
          });
        cov.open.push(...ranges);
        cov.sources.push(`${id} ${path} reserves ${m[1].replace(/\s+/g, '')}`);
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => visit(x, joinPath(path, i), id));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, joinPath(path, k), id);
  };
  for (const [id, res] of Object.entries(template.Resources)) visit(res.Properties, 'Properties', id);
  return cov.sources.length ? cov : undefined;
}

function checkCoverage(sink: FindingSink, endpoints: CheckedEndpoint[], cov: Coverage | undefined, what: string, why: string): void {
  if (!cov) return;
  for (const ep of endpoints) {
    if (!ep.range) continue;
    const missing = uncoveredParts(ep.range, cov.open);
    if (missing.length === 0) continue;
    const seen = cov.sources.length ? cov.sources.join('; ') : 'no rule opens UDP';
    if (cov.unknown)
      sink.findings.push({
        logicalId: sink.logicalId,
        path: ep.rangePath,
        message: `not checked against ${what} (a rule is computed); ${seen}`,
        severity: 'unchecked',
      });
    else sink.problem(ep.rangePath, `agent ports ${missing.map(formatRange).join(', ')} are not ${what} (${seen}): ${why}`);
  }
}

/** Adds the security-group and reserved-ports findings of one group's endpoints to its sink. */
export function checkHostResources(template: CfnTemplate, sink: FindingSink, endpoints: CheckedEndpoint[]): void {
  checkCoverage(
    sink,
    endpoints,
    securityGroupCoverage(template),
    "open to inbound UDP in the template's security groups",
    'Ground Station cannot reach the agent there',
  );
  checkCoverage(
    sink,
    endpoints,
    reservedPortsCoverage(template),
    'in net.ipv4.ip_local_reserved_ports',
    'Linux may give those ports to other programs and the contact fails',
  );
}
