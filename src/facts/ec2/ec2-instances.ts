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
