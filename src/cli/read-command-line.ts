/**
 * argv → the command to run and its arguments, or the help or version text that was asked
 * for. Values are read by yargs (buildArgsParser), checked against the command table
 * (checkCommandLine); help and version are printed by the help parser, from the same table.
 */
import type { Argv } from 'yargs';
import { UsageError } from '../errors.ts';
import type { Command, ParsedArgs } from './command-spec.ts';
import { SEE_HELP, checkCommandLine } from './check-command-line.ts';
import { commandNamed } from './command-table.ts';
import { buildArgsParser, buildParser } from './parser.ts';

export type CommandLine = { output: string } | { command: Command; args: ParsedArgs };

function parse(parser: Argv, argv: string[]): Promise<{ args: ParsedArgs; output: string; error?: Error }> {
  return new Promise((resolve) => {
    void parser.parse(argv, {}, (error: Error | undefined, args: unknown, output: string) => {
      resolve({ args: args as ParsedArgs, output, error: error ?? undefined });
    });
  });
}

/**
 * yargs prints help for --help or -h anywhere, and for `help` as the last positional
 * (`gs-agent-config apply help`); version for --version. The help parser decides; this only
 * says when to ask it.
 */
function asksForHelp(args: ParsedArgs): boolean {
  // The positionals as typed: the command's own (`apply help`) was moved out of `_` by yargs.
  const own = commandNamed(String(args._[0]))?.positional?.name;
  const words = [...args._.slice(0, 1), ...(own && args[own] !== undefined ? [args[own]] : []), ...args._.slice(1)];
  return Boolean(args.help) || Boolean(args.version) || words.at(-1) === 'help';
}

/** Throws a UsageError (exit 2) for a command line that names no runnable command. */
export async function readCommandLine(argv: string[]): Promise<CommandLine> {
  const { args, error } = await parse(buildArgsParser(), argv);
  // The argument parser demands and refuses nothing; should yargs still fail, its words are passed on.
  if (error) throw new UsageError(error.message, [SEE_HELP]);
  if (asksForHelp(args)) {
    const help = await parse(buildParser(), argv);
    if (!help.error && help.output) return { output: help.output };
  }
  const command = checkCommandLine(args);
  // After the checks, the items after `--` rejoin the positionals, where yargs leaves them.
  const rest = (args['--'] as Array<string | number> | undefined) ?? [];
  delete args['--'];
  args._.push(...rest);
  return { command, args };
}
