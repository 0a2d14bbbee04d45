/**
 * The least-privilege IAM policy for exactly the API actions this tool sends (one entry per
 * SDK command in src/aws and src/facts; a test checks the list against the code and against
 * what the sandbox records over a whole lifecycle). The agent itself needs AWS's managed
 * policy AWSGroundStationAgentInstancePolicy in addition.
 */
import { TAG_INSTANCE } from '../ownership-tags.ts';

export const TOOL_ACTIONS: ReadonlyArray<{ action: string; why: string }> = [
  { action: 'groundstation:CreateDataflowEndpointGroupV2', why: '`apply`: create the group (and the one that replaces it)' },
  { action: 'groundstation:GetDataflowEndpointGroup', why: '`apply`, `status`: read the group back (endpoints, health)' },
  {
    action: 'groundstation:ListDataflowEndpointGroups',
    why: '`apply`: look for a group whose create answer was lost; `apply`, `status`, `destroy`: find groups when tag:GetResources is refused',
  },
  { action: 'groundstation:TagResource', why: '`apply`: add or change tags in place' },
  { action: 'groundstation:UntagResource', why: '`apply`: remove tags in place' },
  {
    action: 'groundstation:DeleteDataflowEndpointGroup',
    why: '`apply` (the old group of a replace), `destroy`: only groups this tool made',
  },
  {
    action: 'groundstation:ListContacts',
    why: '`apply`, `destroy` (only before a disruptive step), `status`: contacts that may hold this host',
  },
  {
    action: 'groundstation:DescribeContact',
    why: "`apply`, `destroy`, `status`: which host a contact uses (its dataflow endpoints' agent address)",
  },
  {
    action: 'groundstation:GetMissionProfile',
    why: "`status`, `plan`: the mission profiles named in the mission's `profiles:` (wiring check)",
  },
  { action: 'groundstation:GetConfig', why: '`status`, `plan`: the dataflow endpoint configs of those mission profiles (wiring check)' },
  { action: 'ec2:DescribeAddresses', why: '`facts`, `plan`, `apply`, `export`: the public IP must be an Elastic IP' },
  { action: 'ec2:DescribeInstanceTypes', why: '`facts`, `plan`, `apply`, `export`: vCPUs of the instance type (warnings)' },
  {
    action: 'ec2:DescribeSecurityGroups',
    why: '`facts`, `plan`, `apply`, `export`: is UDP on the agent ports open from Ground Station (warning); `doctor`: also outbound TCP 443',
  },
  {
    action: 'ec2:DescribeManagedPrefixLists',
    why: '`facts`, `plan`, `apply`, `export`: the com.amazonaws.global.groundstation prefix list (warning)',
  },
  { action: 'ec2:DescribeInstances', why: '`status --all`, `destroy --orphans`: whose instance is gone' },
  {
    action: 'tag:GetResources',
    why: "`apply`, `plan`, `status`, `destroy`: find this host's groups by their tags when the state file is lost (and orphans)",
  },
  { action: 'ec2:DescribeRouteTables', why: "`doctor`: is the Elastic IP's subnet public (0.0.0.0/0 to an internet gateway)" },
  { action: 'ec2:DescribeInternetGateways', why: "`doctor`: the VPC's internet gateway, for the exact route fix" },
  {
    action: 'ssm:PutComplianceItems',
    why: "`apply --report-compliance`, `status --report-compliance` only: this host's Custom:GsAgentConfig compliance items",
  },
  {
    action: 's3:GetObject',
    why: "`upgrade-agent` only: the agent RPM (and the installed version's, for a rollback) from AWS's regional bucket",
  },
  {
    action: 'iam:CreateServiceLinkedRole',
    why: "`apply`, first group in an account: Ground Station creates its service-linked role AWSServiceRoleForGroundStationDataflowEndpointGroup with the caller's permission (only that role, only for groundstation.amazonaws.com)",
  },
];

/** Actions no SDK command of the tool sends: the service does them with the caller's permission. */
export const ON_BEHALF_ACTIONS: readonly string[] = ['iam:CreateServiceLinkedRole'];

/** The service-linked role the first CreateDataflowEndpointGroup(V2) in an account creates. */
export const SLR_ARN_PATTERN =
  'arn:aws:iam::*:role/aws-service-role/groundstation.amazonaws.com/AWSServiceRoleForGroundStationDataflowEndpointGroup*';
export const SLR_SERVICE_NAME = 'groundstation.amazonaws.com';

/** AWS's agent RPMs ("Install the agent"): the regional buckets groundstation-wb-digif-software-<region>, their agent folder only. */
export const AGENT_RPM_ARN_PATTERN = 'arn:aws:s3:::groundstation-wb-digif-software-*/aws-groundstation-agent/*';

/**
 * The `fleet` reader's policy (`iam-policy --fleet`), for an operator's or a dashboard's role:
 * read-only, no IMDS, nothing it could change. Kept apart from the hosts' policy.
 */
export const FLEET_VIEWER_ACTIONS: ReadonlyArray<{ action: string; why: string }> = [
  { action: 'tag:GetResources', why: "`fleet`: the tool's groups by their tags" },
  { action: 'groundstation:ListDataflowEndpointGroups', why: '`fleet`: the scan when tag:GetResources is refused' },
  { action: 'groundstation:GetDataflowEndpointGroup', why: '`fleet`: each group (tags, endpoints, health), one call a group' },
  { action: 'groundstation:ListContacts', why: "`fleet`: one window of the account's contacts" },
  { action: 'groundstation:DescribeContact', why: "`fleet`: a contact's agent addresses (which host it uses)" },
  { action: 'ec2:DescribeInstances', why: "`fleet`: each group's instance and its state (batched)" },
  { action: 'ssm:ListResourceComplianceSummaries', why: "`fleet`: every host's last Custom:GsAgentConfig report" },
];

export function buildFleetViewerPolicy() {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'GsAgentConfigFleetViewer', Effect: 'Allow', Action: FLEET_VIEWER_ACTIONS.map((a) => a.action).sort(), Resource: '*' },
    ],
  };
}

/** Every dataflow endpoint group, any region and account: the resource type these actions take. */
export const GROUP_ARN_PATTERN = 'arn:aws:groundstation:*:*:dataflow-endpoint-group/*';
/** The ownership tag a group must carry for DeleteDataflowEndpointGroup. */
export const DELETE_CONDITION_TAG = TAG_INSTANCE;

/**
 * Actions the service authorizes on the DataflowEndpointGroup resource type (Service
 * Authorization Reference, "Actions, resources, and condition keys for AWS Ground Station"),
 * scoped to group ARNs; DeleteDataflowEndpointGroup also to groups that carry the tool's
 * ownership tag (the resource type supports aws:ResourceTag/${TagKey}).
 */
const ON_GROUPS = ['groundstation:GetDataflowEndpointGroup', 'groundstation:TagResource', 'groundstation:UntagResource'];
const DELETE = 'groundstation:DeleteDataflowEndpointGroup';

export function buildIamPolicy() {
  const of = (prefix: string) =>
    TOOL_ACTIONS.filter((a) => a.action.startsWith(prefix))
      .map((a) => a.action)
      .sort();
  const scoped = new Set([...ON_GROUPS, DELETE]);
  return {
    Version: '2012-10-17',
    Statement: [
      // Create and list take no resource ARN: the service authorizes them on "*" only.
      { Sid: 'GsAgentConfigGroundStation', Effect: 'Allow', Action: of('groundstation:').filter((a) => !scoped.has(a)), Resource: '*' },
      {
        Sid: 'GsAgentConfigGroundStationGroups',
        Effect: 'Allow',
        Action: of('groundstation:').filter((a) => ON_GROUPS.includes(a)),
        Resource: GROUP_ARN_PATTERN,
      },
      {
        Sid: 'GsAgentConfigGroundStationDeleteOwned',
        Effect: 'Allow',
        Action: [DELETE],
        Resource: GROUP_ARN_PATTERN,
        Condition: { Null: { [`aws:ResourceTag/${DELETE_CONDITION_TAG}`]: 'false' } },
      },
      // EC2 describe calls do not support resource-level scoping.
      { Sid: 'GsAgentConfigEc2Describe', Effect: 'Allow', Action: of('ec2:'), Resource: '*' },
      // tag:GetResources has no resource-level scoping either.
      { Sid: 'GsAgentConfigFindByTags', Effect: 'Allow', Action: of('tag:'), Resource: '*' },
      // Only with --report-compliance; PutComplianceItems has no resource-level scoping (AmazonSSMManagedInstanceCore grants it too).
      { Sid: 'GsAgentConfigCompliance', Effect: 'Allow', Action: of('ssm:'), Resource: '*' },
      // upgrade-agent only: read AWS's agent RPMs, nothing else in S3.
      { Sid: 'GsAgentConfigAgentRpm', Effect: 'Allow', Action: of('s3:'), Resource: AGENT_RPM_ARN_PATTERN },
      // The first group in an account: Ground Station's own service-linked role and nothing else
      // (IAM puts service-linked roles under /aws-service-role/<service principal>/; the condition
      // binds it to Ground Station even if that path changed).
      {
        Sid: 'GsAgentConfigGroundStationServiceLinkedRole',
        Effect: 'Allow',
        Action: of('iam:'),
        Resource: SLR_ARN_PATTERN,
        Condition: { StringEquals: { 'iam:AWSServiceName': SLR_SERVICE_NAME } },
      },
    ],
  };
}
