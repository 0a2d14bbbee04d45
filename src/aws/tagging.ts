/**
 * Discovery by tags through the Resource Groups Tagging API (`tag:GetResources`): after a lost
 * state file, the host's groups are found in a page or two instead of one call per group of
 * the account. Its index is eventually consistent, so callers that must not miss a group just
 * made (the retry after a lost create answer) read Ground Station directly instead.
 * The client is imported lazily: a run with a state file never loads it.
 */
import type { AwsClientOptions } from './client-options.ts';
import { BoundedHttpHandler } from './bounded-http-handler.ts';
import { reportRetries } from './retry-progress.ts';
import { NO_PROGRESS, type Progress } from '../progress.ts';
import { mapAwsError } from './map-aws-error.ts';
import { collectPages } from './paginate.ts';
import { IncompleteAnswerError } from './parse-group.ts';

export const GROUP_RESOURCE_TYPE = 'groundstation:dataflow-endpoint-group';

export interface TaggingPort {
  /** ARNs of the dataflow endpoint groups carrying every tag given (a value of undefined: the key alone). */
  findGroupArns(tags: Record<string, string | undefined>): Promise<string[]>;
}

type Obj = Record<string, unknown>;

/** The ResourceARNs of one GetResources page, checked; an entry without one is an incomplete answer. */
export function parseResourcePage(page: Obj): { items: string[]; nextToken?: string } {
  const list = page.ResourceTagMappingList ?? [];
  if (!Array.isArray(list) || list.length > 1000)
    throw new IncompleteAnswerError('GetResources answered without a usable ResourceTagMappingList.');
  const items = list.map((m, i) => {
    const arn = typeof m === 'object' && m !== null ? (m as Obj).ResourceARN : undefined;
    if (typeof arn !== 'string' || !arn.startsWith('arn:'))
      throw new IncompleteAnswerError(`GetResources answered without a usable ResourceTagMappingList[${i}].ResourceARN.`);
    return arn;
  });
  const token = page.PaginationToken;
  return typeof token === 'string' && token.length > 0 ? { items, nextToken: token } : { items };
}

function withRetryProgress<C extends Parameters<typeof reportRetries>[0]>(client: C, progress: Progress): C {
  reportRetries(client, progress);
  return client;
}

type TaggingSdk = typeof import('@aws-sdk/client-resource-groups-tagging-api');

export function createTaggingPort(opts: AwsClientOptions): TaggingPort {
  let loaded: Promise<{ sdk: TaggingSdk; client: InstanceType<TaggingSdk['ResourceGroupsTaggingAPIClient']> }> | undefined;
  const load = () =>
    (loaded ??= import('@aws-sdk/client-resource-groups-tagging-api').then((sdk) => ({
      sdk,
      client: withRetryProgress(
        new sdk.ResourceGroupsTaggingAPIClient({
          region: opts.region,
          maxAttempts: opts.maxAttempts ?? 3,
          requestHandler: new BoundedHttpHandler({ protocol: 'json', service: 'Resource Groups Tagging', deadline: opts.deadline }),
          ...(opts.endpoint !== undefined ? { endpoint: opts.endpoint } : {}),
          ...(opts.credentials !== undefined ? { credentials: opts.credentials } : {}),
        }),
        opts.progress ?? NO_PROGRESS,
      ),
    })));
  return {
    async findGroupArns(tags) {
      const TagFilters = Object.entries(tags).map(([Key, v]) => (v === undefined ? { Key } : { Key, Values: [v] }));
      try {
        const { sdk, client } = await load();
        return await collectPages('GetResources', async (PaginationToken) =>
          parseResourcePage(
            (await client.send(
              new sdk.GetResourcesCommand({
                ResourceTypeFilters: [GROUP_RESOURCE_TYPE],
                TagFilters,
                ResourcesPerPage: 100,
                ...(PaginationToken ? { PaginationToken } : {}),
              }),
            )) as unknown as Obj,
          ),
        );
      } catch (err) {
        throw mapAwsError('GetResources', err);
      }
    },
  };
}
