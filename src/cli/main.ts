/**
 * Entry point: parse, dispatch, map every error to one message and an exit code.
 * Returns the exit code; only bin/ sets process.exitCode.
 */
import { existsSync, statSync } from 'node:fs';
import { display } from '../display.ts';
import { UsageError } from '../errors.ts';
import { createProgress } from '../progress.ts';
import { createRunContext } from '../run-context.ts';
import { processIo, type Io } from './io.ts';
import { STDIN_ARG, checkArgs } from './check-args.ts';
import { DEFAULT_DEADLINE_SECONDS } from './command-table.ts';
import { jsonText } from './json-text.ts';
import { formatError } from './print-error.ts';
import { checkRunProfile } from './profile-credentials.ts';
import { readCommandLine } from './read-command-line.ts';
import { runDeadlineFor } from './run-clock.ts';
import { createRuntime } from './runtime.ts';
import { whereaboutsOf } from './tool-command.ts';

/** `--root /some/file` is the operator's slip, not a bug: say so before any command runs. */
function checkRootDir(root: string): void {
  if (root === '/' || !existsSync(root) || statSync(root).isDirectory()) return;
  throw new UsageError(`--root ${root} is not a directory`, ['pass a directory (it is created when missing), or / for the real host']);
}

/**
 * yargs reads a bare `-` positional as an empty flag; `validate -` means standard input, so a
 * `-` that is not a flag's value is passed on as STDIN_ARG.
 */
function withStdinArg(argv: string[]): string[] {
  return argv.map((a, i) => (a === '-' && (i === 0 || !argv[i - 1].startsWith('-')) ? STDIN_ARG : a));
}

/**
 * --region and --profile as the AWS CLI has them: the flag wins over the environment, and a
 * --profile wins over static keys in the environment (as `aws --profile` does).
 */
function withAwsFlags(args: Record<string, unknown>, io: Io): Io {
  if (typeof args.region !== 'string' && typeof args.profile !== 'string') return io;
  const env = { ...io.env };
  if (typeof args.region === 'string') env.AWS_REGION = env.AWS_DEFAULT_REGION = args.region;
  if (typeof args.profile === 'string') {
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) delete env[k];
    env.AWS_PROFILE = args.profile;
  }
  return { ...io, env };
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const debug = argv.includes('--debug');
  const json = argv.includes('--json');
  try {
    const read = await readCommandLine(withStdinArg(argv));
    if ('output' in read) {
      io.out(read.output);
      return 0;
    }
    const { command, args } = read;
    checkArgs(command, args, argv);
    // Before the default --root: hints repeat only what was given (an explicit `--root /` too).
    const where = whereaboutsOf(args);
    // No yargs default for --root: a bare `--root` must reach checkArgs as "", not as "/".
    args.root ??= '/';
    // Before the default is filled in: a --deadline given is never raised for a wait (run-clock.ts).
    const deadline = runDeadlineFor(command.name, args);
    args.deadline ??= deadline?.seconds ?? DEFAULT_DEADLINE_SECONDS;
    checkRootDir(String(args.root));
    const run = createRunContext({
      deadline,
      wallClock: io.wallClock,
      // Progress lines name contacts, groups and calls: escaped as they are shown.
      progress: createProgress(
        io.errIsTTY && !args.json && !args.quiet ? (line) => io.err(display(line)) : undefined,
        undefined,
        // Off a terminal (a journal, SSM's output): a wait says what it waits for, then once a minute.
        !io.errIsTTY && !args.quiet ? (line) => io.err(`gs-agent-config: ${display(line)}`) : undefined,
      ),
    });
    const runIo = withAwsFlags(args, io);
    // A --profile that does not exist: exit 2 before any call, as `aws --profile` does.
    if (command.shows.includes('aws')) checkRunProfile(runIo.env, where.profile !== undefined);
    return await command.run(args, createRuntime(runIo, run, where));
  } catch (err) {
    const printed = formatError(err, debug);
    if (json) io.out(jsonText(printed.json));
    io.err(printed.text);
    return printed.exitCode;
  }
}
