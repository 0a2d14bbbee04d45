/** The instance id and region from IMDS alone (no /sys, no EC2): enough for status and destroy. */
import { HostFactsError } from '../../errors.ts';
import type { ImdsClient } from './imds.ts';

export interface HostIdentity {
  instanceId: string;
  region: string;
}

/** `regionOverride` (AWS_REGION) wins over the instance's own region. */
export async function readHostIdentity(imds: ImdsClient, regionOverride?: string): Promise<HostIdentity> {
  const [instanceId, region] = await Promise.all([imds.get('meta-data/instance-id'), imds.get('meta-data/placement/region')]);
  if (!instanceId || !region) throw new HostFactsError(`IMDS at ${imds.endpoint} did not give the instance id and region`);
  return { instanceId, region: regionOverride || region };
}
