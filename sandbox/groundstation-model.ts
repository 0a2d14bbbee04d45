/**
 * The Ground Station model's constraints (groundstation 2019-05-23, the V2 model shipped with
 * aws-sdk-js-v3 / botocore), copied here as data so that neither the sandbox nor the mission
 * schema reads the reference model at run time. Patterns are strings (anchored) so that ajv
 * schemas can reuse them as-is; each constant names its model shape.
 */

/** SafeName: endpoint `name` of an agent endpoint. */
export const SAFE_NAME = { pattern: '^[ a-zA-Z0-9_:-]{1,256}$', minLength: 1, maxLength: 256 } as const;

/** IpV4Address: RangedSocketAddress.name (the agent side only; SocketAddress.name is a plain String). */
export const IPV4_ADDRESS = { pattern: '^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$', minLength: 7, maxLength: 16 } as const;

/** RangedConnectionDetailsMtuInteger: RangedConnectionDetails.mtu (ConnectionDetails.mtu has no range). */
export const RANGED_MTU = { minimum: 1400, maximum: 1500 } as const;

/** DataflowEndpointGroupDurationInSeconds: contactPre/PostPassDurationSeconds. */
export const PASS_DURATION_SECONDS = { minimum: 30, maximum: 480 } as const;

/** CreateEndpointDetailsList: CreateDataflowEndpointGroupV2Request.endpoints. */
export const CREATE_ENDPOINTS = { minItems: 1, maxItems: 12 } as const;

/** EndpointDetailsList: GetDataflowEndpointGroupResponse.endpointsDetails. */
export const ENDPOINT_DETAILS = { minItems: 0, maxItems: 500 } as const;

/** Uuid: dataflowEndpointGroupId. */
export const UUID = {
  pattern: '^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$',
  minLength: 36,
  maxLength: 36,
} as const;

/** AnyArn: resourceArn of the tag operations. */
export const ANY_ARN = { pattern: '^(arn:aws:)[\\s\\S]{0,1024}$', minLength: 5, maxLength: 1024 } as const;

/** DataflowEndpointGroupArn. */
export const DFEG_ARN = {
  pattern:
    '^arn:aws:groundstation:[-a-z0-9]{1,50}:[0-9]{12}:dataflow-endpoint-group/' +
    '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$',
  minLength: 97,
  maxLength: 146,
} as const;

/** PaginationMaxResults: ListDataflowEndpointGroups maxResults. */
export const PAGINATION_MAX_RESULTS = { minimum: 1, maximum: 100 } as const;

/** PaginationToken: nextToken. */
export const PAGINATION_TOKEN = { pattern: '^[A-Za-z0-9-/+_.=]+$', minLength: 3, maxLength: 1000 } as const;

/** TagKeys: UntagResource tagKeys. TagsMap itself is an unconstrained String→String map. */
export const TAG_KEYS = { minItems: 0, maxItems: 500 } as const;

/** Integer: Smithy integers are 32-bit signed. */
export const INT32 = { minimum: -2147483648, maximum: 2147483647 } as const;

/** AgentStatus, AuditResults, CapabilityHealth, CapabilityHealthReason enums. */
export const AGENT_STATUS = ['SUCCESS', 'FAILED', 'ACTIVE', 'INACTIVE'] as const;
export const AUDIT_RESULTS = ['HEALTHY', 'UNHEALTHY'] as const;
export const CAPABILITY_HEALTH = ['HEALTHY', 'UNHEALTHY'] as const;
export const CAPABILITY_HEALTH_REASONS = [
  'NO_REGISTERED_AGENT',
  'INVALID_IP_OWNERSHIP',
  'NOT_AUTHORIZED_TO_CREATE_SLR',
  'UNVERIFIED_IP_OWNERSHIP',
  'INITIALIZING_DATAPLANE',
  'DATAPLANE_FAILURE',
  'HEALTHY',
] as const;

/** A tiny Smithy-like shape table: enough to validate CreateDataflowEndpointGroupV2Request. */
export type Shape =
  | { type: 'structure'; members: Record<string, string>; required?: readonly string[]; union?: boolean }
  | { type: 'list'; member: string; minItems?: number; maxItems?: number }
  | { type: 'map'; value: string }
  | { type: 'string'; pattern?: string; minLength?: number; maxLength?: number }
  | { type: 'integer'; minimum?: number; maximum?: number }
  /** Contacts and mission profiles (contacts-model.ts): Double, Boolean, Timestamp (epoch seconds on the wire), and a member stored as sent. */
  | { type: 'double' }
  | { type: 'boolean' }
  | { type: 'timestamp' }
  | { type: 'document' };

export const SHAPES: Record<string, Shape> = {
  CreateDataflowEndpointGroupV2Request: {
    type: 'structure',
    required: ['endpoints'],
    members: {
      endpoints: 'CreateEndpointDetailsList',
      contactPrePassDurationSeconds: 'DataflowEndpointGroupDurationInSeconds',
      contactPostPassDurationSeconds: 'DataflowEndpointGroupDurationInSeconds',
      tags: 'TagsMap',
    },
  },
  CreateEndpointDetailsList: { type: 'list', member: 'CreateEndpointDetails', ...CREATE_ENDPOINTS },
  CreateEndpointDetails: {
    type: 'structure',
    union: true,
    members: {
      uplinkAwsGroundStationAgentEndpoint: 'UplinkAwsGroundStationAgentEndpoint',
      downlinkAwsGroundStationAgentEndpoint: 'DownlinkAwsGroundStationAgentEndpoint',
    },
  },
  UplinkAwsGroundStationAgentEndpoint: {
    type: 'structure',
    required: ['name', 'dataflowDetails'],
    members: { name: 'SafeName', dataflowDetails: 'UplinkDataflowDetails' },
  },
  DownlinkAwsGroundStationAgentEndpoint: {
    type: 'structure',
    required: ['name', 'dataflowDetails'],
    members: { name: 'SafeName', dataflowDetails: 'DownlinkDataflowDetails' },
  },
  UplinkDataflowDetails: { type: 'structure', union: true, members: { agentConnectionDetails: 'UplinkConnectionDetails' } },
  DownlinkDataflowDetails: { type: 'structure', union: true, members: { agentConnectionDetails: 'DownlinkConnectionDetails' } },
  UplinkConnectionDetails: {
    type: 'structure',
    required: ['ingressAddressAndPort', 'agentIpAndPortAddress'],
    members: { ingressAddressAndPort: 'ConnectionDetails', agentIpAndPortAddress: 'RangedConnectionDetails' },
  },
  DownlinkConnectionDetails: {
    type: 'structure',
    required: ['agentIpAndPortAddress', 'egressAddressAndPort'],
    members: { agentIpAndPortAddress: 'RangedConnectionDetails', egressAddressAndPort: 'ConnectionDetails' },
  },
  ConnectionDetails: { type: 'structure', required: ['socketAddress'], members: { socketAddress: 'SocketAddress', mtu: 'Integer' } },
  RangedConnectionDetails: {
    type: 'structure',
    required: ['socketAddress'],
    members: { socketAddress: 'RangedSocketAddress', mtu: 'RangedConnectionDetailsMtuInteger' },
  },
  SocketAddress: { type: 'structure', required: ['name', 'port'], members: { name: 'String', port: 'Integer' } },
  RangedSocketAddress: { type: 'structure', required: ['name', 'portRange'], members: { name: 'IpV4Address', portRange: 'IntegerRange' } },
  IntegerRange: { type: 'structure', required: ['minimum', 'maximum'], members: { minimum: 'Integer', maximum: 'Integer' } },
  DataflowEndpointGroupDurationInSeconds: { type: 'integer', ...PASS_DURATION_SECONDS },
  RangedConnectionDetailsMtuInteger: { type: 'integer', ...RANGED_MTU },
  SafeName: { type: 'string', ...SAFE_NAME },
  IpV4Address: { type: 'string', ...IPV4_ADDRESS },
  /** TagResourceRequest's body members (resourceArn is the URI label, checked separately). */
  TagResourceRequest: { type: 'structure', required: ['tags'], members: { tags: 'TagsMap' } },
  TagsMap: { type: 'map', value: 'String' },
  String: { type: 'string' },
  Integer: { type: 'integer', ...INT32 },
};
