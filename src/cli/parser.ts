/**
 * yargs, built from the command table (command-table.ts) in two forms: the help parser prints
 * --help and --version exactly as the table describes the commands; the argument parser only
 * reads values (types, defaults, camelCase keys), accepting anything, so that every check and
 * every message is ours (check-command-line.ts), not yargs' English.
 */
import yargs, { type Argv, type Options, type PositionalOptions } from 'yargs';
import type { Command, OptionSpec } from './command-spec.ts';
import { COMMANDS, DEFAULT_DEADLINE_SECONDS, GLOBAL_OPTIONS, PROGRAM, SHARED_OPTIONS } from './command-table.ts';
import { VERSION } from './version.ts';

export { DEFAULT_DEADLINE_SECONDS };

export const EPILOGUE = `Exit codes:
  0 ok / converged / healthy      4 AWS refused (auth, invalid parameter, quota, not found)
  1 bug (internal error)          5 transient failure that outlasted retries (IMDS or AWS)
  2 bad input (mission, flags)    6 ran and found problems (unhealthy, drift, findings)
  3 host facts unavailable or     7 another run holds the lock
    host unsuitable               8 deferred: a contact holds this host`;

const USAGE = '$0 <command> [options]\n\nConfigure an AWS Ground Station Agent host from one mission file.';

type Mode = 'help' | 'args';

/** The spec as yargs takes it. A choice has no type, as yargs lists it (`[choices: …]` only). */
function yargsOption(o: OptionSpec, mode: Mode, hidden?: boolean): Options {
  const describe = o.values ? `${o.describe}; one of: ${o.values.join(', ')}` : o.describe;
  const shown = {
    ...(hidden !== undefined && { hidden }),
    ...(o.defaultDescription !== undefined && { defaultDescription: o.defaultDescription }),
    describe,
  };
  switch (o.type) {
    // The argument parser leaves choices to checkCommandLine, which says it in our words.
    case 'choice':
      return { ...(mode === 'help' && { choices: [...o.choices] }), default: o.default, ...shown };
    case 'strings':
      return { type: 'string', array: true, default: [...o.default], ...shown };
    default:
      return { type: o.type, ...(o.default !== undefined && { default: o.default }), ...shown };
  }
}

/** `apply <mission>` for help; `apply [mission]` for reading values, so a missing one is ours to report. */
function commandLine(c: Command, mode: Mode): string {
  const p = c.positional;
  if (!p) return c.name;
  return p.required && mode === 'help' ? `${c.name} <${p.name}>` : `${c.name} [${p.name}]`;
}

function commandBuilder(c: Command, mode: Mode) {
  return (y: Argv): Argv => {
    if (c.positional) {
      const p: PositionalOptions = {
        type: 'string',
        ...(c.positional.required && mode === 'help' && { demandOption: true }),
        describe: c.positional.describe,
      };
      y.positional(c.positional.name, p);
    }
    for (const [name, o] of Object.entries(SHARED_OPTIONS)) y.option(name, yargsOption(o, mode, !c.shows.includes(o.group)));
    for (const [name, o] of Object.entries(c.options)) y.option(name, yargsOption(o, mode));
    if (mode === 'help') for (const [line, what] of c.examples) y.example(line, what);
    return y;
  };
}

function withCommands(y: Argv, mode: Mode): Argv {
  y.scriptName(PROGRAM)
    // Help in English whatever LANG says: logs read the same on every host, and the bundle's
    // build-time --help text (scripts/build.mjs) is exactly what yargs prints.
    .locale('en')
    .usage(USAGE);
  for (const [name, o] of Object.entries(GLOBAL_OPTIONS)) y.option(name, yargsOption(o, mode));
  for (const c of COMMANDS) y.command(commandLine(c, mode), c.describe, commandBuilder(c, mode));
  return y;
}

/** Prints --help (top level or a command's) and --version; used only when one was asked for. */
export function buildParser(): Argv {
  return withCommands(yargs(), 'help').epilogue(EPILOGUE).wrap(null).help().alias('help', 'h').version(VERSION);
}

/**
 * Reads values only: no command, positional or option is demanded or refused here. Items after
 * `--` are kept apart (`args['--']`) so the checks see the positionals as yargs counts them.
 */
export function buildArgsParser(): Argv {
  return withCommands(yargs(), 'args')
    .parserConfiguration({ 'populate--': true })
    .help(false)
    .version(false)
    .option('help', { type: 'boolean', alias: 'h' })
    .option('version', { type: 'boolean' });
}
