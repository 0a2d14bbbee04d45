import type { Mission } from '../../types.ts';
import type { Runtime } from '../runtime.ts';
import type { MissionInput } from '../../mission/validate-schema.ts';
import { display } from '../../display.ts';
import { UsageError } from '../../errors.ts';
import { MAX_MISSION_BYTES, parseMissionDocument } from '../../mission/parse-mission.ts';
import { readMissionDocument } from '../../mission/read-mission.ts';
import { STDIN_ARG } from '../conventions.ts';
import type { GlobalArgs, Io } from '../io.ts';
import { jsonText } from '../json-text.ts';

interface Read {
  mission: Mission;
  input: MissionInput;
  name: string;
}

/** `-` is standard input (`gs-agent-config validate - < mission.yaml`, or from a pipe). */
async function readMissionArg(file: string, io: Io): Promise<Read> {
  if (file !== STDIN_ARG) return { ...(await readMissionDocument(file)), name: file };
  if (!io.readStdin) throw new UsageError('validate -: standard input is not available here', ['pass the mission file path instead']);
  return { ...parseMissionDocument(await io.readStdin(MAX_MISSION_BYTES), STDIN_ARG), name: STDIN_ARG };
}

export async function runValidate(args: GlobalArgs & { mission: string }, rt: Runtime): Promise<number> {
  const { io } = rt;
  const { mission, input, name } = await readMissionArg(args.mission, io);
  // JSON: the mission as written, with the file's own field names (deliverTo, localMtu …).
  if (args.json) io.out(jsonText({ valid: true, file: name, name: mission.name, dataflows: mission.dataflows.length, mission: input }));
  else if (!args.quiet)
    io.out(
      display(
        `ok: ${name} is a valid mission (${mission.name}, ${mission.dataflows.length} dataflow${mission.dataflows.length === 1 ? '' : 's'})`,
      ),
    );
  return 0;
}
