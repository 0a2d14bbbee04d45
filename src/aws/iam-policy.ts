/**
 * The least-privilege IAM policy for exactly the API actions this tool sends (one entry per
 * SDK command in src/aws and src/facts; a test checks the list against the code and against
 * what the sandbox records over a whole lifecycle). The agent itself needs AWS's managed
 * policy AWSGroundStationAgentInstancePolicy in addition.
 */
export const TOOL_ACTIONS: ReadonlyArray<{ action: string; why: string }> = [
  { action: 'groundstation:CreateDataflowEndpointGroupV2', why: 'apply: create the group' },
  { action: 'groundstation:GetDataflowEndpointGroup', why: 'apply/status: read the group back' },
  { action: 'groundstation:ListDataflowEndpointGroups', why: 'apply/status/destroy: find the group by tags' },
  { action: 'groundstation:ListTagsForResource', why: 'apply/status/destroy: read ownership tags' },
  { action: 'groundstation:TagResource', why: 'apply: tag changes in place' },
  { action: 'groundstation:UntagResource', why: 'apply: tag changes in place' },
  { action: 'groundstation:DeleteDataflowEndpointGroup', why: 'apply (replace), destroy: delete groups this tool created' },
  { action: 'ec2:DescribeAddresses', why: 'facts: verify the public IP is an Elastic IP' },
  { action: 'ec2:DescribeInstanceTypes', why: 'facts: vCPU and network facts of the instance type' },
  { action: 'ec2:DescribeSecurityGroups', why: 'plan: check the ingress rule for the agent ports' },
  { action: 'ec2:DescribeManagedPrefixLists', why: 'plan: find the Ground Station prefix list' },
  { action: 'ec2:DescribeInstances', why: 'status --all, destroy --orphans: which instances still exist' },
];

export function buildIamPolicy() {
  const of = (prefix: string) => TOOL_ACTIONS.filter((a) => a.action.startsWith(prefix)).map((a) => a.action).sort();
  return {
    Version: '2012-10-17',
    Statement: [
      // Ground Station and EC2 describe calls do not support resource-level scoping for list/describe.
      { Sid: 'GsAgentConfigGroundStation', Effect: 'Allow', Action: of('groundstation:'), Resource: '*' },
      { Sid: 'GsAgentConfigEc2Describe', Effect: 'Allow', Action: of('ec2:'), Resource: '*' },
    ],
  };
}
