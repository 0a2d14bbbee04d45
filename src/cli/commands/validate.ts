import type { Mission } from '../../types.ts';
import { UsageError } from '../../errors.ts';
import { MAX_MISSION_BYTES, parseMission } from '../../mission/parse-mission.ts';
import { readMission } from '../../mission/read-mission.ts';
import { STDIN_ARG } from '../check-args.ts';
import type { GlobalArgs, Io } from '../io.ts';


/** `-` is standard input (`gs-agent-config validate - < mission.yaml`, or from a pipe). */
async function readMissionArg(file: string, io: Io): Promise<{ mission: Mission; name: string }> {
  if (file !== STDIN_ARG) return { mission: await readMission(file), name: file };
  if (!io.readStdin) throw new UsageError('validate -: standard input is not available here', ['pass the mission file path instead']);
  return { mission: parseMission(await io.readStdin(MAX_MISSION_BYTES), STDIN_ARG), name: STDIN_ARG };
}

export async function runValidate(args: GlobalArgs & { mission: string }, io: Io): Promise<number> {
  const { mission, name } = await readMissionArg(args.mission, io);
  if (args.json) io.out(JSON.stringify({ valid: true, mission }));
  else if (!args.quiet) io.out(`ok: ${name} is a valid mission (${mission.name}, ${mission.dataflows.length} dataflow${mission.dataflows.length === 1 ? '' : 's'})`);
  return 0;
}
