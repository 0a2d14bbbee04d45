/** iam-policy: the least-privilege policy for the tool's own API calls, as JSON. */
import type { Runtime } from '../runtime.ts';
import { buildIamPolicy } from '../../aws/iam-policy.ts';
import type { GlobalArgs } from '../io.ts';

export async function runIamPolicy(_args: GlobalArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  io.out(JSON.stringify(buildIamPolicy(), null, 2));
  return 0;
}
