/**
 * The planned group as a Terraform awscc resource block, with the provider's attribute names
 * (the request's keys in snake_case; tags as a list of key/value objects), and its ARN as an
 * output.
 */
import type { Plan } from '../types.ts';
import { describeExport } from './format-cloudformation.ts';
import { formatHclBlock, HclExpression, type HclValue } from './hcl.ts';
import { terraformNameFor, toAwsccArguments } from './request-shape.ts';

export const AWSCC_RESOURCE_TYPE = 'awscc_groundstation_dataflow_endpoint_group_v2';

export function formatAwscc(plan: Plan): string {
  const name = terraformNameFor(plan.mission);
  const resource = formatHclBlock('resource', [AWSCC_RESOURCE_TYPE, name], toAwsccArguments(plan.request) as Record<string, HclValue>);
  const output = formatHclBlock('output', [`${name}_dataflow_endpoint_group_arn`], {
    description: "Put this ARN in the mission's group key",
    value: new HclExpression(`${AWSCC_RESOURCE_TYPE}.${name}.arn`),
  });
  const header = [
    `# ${describeExport(plan)}.`,
    "# The tool's own gs-agent-config:* tags are left out: a group Terraform owns is not the tool's.",
  ].join('\n');
  return `${header}\n${resource}\n${output}`;
}
