/** outputs.json: what a mission profile's DataflowEndpointConfig needs, ready to paste. */
import type { GroupState, Plan } from '../types.ts';
import { writeFileIfChanged } from './atomic-write.ts';
import { OUTPUTS_PATH, underRoot } from '../host-paths.ts';

export interface Outputs {
  dataflowEndpointGroupId: string;
  dataflowEndpointGroupArn: string;
  region: string;
  endpoints: { downlink: string[]; uplink: string[] };
  dataflowEndpointConfigs: Array<{ dataflowEndpointName: string; dataflowEndpointRegion: string }>;
  /** Per mission `profiles:` entry: the DataflowEndpointConfigs of that mission profile (absent without profiles). */
  profiles?: Array<{
    name: string;
    missionProfile?: string;
    dataflowEndpointConfigs: Array<{ dataflowEndpointName: string; dataflowEndpointRegion: string }>;
  }>;
}

export function buildOutputs(plan: Plan, group: Pick<GroupState, 'id' | 'arn'>): Outputs {
  const names = (d: 'downlink' | 'uplink') => plan.endpoints.filter((e) => e.direction === d).map((e) => e.name);
  return {
    dataflowEndpointGroupId: group.id,
    dataflowEndpointGroupArn: group.arn,
    region: plan.region,
    endpoints: { downlink: names('downlink'), uplink: names('uplink') },
    dataflowEndpointConfigs: plan.endpoints.map((e) => ({ dataflowEndpointName: e.name, dataflowEndpointRegion: plan.region })),
    ...(plan.profiles && {
      profiles: plan.profiles.map((p) => ({
        name: p.name,
        ...(p.missionProfile !== undefined && { missionProfile: p.missionProfile }),
        dataflowEndpointConfigs: p.endpointNames.map((n) => ({ dataflowEndpointName: n, dataflowEndpointRegion: plan.region })),
      })),
    }),
  };
}

export async function writeOutputs(root: string, plan: Plan, group: Pick<GroupState, 'id' | 'arn'>): Promise<void> {
  await writeFileIfChanged(underRoot(root, OUTPUTS_PATH), `${JSON.stringify(buildOutputs(plan, group), null, 2)}\n`, 0o644);
}
