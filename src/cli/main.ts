/**
 * Entry point: parse, dispatch, map every error to one message and an exit code.
 * Returns the exit code; only bin/ sets process.exitCode.
 */
import { existsSync, statSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import { createProgress } from '../progress.ts';
import { createRunContext } from '../run-context.ts';
import { processIo, type GlobalArgs, type Io } from './io.ts';
import { STDIN_ARG, checkArgs } from './check-args.ts';
import { DEFAULT_DEADLINE_SECONDS, buildParser } from './parser.ts';
import { formatError } from './print-error.ts';
import { runDeadlineFor } from './run-clock.ts';
import { createRuntime, type Runtime } from './runtime.ts';
import { commandsInHelp, explainParseError, optionsInHelp } from './usage-hints.ts';

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

type Args = GlobalArgs & Record<string, unknown> & { _: (string | number)[] };

function parse(argv: string[]): Promise<{ args?: Args; output: string; error?: Error }> {
  return new Promise((resolve) => {
    buildParser().parse(argv, {}, (error: Error | undefined, args: unknown, output: string) => {
      resolve({ args: args as Args, output, error: error ?? undefined });
    });
  });
}

/** yargs' error, explained (did you mean, missing argument, an option of another command). */
async function parseError(error: Error, args: Args | undefined, argv: string[], output: string): Promise<UsageError> {
  const first = args?._?.[0] === undefined ? undefined : String(args._[0]);
  const commands = commandsInHelp((await parse(['--help'])).output);
  const others: Record<string, string[]> = {};
  if (/^Unknown argument/.test(error.message)) {
    for (const c of commands.filter((x) => x !== first)) others[c] = optionsInHelp((await parse([c, '--help'])).output);
  }
  return explainParseError(error.message, argv, first, commands, output, others);
}

async function dispatch(command: string, args: Args, rt: Runtime): Promise<number> {
  const a = args as never;
  switch (command) {
    case 'validate': return (await import('./commands/validate.ts')).runValidate(a, rt);
    case 'facts': return (await import('./commands/facts.ts')).runFacts(a, rt);
    case 'plan': return (await import('./commands/plan.ts')).runPlan(a, rt);
    case 'apply': return (await import('./commands/apply.ts')).runApply(a, rt);
    case 'sandbox': return (await import('./commands/sandbox.ts')).runSandbox(a, rt);
    case 'demo': return (await import('./commands/demo.ts')).runDemo(a, rt);
    case 'status': return (await import('./commands/status.ts')).runStatus(a, rt);
    case 'destroy': return (await import('./commands/destroy.ts')).runDestroy(a, rt);
    case 'doctor': return (await import('./commands/doctor.ts')).runDoctor(a, rt);
    case 'iam-policy': return (await import('./commands/iam-policy.ts')).runIamPolicy(a, rt);
    case 'export': return (await import('./commands/export.ts')).runExport(a, rt);
    case 'check-template': return (await import('./commands/check-template.ts')).runCheckTemplate(a, rt);
    default: throw new UsageError(`unknown command ${JSON.stringify(command)}`, ['see gs-agent-config --help']);
  }
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const debug = argv.includes('--debug');
  const json = argv.includes('--json');
  try {
    const { args, output, error } = await parse(withStdinArg(argv));
    if (error) throw await parseError(error, args, argv, output);
    if (output) {
      io.out(output);
      return 0;
    }
    checkArgs(args!, argv);
    // No yargs default for --root: a bare `--root` must reach checkArgs as "", not as "/".
    args!.root ??= '/';
    args!.deadline ??= DEFAULT_DEADLINE_SECONDS;
    checkRootDir(args!.root);
    const command = String(args!._[0]);
    const run = createRunContext({
      deadline: runDeadlineFor(command, args!),
      progress: createProgress(io.errIsTTY && !args!.json && !args!.quiet ? (line) => io.err(line) : undefined),
    });
    return await dispatch(command, args!, createRuntime(withAwsFlags(args!, io), run));
  } catch (err) {
    const printed = formatError(err, debug);
    if (json) io.out(JSON.stringify(printed.json));
    io.err(printed.text);
    return printed.exitCode;
  }
}
