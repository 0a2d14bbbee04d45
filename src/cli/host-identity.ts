/** The instance id and region from IMDS alone (no /sys, no EC2): enough for status and destroy. */
import type { Runtime } from './runtime.ts';
import { HostFactsError } from '../errors.ts';
import { imdsFor } from './ports.ts';

export interface HostIdentity { instanceId: string; region: string }

/** Through the run's shared IMDS client: the same token serves the instance role's credentials. */
export async function readHostIdentity(rt: Runtime): Promise<HostIdentity> {
  const { io } = rt;
  const imds = imdsFor(rt);
  const [instanceId, region] = await Promise.all([imds.get('meta-data/instance-id'), imds.get('meta-data/placement/region')]);
  if (!instanceId || !region) throw new HostFactsError(`IMDS at ${imds.endpoint} did not give the instance id and region`);
  return { instanceId, region: io.env.AWS_REGION || region };
}
