/**
 * The V2 request in the other spellings of the same resource: CloudFormation's PascalCase
 * properties and the awscc provider's snake_case attributes. Both are a renaming of the request
 * `apply` sends (every key is known: an unknown one is a bug, not something to guess), so an
 * export can never disagree with apply. Tags become a list of key/value pairs in both.
 */
import type { CreateDataflowEndpointGroupV2Request } from '../types.ts';
import { InternalError } from '../errors.ts';
import { withoutOwnershipTags } from '../ownership-tags.ts';

/** Every key of the request body except tags (CreateDataflowEndpointGroupV2, src/types.ts). */
const REQUEST_KEYS = new Set([
  'endpoints',
  'downlinkAwsGroundStationAgentEndpoint',
  'uplinkAwsGroundStationAgentEndpoint',
  'name',
  'dataflowDetails',
  'agentConnectionDetails',
  'agentIpAndPortAddress',
  'egressAddressAndPort',
  'ingressAddressAndPort',
  'socketAddress',
  'portRange',
  'minimum',
  'maximum',
  'port',
  'mtu',
  'contactPrePassDurationSeconds',
  'contactPostPassDurationSeconds',
]);

export const toPascal = (key: string) => key[0].toUpperCase() + key.slice(1);
export const toSnake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const fromPascal = (key: string) => key[0].toLowerCase() + key.slice(1);

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** Renames every key through its request (camelCase) spelling, which must be a known one. */
function renameKeys(value: unknown, toRequestKey: (k: string) => string, fromRequestKey: (k: string) => string): Json {
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, toRequestKey, fromRequestKey));
  if (value === null || typeof value !== 'object') return value as Json;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      const key = toRequestKey(k);
      if (!REQUEST_KEYS.has(key)) throw new InternalError(`unknown dataflow endpoint group key ${JSON.stringify(k)}`);
      return [fromRequestKey(key), renameKeys(v, toRequestKey, fromRequestKey)];
    }),
  );
}

const same = (k: string) => k;

/**
 * The request an IaC tool should own: without the tool's gs-agent-config:* tags, which mark a
 * group as created by this host (a group carrying them could be replaced or deleted by apply).
 */
export function exportableRequest(request: CreateDataflowEndpointGroupV2Request): CreateDataflowEndpointGroupV2Request {
  const { tags, ...body } = request;
  const kept = withoutOwnershipTags(tags ?? {});
  return Object.keys(kept).length ? { ...body, tags: kept } : body;
}

function splitTags(request: CreateDataflowEndpointGroupV2Request) {
  const { tags, ...body } = exportableRequest(request);
  return { body, tags: Object.entries(tags ?? {}) };
}

/** `Properties` of an AWS::GroundStation::DataflowEndpointGroupV2 resource. */
export function toCloudFormationProperties(request: CreateDataflowEndpointGroupV2Request): Record<string, Json> {
  const { body, tags } = splitTags(request);
  const props = renameKeys(body, same, toPascal) as Record<string, Json>;
  if (tags.length) props.Tags = tags.map(([Key, Value]) => ({ Key, Value }));
  return props;
}

/** Arguments of an awscc_groundstation_dataflow_endpoint_group_v2 resource. */
export function toAwsccArguments(request: CreateDataflowEndpointGroupV2Request): Record<string, Json> {
  const { body, tags } = splitTags(request);
  const args = renameKeys(body, same, toSnake) as Record<string, Json>;
  if (tags.length) args.tags = tags.map(([key, value]) => ({ key, value }));
  return args;
}

/** Back from CloudFormation properties to the request shape (literal values only). */
export function requestFromCloudFormation(props: Record<string, unknown>): CreateDataflowEndpointGroupV2Request {
  const { Tags, ...body } = props;
  const request = renameKeys(body, fromPascal, same) as unknown as CreateDataflowEndpointGroupV2Request;
  if (Array.isArray(Tags) && Tags.length) {
    request.tags = Object.fromEntries((Tags as Array<{ Key: string; Value: string }>).map((t) => [t.Key, t.Value]));
  }
  return request;
}

/** `eo-multi` → `EoMultiDataflowEndpointGroup`: CloudFormation logical ids are alphanumeric. */
export function logicalIdFor(mission: string): string {
  const words = mission.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return `${words.map(toPascal).join('')}DataflowEndpointGroup`;
}

/** `eo-multi` → `eo_multi`: a Terraform resource name must start with a letter or underscore. */
export function terraformNameFor(mission: string): string {
  const name = mission.replace(/-/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `dfeg_${name}`;
}
