/**
 * The one way the tool runs a host program (ethtool, systemctl, rpm, sysctl …): an argument
 * array (never a shell), a time limit that never reaches past the run's deadline (monotonic),
 * SIGTERM when it is up and SIGKILL after a short grace, both to the program's own process
 * group (a shell script's children go too, and with them the pipes they hold), and a cap on
 * what is read from stdout and stderr. The result says how the program ended; callers judge
 * the answer from it and never from a program's silence.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { monotonicNow, remainingMs, type RunDeadline } from './run-deadline.ts';

/** After SIGTERM, how long a program has to go before SIGKILL. */
export const KILL_GRACE_MS = 1000;
/** Per stream: no program the tool runs prints anywhere near this. */
export const MAX_OUTPUT_BYTES = 256 * 1024;
/** After the program exits, how long its output may still drain (a child it left behind may hold the pipes). */
const DRAIN_MS = 250;

export interface ProgramRequest {
  /** A path or a name looked up on the environment's PATH. */
  file: string;
  args: readonly string[];
  /** The program's whole environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** How long the program may run before SIGTERM. */
  timeoutMs: number;
  /** The run's deadline: SIGKILL lands at it at the latest (SIGTERM a grace before). */
  deadline?: RunDeadline;
  graceMs?: number;
  /** Bytes kept per stream; past it the stream is not read further and is marked cut. */
  maxOutputBytes?: number;
}

/** How the program ended. */
export type ProgramEnd =
  | { kind: 'exited'; code: number }
  /** Killed by a signal the runner did not send (an OOM kill, an operator's kill -9). */
  | { kind: 'signaled'; signal: string }
  /**
   * Stopped by the runner: its time was up (`timeout`) or the run's deadline came first
   * (`deadline`); SIGKILL when it outlived SIGTERM by the grace (or never ended at all).
   */
  | { kind: 'timed-out'; bound: 'timeout' | 'deadline'; afterMs: number; signal: 'SIGTERM' | 'SIGKILL'; graceMs: number }
  /** Never ran: it could not be started (ENOENT, EACCES …), or the run's deadline had passed (`DEADLINE`). */
  | { kind: 'not-started'; code: string; message: string };

export interface ProgramResult {
  end: ProgramEnd;
  /** What it printed, as UTF-8, up to the cap. */
  stdout: string;
  stderr: string;
  /** Past the cap: only the first `outputCap` bytes were read, the rest never. */
  stdoutCut: boolean;
  stderrCut: boolean;
  outputCap: number;
  ms: number;
}

interface Capture {
  chunks: Buffer[];
  bytes: number;
  cut: boolean;
}

function capture(stream: NodeJS.ReadableStream & { destroy(): void }, max: number): Capture {
  const c: Capture = { chunks: [], bytes: 0, cut: false };
  stream.on('data', (chunk: Buffer) => {
    if (c.cut) return;
    const room = max - c.bytes;
    if (chunk.length > room) {
      c.chunks.push(chunk.subarray(0, room));
      c.bytes = max;
      c.cut = true;
      // Stop reading: the program's next write fails (EPIPE/SIGPIPE) instead of filling memory.
      stream.destroy();
      return;
    }
    c.chunks.push(chunk);
    c.bytes += chunk.length;
  });
  stream.on('error', () => undefined); // a destroyed pipe; what was read is kept
  return c;
}

const text = (c: Capture) => Buffer.concat(c.chunks, c.bytes).toString('utf8');

/** Signals the program's process group; the group may already be gone. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** The time before SIGTERM, and which bound set it: SIGKILL, a grace later, is never past the deadline. */
function limitOf(req: ProgramRequest, grace: number): { ms: number; bound: 'timeout' | 'deadline' } {
  const left = remainingMs(req.deadline);
  return left - grace < req.timeoutMs ? { ms: Math.max(0, left - grace), bound: 'deadline' } : { ms: req.timeoutMs, bound: 'timeout' };
}

/** Runs the program to its end within its bounds. Never rejects: every way it can end is in the result. */
export function runProgram(req: ProgramRequest): Promise<ProgramResult> {
  const grace = req.graceMs ?? KILL_GRACE_MS;
  const outputCap = req.maxOutputBytes ?? MAX_OUTPUT_BYTES;
  const started = monotonicNow();
  if (remainingMs(req.deadline) <= 0) {
    const message = `the run's deadline (--deadline ${req.deadline!.seconds} s) had passed`;
    const end: ProgramEnd = { kind: 'not-started', code: 'DEADLINE', message };
    return Promise.resolve({ end, stdout: '', stderr: '', stdoutCut: false, stderrCut: false, outputCap, ms: 0 });
  }
  const limit = limitOf(req, grace);
  return new Promise((resolve) => {
    // detached: its own process group, so the signals reach whatever it started too.
    const child = spawn(req.file, [...req.args], { env: req.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const out = capture(child.stdout, outputCap);
    const err = capture(child.stderr, outputCap);
    const timers = new Set<NodeJS.Timeout>();
    const after = (ms: number, f: () => void) => timers.add(setTimeout(f, ms));
    let stoppedWith: 'SIGTERM' | 'SIGKILL' | undefined;
    let end: ProgramEnd | undefined;
    let done = false;
    const finish = () => {
      if (done || !end) return;
      done = true;
      timers.forEach(clearTimeout);
      child.stdout.destroy();
      child.stderr.destroy();
      child.unref();
      resolve({
        end,
        stdout: text(out),
        stderr: text(err),
        stdoutCut: out.cut,
        stderrCut: err.cut,
        outputCap,
        ms: monotonicNow() - started,
      });
    };
    const timedOut = (): ProgramEnd => ({ kind: 'timed-out', bound: limit.bound, afterMs: limit.ms, signal: stoppedWith!, graceMs: grace });
    after(limit.ms, () => {
      stoppedWith = 'SIGTERM';
      signalGroup(child, 'SIGTERM');
      after(grace, () => {
        stoppedWith = 'SIGKILL';
        signalGroup(child, 'SIGKILL');
        // A process stuck in the kernel outlives even SIGKILL: it is left behind, not waited for.
        after(DRAIN_MS, () => {
          end ??= timedOut();
          finish();
        });
      });
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      // Only a failed start reaches here (the pipes' own errors are handled where they are read).
      end ??= { kind: 'not-started', code: e.code ?? 'ERROR', message: e.message };
      finish();
    });
    child.on('exit', (code, signal) => {
      if (stoppedWith) end = timedOut();
      else if (signal) end = { kind: 'signaled', signal };
      else end = { kind: 'exited', code: code ?? -1 };
      // Output still in the pipes is read; a child it left holding them is not waited for.
      after(DRAIN_MS, finish);
    });
    child.on('close', finish);
  });
}

/** `file arg …` for messages. */
export const commandLabel = (file: string, args: readonly string[]) => [file, ...args].join(' ');

/**
 * Why a program's answer cannot be used, in one line naming it; undefined when it exited by
 * itself with its whole stdout (its exit status is then the caller's to judge).
 */
export function programFailure(r: ProgramResult, file: string, args: readonly string[]): string | undefined {
  const label = commandLabel(file, args);
  const e = r.end;
  switch (e.kind) {
    case 'not-started':
      if (e.code === 'ENOENT') return `${file} not found`;
      if (e.code === 'DEADLINE') return `${label} not run: ${e.message}`;
      return `${label} could not start (${e.code})`;
    case 'timed-out': {
      const when = e.bound === 'deadline' ? "at the run's deadline" : `after ${Math.round(e.afterMs / 100) / 10} s`;
      return e.signal === 'SIGTERM'
        ? `${label} did not finish (SIGTERM) ${when}`
        : `${label} did not finish (SIGKILL) ${when}: it ignored SIGTERM for ${e.graceMs / 1000} s`;
    }
    case 'signaled':
    case 'exited':
      // A cut comes first: the SIGPIPE or failed write that usually ends such a program is the cut's doing.
      if (r.stdoutCut) return `${label} printed more than ${r.outputCap} bytes: its output was cut there`;
      return e.kind === 'signaled' ? `${label} was killed by ${e.signal}` : undefined;
  }
}
