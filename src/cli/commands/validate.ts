import { readMission } from '../../mission/read-mission.ts';
import type { GlobalArgs, Io } from '../io.ts';

export async function runValidate(args: GlobalArgs & { mission: string }, io: Io): Promise<number> {
  const mission = await readMission(args.mission);
  if (args.json) io.out(JSON.stringify({ valid: true, mission }));
  else if (!args.quiet) io.out(`ok: ${args.mission} is a valid mission (${mission.name}, ${mission.dataflows.length} dataflow${mission.dataflows.length === 1 ? '' : 's'})`);
  return 0;
}
