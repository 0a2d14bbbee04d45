/** iam-policy: the least-privilege policy for the tool's own API calls, as JSON. */
import type { Runtime } from '../runtime.ts';
import { buildIamPolicy } from '../../aws/iam-policy.ts';
import type { GlobalArgs } from '../io.ts';
import { jsonText } from '../json-text.ts';

export async function runIamPolicy(_args: GlobalArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  io.out(jsonText(buildIamPolicy(), 2));
  return 0;
}
