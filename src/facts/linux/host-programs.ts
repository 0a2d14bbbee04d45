/**
 * The host programs the doctor and the facts ask (ethtool, systemctl, rpm), read-only, through
 * the one program runner (src/run-program.ts: argument arrays, a timeout within the run's
 * deadline, SIGTERM then SIGKILL, capped output) with LC_ALL=C.
 *
 * Where they come from: `GS_AGENT_CONFIG_BIN_DIR` when set (the sandbox writes stand-ins of
 * the simulated host there), else their usual absolute paths. A simulated /sys tree without a
 * bin dir runs none of them: the real programs would describe the real machine, not the
 * simulated one, so their checks say "unknown" instead.
 */
import { join } from 'node:path';
import type { RunDeadline } from '../../run-deadline.ts';
import { commandLabel, programFailure, runProgram } from '../../run-program.ts';
import type { Fact } from '../types.ts';

export type ProgramName = 'ethtool' | 'systemctl' | 'rpm' | 'journalctl';

const SYSTEM_PATHS: Record<ProgramName, string> = {
  ethtool: '/usr/sbin/ethtool',
  systemctl: '/usr/bin/systemctl',
  rpm: '/usr/bin/rpm',
  journalctl: '/usr/bin/journalctl',
};

/** A read-only question takes well under a second; a program still running after this is hung. */
export const PROGRAM_TIMEOUT_MS = 5000;

export interface ProgramOptions {
  /** Directory holding the programs (GS_AGENT_CONFIG_BIN_DIR). */
  binDir?: string;
  /** Set when no program may run, with the reason (simulated /sys without a bin dir). */
  disabled?: string;
  timeoutMs?: number;
  /** The run's deadline: no program outlives it. */
  deadline?: RunDeadline;
}

/** Bin dir from the environment; programs disabled when /sys is simulated and there is none. */
export function programOptions(env: Record<string, string | undefined>, sysRoot: string, deadline?: RunDeadline): ProgramOptions {
  const bounds = deadline ? { deadline } : {};
  const binDir = env.GS_AGENT_CONFIG_BIN_DIR || undefined;
  if (binDir) return { binDir, ...bounds };
  if (sysRoot !== '/sys') return { disabled: `not run: /sys is simulated (${sysRoot}) and GS_AGENT_CONFIG_BIN_DIR is not set` };
  return bounds;
}

export const programPath = (name: ProgramName, opts: ProgramOptions) => (opts.binDir ? join(opts.binDir, name) : SYSTEM_PATHS[name]);

/** A program that ran to its end by itself, with its whole output: its exit status is an answer to judge. */
export interface ProgramOutput {
  stdout: string;
  exitCode: number;
  /** The first line of what it said on stderr (for reasons). */
  stderrLine: string;
  /** `path arg …`, for reasons. */
  label: string;
}

/**
 * Runs `name args…`. A non-zero exit is an answer (systemctl is-active says "inactive" with
 * exit 3), for the caller to judge against what the program documents. Not started, stopped
 * at its timeout or the deadline, killed by a signal, or output past its cap: the reason.
 */
export async function runHostProgram(name: ProgramName, args: string[], opts: ProgramOptions): Promise<Fact<ProgramOutput>> {
  if (opts.disabled) return { ok: false, reason: `${name} ${opts.disabled}` };
  const file = programPath(name, opts);
  const label = commandLabel(file, args);
  const r = await runProgram({
    file,
    args,
    env: { LC_ALL: 'C', PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
    timeoutMs: opts.timeoutMs ?? PROGRAM_TIMEOUT_MS,
    deadline: opts.deadline,
  });
  const failure = programFailure(r, file, args);
  if (failure !== undefined || r.end.kind !== 'exited') return { ok: false, reason: failure ?? `${label} did not run` };
  const stderrLine = r.stderr.trim().split('\n')[0] ?? '';
  return { ok: true, value: { stdout: r.stdout, exitCode: r.end.code, stderrLine, label } };
}

/** A reason for an exit status the program does not document (a wrapper killed with 137, a crash). */
export function undocumentedExit(out: ProgramOutput, documented: readonly number[]): string {
  const said = out.stderrLine ? `: ${JSON.stringify(out.stderrLine.slice(0, 120))}` : '';
  return `${out.label} exited ${out.exitCode}, a status it does not document (${documented.join(', ')})${said}`;
}
