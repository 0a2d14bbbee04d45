/** Which of a set of instance ids still exist (not terminated), for finding orphaned groups. */
import { mapAwsError } from '../aws/map-aws-error.ts';
import { TransientError } from '../errors.ts';
import { withClient, type Ec2FactsOptions } from './ec2.ts';
import { factReader } from './fact-value.ts';
import { parseString } from './parse-values.ts';

/** Far more pages than any filter on a few instance ids gives: past it, or on a repeated token, EC2 is looping. */
const MAX_PAGES = 100;

function looping(why: string): TransientError {
  return new TransientError(`EC2 DescribeInstances pagination ${why}; stopped`, ['the run is retried at the next start']);
}

export async function readLiveInstanceIds(opts: Ec2FactsOptions, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  try {
    return await withClient(opts, async (sdk, client) => {
      // A filter, not InstanceIds: one unknown id would fail the whole call with InvalidInstanceID.NotFound.
      const live = new Set<string>();
      const read = factReader('EC2 DescribeInstances', 'aws ec2 describe-instances --filters Name=instance-id,Values=<id>');
      const tokens = new Set<string>();
      let NextToken: string | undefined;
      do {
        if (tokens.size >= MAX_PAGES) throw looping(`went past ${MAX_PAGES} pages`);
        const out = await client.send(new sdk.DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: ids }], NextToken }));
        for (const r of out.Reservations ?? []) {
          for (const i of r.Instances ?? []) {
            const id = i.InstanceId === undefined ? undefined : read('InstanceId', i.InstanceId, (v) => parseString('instanceId', v));
            if (id && i.State?.Name !== 'terminated') live.add(id);
          }
        }
        NextToken = out.NextToken || undefined;
        if (NextToken !== undefined && tokens.has(NextToken)) throw looping('served the same NextToken twice');
        if (NextToken !== undefined) tokens.add(NextToken);
      } while (NextToken);
      return live;
    });
  } catch (err) {
    throw mapAwsError('DescribeInstances', err);
  }
}
