/**
 * The host programs the doctor asks (ethtool, systemctl, rpm), run read-only through
 * execFile with an argument array (never a shell), a timeout, an output cap and LC_ALL=C.
 *
 * Where they come from: `GS_AGENT_CONFIG_BIN_DIR` when set (the sandbox writes stand-ins of
 * the simulated host there), else their usual absolute paths. A simulated /sys tree without a
 * bin dir runs none of them: the real programs would describe the real machine, not the
 * simulated one, so their checks say "unknown" instead.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Fact } from '../types.ts';

export type ProgramName = 'ethtool' | 'systemctl' | 'rpm';

const SYSTEM_PATHS: Record<ProgramName, string> = { ethtool: '/usr/sbin/ethtool', systemctl: '/usr/bin/systemctl', rpm: '/usr/bin/rpm' };

export interface ProgramOptions {
  /** Directory holding the programs (GS_AGENT_CONFIG_BIN_DIR). */
  binDir?: string;
  /** Set when no program may run, with the reason (simulated /sys without a bin dir). */
  disabled?: string;
  timeoutMs?: number;
}

/** Bin dir from the environment; programs disabled when /sys is simulated and there is none. */
export function programOptions(env: Record<string, string | undefined>, sysRoot: string): ProgramOptions {
  const binDir = env.GS_AGENT_CONFIG_BIN_DIR || undefined;
  if (binDir) return { binDir };
  if (sysRoot !== '/sys') return { disabled: `not run: /sys is simulated (${sysRoot}) and GS_AGENT_CONFIG_BIN_DIR is not set` };
  return {};
}

export const programPath = (name: ProgramName, opts: ProgramOptions) => (opts.binDir ? join(opts.binDir, name) : SYSTEM_PATHS[name]);

export interface ProgramOutput {
  stdout: string;
  exitCode: number;
}

/**
 * Runs `name args…`; a non-zero exit is an answer (systemctl is-active says "inactive" with
 * exit 3), not a failure. Missing program, timeout or a signal give the reason.
 */
export function runProgram(name: ProgramName, args: string[], opts: ProgramOptions): Promise<Fact<ProgramOutput>> {
  if (opts.disabled) return Promise.resolve({ ok: false, reason: `${name} ${opts.disabled}` });
  const file = programPath(name, opts);
  const label = `${file} ${args.join(' ')}`;
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        timeout: opts.timeoutMs ?? 5000,
        maxBuffer: 256 * 1024,
        env: { LC_ALL: 'C', PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
        windowsHide: true,
      },
      (err, stdout) => {
        if (!err) return resolve({ ok: true, value: { stdout, exitCode: 0 } });
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: number | string };
        if (e.code === 'ENOENT') return resolve({ ok: false, reason: `${file} not found` });
        if (e.killed || e.signal) return resolve({ ok: false, reason: `${label} did not finish (${e.signal ?? 'timeout'})` });
        if (typeof e.code === 'number') return resolve({ ok: true, value: { stdout, exitCode: e.code } });
        resolve({ ok: false, reason: `${label} failed (${e.code ?? e.message})` });
      },
    );
  });
}
