/**
 * The parsed command line against the command table: a command named, known and given its
 * positional, values among a choice's list, no stray argument, no unknown option. Each
 * mistake is a UsageError (exit 2) saying it the way a user needs it: "did you mean", the
 * usage line, whose option a misplaced flag is. Pure.
 */
import { UsageError } from '../errors.ts';
import { camelCase, type Command, type OptionSpec, type ParsedArgs } from './command-spec.ts';
import { COMMANDS, GLOBAL_OPTIONS, PROGRAM, commandNamed, optionsOf, sharedShown } from './command-table.ts';
import { closestCommand } from './usage-hints.ts';

/** The last detail of a refusal that has no better one. */
export const SEE_HELP = `see ${PROGRAM} --help`;
/** Listed by every --help after the global options (yargs' own). */
const HELP_AND_VERSION = ['help', 'version'];
/** Keys of the parsed record that are no option. */
const NOT_OPTIONS = new Set(['_', '$0', '--']);

/** `gs-agent-config apply <mission>`, the first line of the command's --help. */
export function usageLine(c: Command): string {
  const p = c.positional;
  return `${PROGRAM} ${c.name}${p ? (p.required ? ` <${p.name}>` : ` [${p.name}]`) : ''}`;
}

/**
 * The long options `c`'s --help lists, in its order (the top level's without a command): the
 * "did you mean" candidates, and the options a misplaced flag is said to belong to.
 */
export function listedOptions(c: Command | undefined): string[] {
  return [...Object.keys(GLOBAL_OPTIONS), ...HELP_AND_VERSION, ...(c ? [...sharedShown(c), ...Object.keys(c.options)] : [])];
}

/** The keys yargs gives for the options `c` accepts (as typed and in camelCase), `-h` included. */
function knownKeys(c: Command | undefined): Set<string> {
  const names = [...Object.keys(c ? optionsOf(c) : GLOBAL_OPTIONS), ...HELP_AND_VERSION, ...(c?.positional ? [c.positional.name] : [])];
  return new Set([...names, ...names.map(camelCase), 'h']);
}

/**
 * The unknown options as typed: yargs adds a camelCase key for a kebab-case one (`--skip-ec2`
 * is `skip-ec2` and `skipEc2`), named once here.
 */
function unknownOptions(args: ParsedArgs, c: Command | undefined): string[] {
  const known = knownKeys(c);
  const unknown = Object.keys(args).filter((k) => !NOT_OPTIONS.has(k) && !known.has(k));
  return unknown.filter((k) => !unknown.some((other) => other !== k && camelCase(other) === k));
}

/** `--wait is an option of status`, for a flag this command lacks but others list. */
function elsewhere(flag: string, c: Command | undefined): string | undefined {
  const owners = COMMANDS.filter((o) => o !== c && listedOptions(o).includes(flag)).map((o) => o.name);
  return owners.length ? `--${flag} is an option of ${owners.join(', ')}` : undefined;
}

function unknownOptionsError(flags: string[], c: Command | undefined): UsageError {
  const listed = listedOptions(c);
  const hints = flags
    .map((f) => elsewhere(f, c) ?? (closestCommand(f, listed) && `did you mean --${closestCommand(f, listed)}?`))
    .filter((h): h is string => Boolean(h));
  const shown = flags.map((f) => (f.length > 1 ? `--${f}` : `-${f}`));
  return new UsageError(`unknown option${flags.length > 1 ? 's' : ''}: ${shown.join(', ')}`, [...hints, SEE_HELP]);
}

function unknownCommandError(word: string): UsageError {
  const names = COMMANDS.map((c) => c.name);
  const guess = closestCommand(word, names);
  return new UsageError(`unknown command ${JSON.stringify(word)}`, [
    ...(guess ? [`did you mean ${JSON.stringify(guess)}? (${PROGRAM} ${guess} --help)`] : []),
    `commands: ${names.join(', ')}`,
  ]);
}

/** Values outside a choice's list, in the words yargs used for them before. */
function choicesError(args: ParsedArgs, c: Command): UsageError | undefined {
  const lines: string[] = [];
  for (const [name, o] of Object.entries<OptionSpec>(c.options)) {
    if (o.type !== 'choice') continue;
    const invalid = ([] as unknown[]).concat(args[name]).filter((v) => v !== undefined && !o.choices.includes(v as string));
    if (invalid.length)
      lines.push(
        `  Argument: ${name}, Given: ${invalid.map((v) => JSON.stringify(v)).join(', ')}, Choices: ${o.choices.map((v) => JSON.stringify(v)).join(', ')}`,
      );
  }
  return lines.length ? new UsageError(['Invalid values:', ...lines].join('\n'), [SEE_HELP]) : undefined;
}

/**
 * The command `args` names, or the UsageError for the first mistake, in this order: no or an
 * unknown command (unknown options first when there is no command), a missing positional, a
 * value outside its choices, stray arguments, unknown options. `args` is what
 * buildArgsParser() read; `args['--']` holds what came after `--`, which is never a stray.
 */
export function checkCommandLine(args: ParsedArgs): Command {
  const words = args._.map(String);
  if (words.length === 0) {
    const flags = unknownOptions(args, undefined);
    if (flags.length) throw unknownOptionsError(flags, undefined);
    throw new UsageError('name a command', [`commands: ${COMMANDS.map((c) => c.name).join(', ')}`, SEE_HELP]);
  }
  const command = commandNamed(words[0]);
  if (!command) throw unknownCommandError(words[0]);
  const p = command.positional;
  if (p?.required && args[p.name] === undefined) {
    const needs = p.needs ?? { what: `a ${p.name}`, example: p.name };
    throw new UsageError(`${command.name} needs ${needs.what}`, [
      `usage: ${usageLine(command)}`,
      `e.g. ${PROGRAM} ${command.name} ${needs.example}`,
    ]);
  }
  const invalid = choicesError(args, command);
  if (invalid) throw invalid;
  const strays = words.slice(1);
  if (strays.length)
    throw new UsageError(`unexpected argument${strays.length > 1 ? 's' : ''}: ${strays.join(' ')}`, [`usage: ${usageLine(command)}`]);
  const flags = unknownOptions(args, command);
  if (flags.length) throw unknownOptionsError(flags, command);
  return command;
}
