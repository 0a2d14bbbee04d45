/**
 * The Ground Station port: the only Ground Station calls the tool makes, with plain data in and
 * out (src/types.ts) and every SDK failure mapped to the tool's errors.
 */
import {
  DeleteDataflowEndpointGroupCommand,
  GetDataflowEndpointGroupCommand,
  GroundStationClient,
  ListDataflowEndpointGroupsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type GroundStationClientConfig,
} from '@aws-sdk/client-groundstation';
import type { CreateDataflowEndpointGroupV2Request, GroupState } from '../types.ts';
import { TransientError } from '../errors.ts';
import { BoundedHttpHandler } from './bounded-http-handler.ts';
import { collectPages, uniqueById } from './paginate.ts';
import { GROUP_ID, IncompleteAnswerError, parseGroup, parseGroupPage } from './parse-group.ts';
import { sleepWithin, type RunDeadline } from '../run-deadline.ts';
import { createTaggingPort, type TaggingPort } from './tagging.ts';
import { createDataflowEndpointGroupV2 } from './create-dataflow-endpoint-group-v2.ts';
import { reportRetries } from './retry-progress.ts';
import { NO_PROGRESS } from '../progress.ts';
import { mapAwsError } from './map-aws-error.ts';
import type { AwsClientOptions } from './client-options.ts';

export type { AwsClientOptions } from './client-options.ts';

type Obj = Record<string, unknown>;

export interface GroundStationPort {
  /** Creates a V2 group; returns its id. */
  createGroup(req: CreateDataflowEndpointGroupV2Request): Promise<string>;
  getGroup(id: string): Promise<GroupState>;
  /** Every group of the account in this region, each id once (pages bounded, a repeated token is exit 5). */
  listGroups(): Promise<Array<{ id: string; arn: string }>>;
  deleteGroup(id: string): Promise<void>;
  tagResource(arn: string, tags: Record<string, string>): Promise<void>;
  untagResource(arn: string, keys: string[]): Promise<void>;
  /** Discovery by tags (Resource Groups Tagging API); absent when only a scan can find groups. */
  readonly tagging?: TaggingPort;
}

/**
 * The request handler of every Ground Station client: bounded connect, idle and per-attempt
 * time, size cap, and the run's deadline (bounded-http-handler.ts).
 */
export function createRequestHandler(deadline?: RunDeadline): BoundedHttpHandler {
  return new BoundedHttpHandler({ protocol: 'json', service: 'Ground Station', deadline });
}

/** A Ground Station client on the bounded handler, with retry progress: every Ground Station port's. */
export function buildClient(opts: AwsClientOptions): GroundStationClient {
  const config: GroundStationClientConfig = {
    region: opts.region,
    maxAttempts: opts.maxAttempts ?? 3,
    requestHandler: createRequestHandler(opts.deadline),
  };
  // Only set when given: an explicit `endpoint: undefined` must not mask the SDK's env handling.
  if (opts.endpoint !== undefined) config.endpoint = opts.endpoint;
  if (opts.credentials !== undefined) config.credentials = opts.credentials;
  const client = new GroundStationClient(config);
  reportRetries(client, opts.progress ?? NO_PROGRESS);
  return client;
}

const INCOMPLETE_ATTEMPTS = 3;

/**
 * One port call: SDK failures mapped to the tool's errors; an answer missing a required field
 * is read again (with backoff, within the run's deadline) before it is reported.
 */
export async function call<T>(operation: string, fn: () => Promise<T>, deadline?: RunDeadline): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof IncompleteAnswerError) || attempt >= INCOMPLETE_ATTEMPTS) throw mapAwsError(operation, err);
      await pauseWithin(deadline, 200 * 2 ** attempt, operation);
    }
  }
}

/**
 * Waits ms between attempts of `operation`; when the run's deadline would pass first, the exit-5
 * error naming what it waited for (`why`, e.g. "before retrying").
 */
export async function pauseWithin(deadline: RunDeadline | undefined, ms: number, operation: string, why?: string): Promise<void> {
  try {
    await sleepWithin(deadline, ms, why ? `${operation} (${why})` : operation);
  } catch (err) {
    throw mapAwsError(operation, err);
  }
}

export function createGroundStationPort(opts: AwsClientOptions): GroundStationPort {
  const client = buildClient(opts);
  // V2 create has no client token: an SDK retry after a lost answer could make a second group.
  // It is sent once; the caller looks for the group by its tags before trying again.
  const createClient = buildClient({ ...opts, maxAttempts: 1 });

  const d = opts.deadline;
  const listGroups = async () =>
    uniqueById(
      await collectPages('ListDataflowEndpointGroups', async (nextToken) => {
        const page = await call(
          'ListDataflowEndpointGroups',
          async () =>
            parseGroupPage((await client.send(new ListDataflowEndpointGroupsCommand({ nextToken, maxResults: 100 }))) as unknown as Obj),
          d,
        );
        return { items: page.groups, nextToken: page.nextToken };
      }),
    );

  const tagging =
    opts.taggingEndpoint !== undefined || opts.endpoint === undefined
      ? createTaggingPort({ ...opts, endpoint: opts.taggingEndpoint })
      : undefined;

  return {
    tagging,
    // Not retried here: a create answer without its id may still have made the group, so the
    // caller (converge's createGroup) looks for it by its tags before trying again.
    createGroup: async (req) => {
      const out = await call('CreateDataflowEndpointGroupV2', () => createDataflowEndpointGroupV2(createClient, req), d);
      const id = out.dataflowEndpointGroupId;
      if (typeof id !== 'string' || !GROUP_ID.test(id)) {
        throw new TransientError(
          `CreateDataflowEndpointGroupV2 answered without a dataflowEndpointGroupId (got ${JSON.stringify(id ?? null).slice(0, 60)}): the group may exist; it is looked for by its tags before any retry.`,
        );
      }
      return id;
    },
    getGroup: (id) =>
      call(
        'GetDataflowEndpointGroup',
        async () =>
          parseGroup((await client.send(new GetDataflowEndpointGroupCommand({ dataflowEndpointGroupId: id }))) as unknown as Obj, id),
        d,
      ),
    listGroups,
    deleteGroup: (id) =>
      call(
        'DeleteDataflowEndpointGroup',
        async () => {
          await client.send(new DeleteDataflowEndpointGroupCommand({ dataflowEndpointGroupId: id }));
        },
        d,
      ),
    tagResource: (arn, tags) =>
      call(
        'TagResource',
        async () => {
          await client.send(new TagResourceCommand({ resourceArn: arn, tags }));
        },
        d,
      ),
    untagResource: (arn, keys) =>
      call(
        'UntagResource',
        async () => {
          await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: keys }));
        },
        d,
      ),
  };
}
