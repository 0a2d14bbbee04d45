/** iam-policy: the least-privilege policy for the tool's own API calls, as JSON. */
import { buildIamPolicy } from '../../aws/iam-policy.ts';
import type { GlobalArgs, Io } from '../io.ts';

export async function runIamPolicy(_args: GlobalArgs, io: Io): Promise<number> {
  io.out(JSON.stringify(buildIamPolicy(), null, 2));
  return 0;
}
