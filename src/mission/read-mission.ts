/**
 * Read a mission file from disk and parse it. Refuses what is not a regular file or is over
 * 1 MiB before reading it; every failure is a MissionInvalidError (exit 2), never a stack.
 */
import { open } from 'node:fs/promises';
import type { Mission } from '../types.ts';
import { MissionInvalidError } from '../errors.ts';
import { MAX_MISSION_BYTES, parseMission, parseMissionDocument } from './parse-mission.ts';
import type { MissionInput } from './validate-schema.ts';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file (a part of the path is not a directory)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
};

export async function readMission(file: string): Promise<Mission> {
  return parseMission(await readMissionBytes(file), file);
}

/** readMission, plus the mission as written (for validate --json). */
export async function readMissionDocument(file: string): Promise<{ mission: Mission; input: MissionInput }> {
  return parseMissionDocument(await readMissionBytes(file), file);
}

async function readMissionBytes(file: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(file, 'r');
    const stat = await handle.stat();
    if (stat.isDirectory()) throw cannotRead(file, 'it is a directory');
    if (!stat.isFile()) throw cannotRead(file, 'it is not a regular file');
    if (stat.size > MAX_MISSION_BYTES) {
      throw cannotRead(file, `the file is ${stat.size} bytes; a mission file may be at most ${MAX_MISSION_BYTES} bytes (1 MiB)`);
    }
    return await handle.readFile();
  } catch (e) {
    if (e instanceof MissionInvalidError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw cannotRead(file, REASONS[code] ?? (code || String(e)), e);
  } finally {
    await handle?.close();
  }
}

function cannotRead(file: string, reason: string, cause?: unknown): MissionInvalidError {
  return new MissionInvalidError(`cannot read mission file ${file}: ${reason}`, [], { cause });
}
