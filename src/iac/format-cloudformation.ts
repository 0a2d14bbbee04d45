/**
 * The planned group as a CloudFormation template: one AWS::GroundStation::DataflowEndpointGroupV2
 * resource (properties renamed from the exact request apply sends) and its ARN as an output.
 * YAML through the yaml package's stringify, JSON through JSON.stringify: no text is glued.
 */
import { Document } from 'yaml';
import type { Plan } from '../types.ts';
import { CFN_YAML_TAGS } from './cfn-intrinsics.ts';
import { logicalIdFor, toCloudFormationProperties } from './request-shape.ts';

export const V2_RESOURCE_TYPE = 'AWS::GroundStation::DataflowEndpointGroupV2';

/** One sentence saying where the export came from; the template's Description and the HCL comment. */
export function describeExport(plan: Plan): string {
  return `Dataflow endpoint group of mission ${plan.mission} for instance ${plan.instanceId} (Elastic IP ${plan.publicIp}), exported by gs-agent-config`;
}

export function buildCloudFormationTemplate(plan: Plan) {
  const id = logicalIdFor(plan.mission);
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: describeExport(plan),
    Resources: {
      [id]: { Type: V2_RESOURCE_TYPE, Properties: toCloudFormationProperties(plan.request) },
    },
    Outputs: {
      DataflowEndpointGroupArn: {
        Description: "Put this ARN in the mission's group key: gs-agent-config then renders the host from this group and creates none",
        Value: { 'Fn::GetAtt': [id, 'Arn'] },
      },
    },
  };
}

export function formatCloudFormationJson(plan: Plan): string {
  return `${JSON.stringify(buildCloudFormationTemplate(plan), null, 2)}\n`;
}

export function formatCloudFormationYaml(plan: Plan): string {
  // YAML 1.1 like CloudFormation: strings such as "2010-09-09" or "yes" come out quoted.
  const doc = new Document(buildCloudFormationTemplate(plan), { version: '1.1', customTags: CFN_YAML_TAGS });
  doc.commentBefore = [
    ` ${describeExport(plan)}.`,
    " Values come from the same plan apply uses; the tool's own gs-agent-config:* tags are left out,",
    " because a group owned by this template is not the tool's to replace or delete.",
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}
