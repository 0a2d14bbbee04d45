/** The run's region (--region, $AWS_REGION) against the instance's own, for the commands that run on the host. */
import { UsageError } from '../errors.ts';
import type { Runtime } from './runtime.ts';

/** Throws exit 2 when the run's region (--region or $AWS_REGION) is not `instance`'s, naming both. */
export function assertRunRegion(rt: Runtime, instance: { id: string; region: string }): void {
  const override = rt.io.env.AWS_REGION;
  if (!override || override === instance.region) return;
  const flag = rt.where.region !== undefined;
  throw new UsageError(
    `${flag ? `--region ${override}` : `AWS_REGION=${override}`} is not this host's region: this instance (${instance.id}) is in ${instance.region} (IMDS placement/region)`,
    [
      flag
        ? `leave --region out (the instance's region is the default), or pass --region ${instance.region}`
        : `unset AWS_REGION, or set it to ${instance.region}`,
    ],
  );
}
