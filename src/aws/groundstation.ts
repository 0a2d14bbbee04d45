/**
 * The Ground Station port: the only Ground Station calls the tool makes, with plain data in and
 * out (src/types.ts) and every SDK failure mapped to the tool's errors.
 */
import {
  DeleteDataflowEndpointGroupCommand,
  GetDataflowEndpointGroupCommand,
  GroundStationClient,
  ListDataflowEndpointGroupsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type GroundStationClientConfig,
} from '@aws-sdk/client-groundstation';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type {
  ConnectionDetailsWire,
  CreateDataflowEndpointGroupV2Request,
  Direction,
  GroupEndpointState,
  GroupState,
  RangedConnectionDetailsWire,
} from '../types.ts';
import { AwsCallError } from '../errors.ts';
import { createDataflowEndpointGroupV2 } from './create-dataflow-endpoint-group-v2.ts';
import { mapAwsError } from './map-aws-error.ts';
import type { ClientCredentials } from './credentials.ts';

export interface GroundStationPort {
  /** Creates a V2 group; returns its id. */
  createGroup(req: CreateDataflowEndpointGroupV2Request): Promise<string>;
  getGroup(id: string): Promise<GroupState>;
  /** Every group of the account in this region (follows nextToken). */
  listGroups(): Promise<Array<{ id: string; arn: string }>>;
  deleteGroup(id: string): Promise<void>;
  listTags(arn: string): Promise<Record<string, string>>;
  tagResource(arn: string, tags: Record<string, string>): Promise<void>;
  untagResource(arn: string, keys: string[]): Promise<void>;
}

export interface AwsClientOptions {
  region: string;
  /** Overrides the endpoint; when absent the SDK still honours AWS_ENDPOINT_URL_GROUNDSTATION. */
  endpoint?: string;
  credentials?: ClientCredentials;
  /** Total attempts including the first (default 3). */
  maxAttempts?: number;
}

/** Without timeouts a black-holed connection hangs the CLI forever (the SDK default is none). */
export const HTTP_TIMEOUTS = { connectionTimeout: 3000, requestTimeout: 10000 } as const;

/** 3.523.0's EndpointDetails type predates V2, but its deserializer passes these members through. */
interface AgentEndpointDetailsWire {
  name: string;
  dataflowDetails: {
    agentConnectionDetails: {
      agentIpAndPortAddress: RangedConnectionDetailsWire;
      ingressAddressAndPort?: ConnectionDetailsWire;
      egressAddressAndPort?: ConnectionDetailsWire;
    };
  };
  agentStatus?: string;
  auditResults?: string;
}

interface EndpointDetailsV2Wire {
  uplinkAwsGroundStationAgentEndpoint?: AgentEndpointDetailsWire;
  downlinkAwsGroundStationAgentEndpoint?: AgentEndpointDetailsWire;
  healthStatus?: string;
  healthReasons?: string[];
}

function withMtu<T extends object>(value: T, mtu: number | undefined): T & { mtu?: number } {
  return mtu === undefined ? value : { ...value, mtu };
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** One V2 agent endpoint as our GroupEndpointState; V1 endpoints (no V2 member) give undefined. */
export function toEndpointState(d: EndpointDetailsV2Wire): GroupEndpointState | undefined {
  const direction: Direction | undefined = d.uplinkAwsGroundStationAgentEndpoint
    ? 'uplink'
    : d.downlinkAwsGroundStationAgentEndpoint ? 'downlink' : undefined;
  const ep = d.uplinkAwsGroundStationAgentEndpoint ?? d.downlinkAwsGroundStationAgentEndpoint;
  if (!direction || !ep) return undefined;
  const conn = ep.dataflowDetails.agentConnectionDetails;
  const agent = conn.agentIpAndPortAddress;
  const address = (direction === 'uplink' ? conn.ingressAddressAndPort : conn.egressAddressAndPort) as ConnectionDetailsWire;
  return defined({
    name: ep.name,
    direction,
    agent: withMtu({
      ip: agent.socketAddress.name,
      ports: { min: agent.socketAddress.portRange.minimum, max: agent.socketAddress.portRange.maximum },
    }, agent.mtu),
    address: withMtu({ host: address.socketAddress.name, port: address.socketAddress.port }, address.mtu),
    agentStatus: ep.agentStatus,
    auditResults: ep.auditResults,
    healthStatus: d.healthStatus,
    healthReasons: d.healthReasons,
  });
}

/**
 * A NodeHttpHandler with HTTP_TIMEOUTS. @smithy/node-http-handler 2.5.0 (the last 2.x) does not
 * clear its socket-usage timer when a request fails, so after a network error the process
 * lingers for connectionTimeout + requestTimeout (13 s) before it can exit. Its private config
 * has no public knob for that timer; a zero delay makes it fire at once instead.
 */
export function createRequestHandler(): NodeHttpHandler {
  const handler = new NodeHttpHandler(HTTP_TIMEOUTS);
  const internals = handler as unknown as { configProvider?: Promise<object> };
  if (internals.configProvider instanceof Promise) {
    internals.configProvider = internals.configProvider.then((c) => ({ ...c, socketAcquisitionWarningTimeout: 0 }));
  }
  return handler;
}

function buildClient(opts: AwsClientOptions): GroundStationClient {
  const config: GroundStationClientConfig = {
    region: opts.region,
    maxAttempts: opts.maxAttempts ?? 3,
    requestHandler: createRequestHandler(),
  };
  // Only set when given: an explicit `endpoint: undefined` must not mask the SDK's env handling.
  if (opts.endpoint !== undefined) config.endpoint = opts.endpoint;
  if (opts.credentials !== undefined) config.credentials = opts.credentials;
  return new GroundStationClient(config);
}

async function call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw mapAwsError(operation, err);
  }
}

export function createGroundStationPort(opts: AwsClientOptions): GroundStationPort {
  const client = buildClient(opts);
  // V2 create has no client token: an SDK retry after a lost answer could make a second group.
  // It is sent once; the caller looks for the group by its tags before trying again.
  const createClient = buildClient({ ...opts, maxAttempts: 1 });

  const listGroups = () => call('ListDataflowEndpointGroups', async () => {
    const groups: Array<{ id: string; arn: string }> = [];
    const seen = new Set<string>();
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListDataflowEndpointGroupsCommand({ nextToken }));
      for (const g of page.dataflowEndpointGroupList ?? []) {
        groups.push({ id: g.dataflowEndpointGroupId ?? '', arn: g.dataflowEndpointGroupArn ?? '' });
      }
      nextToken = page.nextToken;
      // A service that repeats a token would otherwise loop forever.
      if (nextToken !== undefined && seen.has(nextToken)) break;
      if (nextToken !== undefined) seen.add(nextToken);
    } while (nextToken);
    return groups;
  });

  return {
    createGroup: (req) => call('CreateDataflowEndpointGroupV2', async () => {
      const out = await createDataflowEndpointGroupV2(createClient, req);
      if (!out.dataflowEndpointGroupId) {
        throw new AwsCallError('MissingGroupId', 'CreateDataflowEndpointGroupV2 returned no dataflowEndpointGroupId: list the groups before retrying.', [], { requestId: out.$metadata.requestId });
      }
      return out.dataflowEndpointGroupId;
    }),
    getGroup: (id) => call('GetDataflowEndpointGroup', async () => {
      const out = await client.send(new GetDataflowEndpointGroupCommand({ dataflowEndpointGroupId: id }));
      const details = (out.endpointsDetails ?? []) as EndpointDetailsV2Wire[];
      return defined({
        id: out.dataflowEndpointGroupId ?? id,
        arn: out.dataflowEndpointGroupArn ?? '',
        endpoints: details.map(toEndpointState).filter((e): e is GroupEndpointState => e !== undefined),
        tags: out.tags ?? {},
        contactPrePassDurationSeconds: out.contactPrePassDurationSeconds,
        contactPostPassDurationSeconds: out.contactPostPassDurationSeconds,
      });
    }),
    listGroups,
    deleteGroup: (id) => call('DeleteDataflowEndpointGroup', async () => {
      await client.send(new DeleteDataflowEndpointGroupCommand({ dataflowEndpointGroupId: id }));
    }),
    listTags: (arn) => call('ListTagsForResource', async () => {
      const out = await client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
      return out.tags ?? {};
    }),
    tagResource: (arn, tags) => call('TagResource', async () => {
      await client.send(new TagResourceCommand({ resourceArn: arn, tags }));
    }),
    untagResource: (arn, keys) => call('UntagResource', async () => {
      await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: keys }));
    }),
  };
}
