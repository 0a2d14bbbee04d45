/**
 * Recording stand-ins for host programs (systemctl, aws, …): small sh scripts in a temp
 * directory, put first on PATH, that append their argument arrays to a log and then do what
 * the test asks (exit 0 by default). They let the tests check the exact argv a program got,
 * without touching the host.
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakePrograms {
  dir: string;
  /** PATH with the fakes first. */
  path: string;
  /** Every call so far, in order: [program, ...args]. */
  calls(): Promise<string[][]>;
  cleanup(): Promise<void>;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** `programs` maps a name to the shell lines run after recording (e.g. `exec node … "$@"`). */
export async function makeFakePrograms(programs: Record<string, string>): Promise<FakePrograms> {
  const dir = await mkdtemp(join(tmpdir(), 'gsac-fakes-'));
  const log = join(dir, 'calls.log');
  await writeFile(log, '');
  for (const [name, then] of Object.entries(programs)) {
    // One call per line: the program name and each argument, NUL-separated, so no
    // argument boundary is lost.
    const script = [
      '#!/bin/sh',
      `{ printf '%s' ${quote(name)}; for a in "$@"; do printf '\\0%s' "$a"; done; printf '\\n'; } >> ${quote(log)}`,
      then || 'exit 0',
      '',
    ];
    await writeFile(join(dir, name), script.join('\n'));
    await chmod(join(dir, name), 0o755);
  }
  return {
    dir,
    path: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    calls: async () =>
      (await readFile(log, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\0')),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
