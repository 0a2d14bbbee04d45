/**
 * check-template: every dataflow endpoint group resource of a CloudFormation template (V2 and
 * V1) checked the way the planner checks a mission: ranges, ports, MTUs, durations, names,
 * endpoint count, and against the template's security groups and reserved ports. Pure.
 */
import { checkGroupResource, V1_TYPE, V2_TYPE } from './check-group-resource.ts';
import { checkHostResources } from './check-host-resources.ts';
import type { CfnTemplate } from './read-template.ts';
import type { Finding } from './template-fields.ts';

export interface TemplateCheck {
  groups: Array<{ logicalId: string; type: string }>;
  findings: Finding[];
}

/** The same finding can arise twice (a computed parent read for two of its fields): keep one. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.logicalId}\u0000${f.path}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function checkTemplate(template: CfnTemplate): TemplateCheck {
  const groups: TemplateCheck['groups'] = [];
  const findings: Finding[] = [];
  for (const [logicalId, res] of Object.entries(template.Resources)) {
    if (res.Type !== V2_TYPE && res.Type !== V1_TYPE) continue;
    groups.push({ logicalId, type: res.Type });
    const { sink, endpoints } = checkGroupResource(logicalId, res.Type, res.Properties);
    checkHostResources(template, sink, endpoints);
    findings.push(...dedupe(sink.findings));
  }
  return { groups, findings };
}

export function formatFinding(f: Finding): string {
  return `${f.logicalId} ${f.path}: ${f.message}`;
}
