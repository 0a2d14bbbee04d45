/** iam-policy: the least-privilege policy for the tool's own API calls, as JSON. */
import type { Runtime } from '../runtime.ts';
import { buildFleetViewerPolicy, buildIamPolicy } from '../../aws/iam-policy.ts';
import type { GlobalArgs } from '../io.ts';
import { jsonText } from '../json-text.ts';

export async function runIamPolicy(args: GlobalArgs & { fleet?: boolean }, rt: Runtime): Promise<number> {
  const { io } = rt;
  io.out(jsonText(args.fleet ? buildFleetViewerPolicy() : buildIamPolicy(), 2));
  return 0;
}
