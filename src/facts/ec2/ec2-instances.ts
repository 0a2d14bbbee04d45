/** Which of a set of instance ids still exist (not terminated), for finding orphaned groups. */
import { mapAwsError } from '../../aws/map-aws-error.ts';
import { collectPages } from '../../aws/paginate.ts';
import { withClient, type Ec2FactsOptions } from './ec2.ts';
import { factReader } from '../fact-value.ts';
import { parseString } from '../parse-values.ts';

/** Far more pages than any filter on a few instance ids gives: past it, or on a repeated token, EC2 is looping (exit 5). */
const MAX_PAGES = 100;

export async function readLiveInstanceIds(opts: Ec2FactsOptions, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  try {
    return await withClient(opts, async (sdk, client) => {
      // A filter, not InstanceIds: one unknown id would fail the whole call with InvalidInstanceID.NotFound.
      const read = factReader('EC2 DescribeInstances', 'aws ec2 describe-instances --filters Name=instance-id,Values=<id>');
      const live = await collectPages(
        'DescribeInstances',
        async (NextToken) => {
          const out = await client.send(new sdk.DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: ids }], NextToken }));
          const items: string[] = [];
          for (const r of out.Reservations ?? []) {
            for (const i of r.Instances ?? []) {
              const id = i.InstanceId === undefined ? undefined : read('InstanceId', i.InstanceId, (v) => parseString('instanceId', v));
              if (id && i.State?.Name !== 'terminated') items.push(id);
            }
          }
          return { items, nextToken: out.NextToken || undefined };
        },
        MAX_PAGES,
      );
      return new Set(live);
    });
  } catch (err) {
    throw mapAwsError('DescribeInstances', err);
  }
}

/** Instance ids per DescribeInstances call (the filter's values): a fleet of 100 is one call. */
const STATE_BATCH = 100;

/** Each asked id's state name (`running`, `stopped`, …); an id EC2 does not list is absent (gone). */
export async function readInstanceStates(opts: Ec2FactsOptions, ids: string[]): Promise<Map<string, string>> {
  const states = new Map<string, string>();
  if (ids.length === 0) return states;
  try {
    await withClient(opts, async (sdk, client) => {
      const read = factReader('EC2 DescribeInstances', 'aws ec2 describe-instances --filters Name=instance-id,Values=<id>');
      for (let i = 0; i < ids.length; i += STATE_BATCH) {
        const batch = ids.slice(i, i + STATE_BATCH);
        await collectPages(
          'DescribeInstances',
          async (NextToken) => {
            const out = await client.send(
              new sdk.DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: batch }], NextToken }),
            );
            for (const r of out.Reservations ?? []) {
              for (const inst of r.Instances ?? []) {
                const id = read('InstanceId', inst.InstanceId, (v) => parseString('instanceId', v));
                // A state outside EC2's enum is shown as `unknown` (and never counts as running).
                const name = inst.State?.Name as unknown;
                const state = typeof name === 'string' && /^[a-z-]{1,32}$/.test(name) ? name : 'unknown';
                // Only ids asked for: an answer naming another instance changes nothing.
                if (batch.includes(id)) states.set(id, state);
              }
            }
            return { items: [], nextToken: out.NextToken || undefined };
          },
          MAX_PAGES,
        );
      }
    });
  } catch (err) {
    throw mapAwsError('DescribeInstances', err);
  }
  return states;
}
