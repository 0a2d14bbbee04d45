/**
 * The region the calls go to must be the instance's own for a command that runs on the host
 * (plan, apply, status, destroy, doctor): its group, contacts and agent are there. A --region
 * (or $AWS_REGION, or a bring-your-own group ARN) naming another region is caught from IMDS
 * alone, before any AWS call: otherwise AWS answers it as a credentials or clock problem.
 */
import { GsAgentConfigError, UsageError } from '../errors.ts';
import { readImdsIdentity } from '../facts/imds/imds-facts.ts';
import { regionOfArn } from '../facts/resource-ids.ts';
import type { Mission } from '../types.ts';
import { imdsFor } from './ports.ts';
import type { Runtime } from './runtime.ts';
import { assertRunRegion } from './run-region.ts';

/**
 * Before the first AWS call of plan, apply and doctor: the run's region and the mission's group
 * ARN against the instance's region. When IMDS cannot say, nothing is judged here: the command's
 * own reading of the host reports that (doctor as its checks, plan and apply as their error).
 */
export async function checkRegionOfHost(rt: Runtime, mission?: Mission): Promise<void> {
  const groupRegion = mission?.group ? regionOfArn(mission.group) : undefined;
  if (!rt.io.env.AWS_REGION && !groupRegion) return;
  let instance: { id: string; region: string };
  try {
    instance = await readImdsIdentity(imdsFor(rt));
  } catch (err) {
    if (err instanceof GsAgentConfigError) return;
    throw err;
  }
  assertRunRegion(rt, instance);
  if (groupRegion && groupRegion !== instance.region) {
    throw new UsageError(
      `${mission!.file}: group: ${mission!.group} is in ${groupRegion}, not in this host's region: this instance (${instance.id}) is in ${instance.region} (IMDS placement/region)`,
      [`name a dataflow endpoint group in ${instance.region}: the agent on this host registers there`],
    );
  }
}
