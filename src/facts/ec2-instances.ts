/** Which of a set of instance ids still exist (not terminated), for finding orphaned groups. */
import { mapAwsError } from '../aws/map-aws-error.ts';
import { withClient, type Ec2FactsOptions } from './ec2.ts';

export async function readLiveInstanceIds(opts: Ec2FactsOptions, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  try {
    return await withClient(opts, async (sdk, client) => {
      // A filter, not InstanceIds: one unknown id would fail the whole call with InvalidInstanceID.NotFound.
      const live = new Set<string>();
      let NextToken: string | undefined;
      do {
        const out = await client.send(new sdk.DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: ids }], NextToken }));
        for (const r of out.Reservations ?? []) {
          for (const i of r.Instances ?? []) if (i.InstanceId && i.State?.Name !== 'terminated') live.add(i.InstanceId);
        }
        NextToken = out.NextToken;
      } while (NextToken);
      return live;
    });
  } catch (err) {
    throw mapAwsError('DescribeInstances', err);
  }
}
