/** Runs the CLI: in-process through main(argv, io), or as a real child process through bin/. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';
import type { Io } from '../../src/cli/io.ts';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/gs-agent-config', import.meta.url));
export const example = (name: string) => fileURLToPath(new URL(`../../examples/missions/${name}`, import.meta.url));

export async function runMain(argv: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => {
      out += `${t}\n`;
    },
    err: (t) => {
      err += `${t}\n`;
    },
    env,
    isTTY: false,
    cwd: REPO,
  };
  const code = await main(argv, io);
  return { code, out, err };
}

/** A child process with exactly `env`; resolves with its exit code and output (SIGKILL after timeoutMs). */
export function spawnCollect(
  file: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: opts.cwd ?? REPO, env: opts.env ?? {}, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, out, err });
    });
  });
}

/** The real binary, with only the given environment (plus PATH). */
export function runBin(argv: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<CliResult> {
  return spawnCollect(process.execPath, [BIN, ...argv], { env: { PATH: process.env.PATH ?? '', ...env }, timeoutMs });
}
