/**
 * `apply --apply-tuning`: make the tuning files live now instead of at the next boot. Only on
 * the real host (`--root /`): the sysctl drop-in is loaded, systemd re-reads the unit when it
 * changed, the unit is enabled for every boot and run now. Argument arrays through execFile,
 * never a shell; the runner is injectable so tests never touch the host.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SYSCTL_PATH, TUNING_UNIT_PATH } from '../host-paths.ts';
import type { FileChange } from './file-changes.ts';

/** Runs one program with its arguments; rejects when it cannot start or exits non-zero. */
export type CommandRunner = (file: string, args: string[]) => Promise<void>;

export const TUNING_UNIT = 'gs-agent-config-tuning.service';
/** set_irq_affinity.sh walks every IRQ; generous, but a hung systemctl must not hang apply forever. */
const COMMAND_TIMEOUT_MS = 120_000;

/** The real runner. `env` replaces the process environment (tests put fake programs on PATH). */
export function execFileRunner(env: NodeJS.ProcessEnv = process.env): CommandRunner {
  const run = promisify(execFile);
  return async (file, args) => {
    await run(file, args, { env, timeout: COMMAND_TIMEOUT_MS });
  };
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

function firstLine(err: unknown): string {
  const e = err as { stderr?: string; message?: string; code?: string | number };
  const text = (e.stderr && String(e.stderr).trim()) || e.message || String(err);
  return text.split('\n')[0];
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
