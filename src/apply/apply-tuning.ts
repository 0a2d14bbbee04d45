/**
 * `apply --apply-tuning`: make the tuning files live now instead of at the next boot. Only on
 * the real host (`--root /`): the sysctl drop-in is loaded, systemd re-reads the unit when it
 * changed, the unit is enabled for every boot and run now. Argument arrays through the one
 * program runner (src/run-program.ts), never a shell; the runner is injectable so tests never
 * touch the host.
 */
import { SYSCTL_PATH, TUNING_UNIT_PATH } from '../host-paths.ts';
import type { RunDeadline } from '../run-deadline.ts';
import { programFailure, runProgram } from '../run-program.ts';
import type { FileChange } from './file-changes.ts';

/** Runs one program with its arguments; rejects when it cannot start, is stopped or exits non-zero. */
export type CommandRunner = (file: string, args: string[]) => Promise<void>;

export const TUNING_UNIT = 'gs-agent-config-tuning.service';
/** set_irq_affinity.sh walks every IRQ; generous, but a hung systemctl must not hang apply forever. */
const COMMAND_TIMEOUT_MS = 120_000;

/**
 * A runner over the program runner: SIGTERM at the timeout or a grace before the run's deadline,
 * SIGKILL a grace later, output capped. The error names the command and says what it said on
 * stderr (or how it ended). `timeoutMs` is the per-command bound.
 */
export function programRunner(o: { env?: NodeJS.ProcessEnv; deadline?: RunDeadline; timeoutMs: number }): CommandRunner {
  return async (file, args) => {
    const r = await runProgram({ file, args, env: o.env ?? process.env, timeoutMs: o.timeoutMs, deadline: o.deadline });
    const e = r.end;
    // A program that cannot start says its errno (ENOENT, EACCES): the operator's PATH or install is at fault.
    const failure =
      e.kind === 'not-started' && e.code !== 'DEADLINE' ? `${file} could not start (${e.code})` : programFailure(r, file, args);
    if (failure !== undefined) throw Object.assign(new Error(failure), { stderr: r.stderr });
    if (r.end.kind === 'exited' && r.end.code !== 0) {
      const said = r.stderr.trim().split('\n')[0];
      throw Object.assign(new Error(`${[file, ...args].join(' ')} exited ${r.end.code}${said ? `: ${said}` : ''}`), {
        stderr: r.stderr,
        code: r.end.code,
      });
    }
  };
}

/** The real runner. `env` replaces the process environment (tests put fake programs on PATH). */
export function execFileRunner(env: NodeJS.ProcessEnv = process.env, deadline?: RunDeadline): CommandRunner {
  return programRunner({ env, deadline, timeoutMs: COMMAND_TIMEOUT_MS });
}

export interface TuningReport {
  /** Commands that ran and succeeded, in order, each as its argument array. */
  ran: string[][];
  /** The command that failed (later ones are not run) and why. */
  failed?: { command: string[]; error: string };
  /** Why nothing ran (another --root). */
  skipped?: string;
}

/**
 * What to run for the files apply rendered. The unit is restarted when it changed (a oneshot
 * with RemainAfterExit stays "active", so start alone would not re-run it) and started
 * otherwise (a no-op when it already ran this boot).
 */
export function planTuningCommands(files: FileChange[]): string[][] {
  const commands: string[][] = [];
  if (files.some((f) => f.path === SYSCTL_PATH)) commands.push(['sysctl', '-p', SYSCTL_PATH]);
  const unit = files.find((f) => f.path === TUNING_UNIT_PATH);
  if (unit) {
    if (unit.changed) commands.push(['systemctl', 'daemon-reload']);
    commands.push(['systemctl', 'enable', TUNING_UNIT]);
    commands.push(['systemctl', unit.changed ? 'restart' : 'start', TUNING_UNIT]);
  }
  return commands;
}

/** What the program said on stderr when it exited non-zero; else how it ended (stopped, killed, not found). */
function firstLine(err: unknown): string {
  const e = err as { stderr?: string; message?: string; code?: string | number };
  const said = typeof e.code === 'number' && e.stderr ? String(e.stderr).trim() : '';
  return (said || e.message || String(err)).split('\n')[0];
}

/** Runs the tuning commands in order and stops at the first failure (later ones depend on it). */
export async function applyTuning(root: string, files: FileChange[], runner: CommandRunner = execFileRunner()): Promise<TuningReport> {
  if (root !== '/') {
    return { ran: [], skipped: `--root ${root} is not /: the live host is not touched (files take effect at its next boot)` };
  }
  const ran: string[][] = [];
  for (const command of planTuningCommands(files)) {
    try {
      await runner(command[0], command.slice(1));
    } catch (err) {
      return { ran, failed: { command, error: firstLine(err) } };
    }
    ran.push(command);
  }
  return { ran };
}
