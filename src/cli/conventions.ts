/** Constants of the command line that handlers need too: kept apart from the command table, which loads the handlers. */

/** The program's name in usage lines, help and hints. */
export const PROGRAM = 'gs-agent-config';

/** Well under the boot unit's TimeoutStartSec=6min, so the unit sees our exit 5 and retries. */
export const DEFAULT_DEADLINE_SECONDS = 240;

/** Without --deadline, a longer wait raises the default to the wait plus this (the work around it): src/cli/run-clock.ts. */
export const WAIT_WORK_SECONDS = 60;

/** What main() passes for a bare `-` argument (standard input), which yargs would otherwise swallow. */
export const STDIN_ARG = '<stdin>';

/** How long a run waits for another one holding the lock (--lock-wait's default; the demo uses it too). */
export const DEFAULT_LOCK_WAIT_SECONDS = 120;
