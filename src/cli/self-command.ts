/**
 * How to run this program again, for the commands the demo prints to be pasted. From the
 * sources: bin/gs-agent-config (the package's `bin`) relative to the working directory, which
 * works right after `npm ci`, where a bare `gs-agent-config` is on no PATH. The bundle and the
 * single executable replace this module (scripts/build.mjs): they are installed as
 * `gs-agent-config` on the PATH (README "Run at boot") and carry no examples directory.
 */
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shellQuote } from '../shell-quote.ts';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `path` as typed in `cwd`: relative when below it, else absolute; always with a slash, so no PATH search. */
function pathFrom(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  if (rel.startsWith('..') || isAbsolute(rel)) return shellQuote(path);
  return shellQuote(rel.includes('/') ? rel : `./${rel}`);
}

/** The command that starts this program, as a shell word for `cwd`. */
export function selfCommand(cwd: string): string {
  return pathFrom(cwd, join(PACKAGE_ROOT, 'bin', 'gs-agent-config'));
}

/** An example mission file to try commands on, from `cwd`; undefined where none ships. */
export function exampleMissionFile(cwd: string): string | undefined {
  return pathFrom(cwd, join(PACKAGE_ROOT, 'examples', 'missions', 'uplink-and-downlink.yaml'));
}
