/**
 * The host programs of an agent upgrade (rpm, yum, dnf, systemctl) through the one program
 * runner (src/run-program.ts: argument arrays, a timeout within the run's deadline, SIGTERM then
 * SIGKILL to the program's process group, capped output), with LC_ALL=C. They come from
 * GS_AGENT_CONFIG_BIN_DIR when set (the sandbox's stand-ins), else from /usr/bin, where Amazon
 * Linux 2 and 2023 keep all four.
 */
import { join } from 'node:path';
import type { RunDeadline } from '../run-deadline.ts';
import { programFailure, runProgram } from '../run-program.ts';
import { commandLine } from '../shell-quote.ts';

export type UpgradeProgram = 'rpm' | 'yum' | 'dnf' | 'systemctl';

/** A query answers at once; a stop waits for the unit (systemd's default stop timeout is 90 s); an install unpacks tens of MiB. */
export const STEP_TIMEOUT_MS = { query: 30_000, unit: 150_000, install: 600_000 } as const;

export interface StepRunner {
  /** `path args…` as a shell line, for reports. */
  line(program: UpgradeProgram, args: readonly string[]): string;
  /** Exit code 0 → ok; anything else → the reason (exit status, first stderr line, or how it was stopped). */
  run(program: UpgradeProgram, args: readonly string[], timeoutMs: number): Promise<StepResult>;
}

export interface StepResult {
  ok: boolean;
  stdout: string;
  /** Exit code when it exited by itself. */
  code?: number;
  /** Why it failed, in one line. */
  reason?: string;
}

export function stepRunner(binDir: string | undefined, deadline?: RunDeadline): StepRunner {
  const path = (p: UpgradeProgram) => (binDir ? join(binDir, p) : `/usr/bin/${p}`);
  return {
    line: (p, args) => commandLine([path(p), ...args]),
    async run(p, args, timeoutMs) {
      const file = path(p);
      const r = await runProgram({ file, args, env: { LC_ALL: 'C', PATH: '/usr/sbin:/usr/bin:/sbin:/bin' }, timeoutMs, deadline });
      const failure = programFailure(r, file, args);
      if (failure !== undefined) return { ok: false, stdout: r.stdout, reason: failure };
      if (r.end.kind !== 'exited') return { ok: false, stdout: r.stdout, reason: `${commandLine([file, ...args])} did not run` };
      const code = r.end.code;
      if (code === 0) return { ok: true, stdout: r.stdout, code };
      const said = (r.stderr.trim().split('\n').pop() ?? '').slice(0, 200);
      return {
        ok: false,
        stdout: r.stdout,
        code,
        reason: `${commandLine([file, ...args])} exited ${code}${said ? `: ${JSON.stringify(said)}` : ''}`,
      };
    },
  };
}
