/** fleet: every host this tool manages in the region (src/fleet/read-fleet.ts); exit 0 when all are converged and healthy, 6 otherwise. */
import { EXIT, UsageError } from '../../errors.ts';
import { readFleet } from '../../fleet/read-fleet.ts';
import { fleetJson, formatFleetReport } from '../format-fleet.ts';
import type { GlobalArgs } from '../io.ts';
import { contactsFor, ec2For, groundStationFor, ssmFor } from '../ports.ts';
import type { Runtime } from '../runtime.ts';

export interface FleetArgs extends GlobalArgs {
  mission?: string;
  wait?: number;
  pollSeconds?: number;
}

export async function runFleet(args: FleetArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  const region = io.env.AWS_REGION;
  if (!region) throw new UsageError('fleet needs a region: it reads no instance metadata', ['pass --region REGION or set AWS_REGION']);
  const outcome = await readFleet(
    { groundStation: groundStationFor(region, rt), ec2: ec2For(region, rt), contacts: contactsFor(region, rt), ssm: ssmFor(region, rt) },
    {
      ...(args.mission !== undefined && { mission: args.mission }),
      waitSeconds: args.wait ?? 0,
      pollSeconds: args.pollSeconds ?? 5,
    },
    rt.run,
  );
  if (args.json) io.out(JSON.stringify(fleetJson(outcome)));
  else if (!args.quiet) io.out(formatFleetReport(outcome));
  return outcome.ok ? EXIT.ok : EXIT.problems;
}
