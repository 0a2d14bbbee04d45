/**
 * The shapes of the command table (command-table.ts) and the argument types they imply. An
 * option's spec is what yargs is built from (parser.ts), what the command line is checked
 * against (check-command-line.ts, check-args.ts) and, at the type level, the key and type of
 * its value in the handler's arguments: `--lock-wait` with `type: 'number', default: 120`
 * is `lockWait: number`, as yargs gives it.
 */
import type { GlobalArgs } from './io.ts';
import type { Runtime } from './runtime.ts';

/** A range checked once after parsing (check-args.ts), with the unit its message names. */
export interface NumberRange {
  min: number;
  max: number;
  integer?: boolean;
  unit: string;
}

interface OptionBase {
  describe: string;
  /** What --help shows as the default when the value is filled in later (main()), not by yargs. */
  defaultDescription?: string;
  /** The accepted values, listed in --help but checked where they are used (the sandbox). */
  values?: readonly string[];
}
export interface BooleanOption extends OptionBase {
  type: 'boolean';
  default?: boolean;
}
/** `nonEmpty`: an empty value (`--root ""`, a bare `--root`) is refused instead of read as a default. */
export interface StringOption extends OptionBase {
  type: 'string';
  default?: string;
  nonEmpty?: boolean;
}
/** Repeatable: `--fault A --fault B`. */
export interface StringsOption extends OptionBase {
  type: 'strings';
  default: readonly string[];
}
export interface NumberOption extends OptionBase {
  type: 'number';
  default?: number;
  range?: NumberRange;
}
/** One of a fixed list, checked right after parsing. */
export interface ChoiceOption extends OptionBase {
  type: 'choice';
  choices: readonly string[];
  default?: string;
}
export type OptionSpec = BooleanOption | StringOption | StringsOption | NumberOption | ChoiceOption;
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** The positional argument after the command (`apply <mission>`, `status [mission]`). */
export interface PositionalSpec {
  name: string;
  required: boolean;
  describe: string;
  /** The missing-argument message's words (`apply needs a mission file (YAML or JSON)`) and its example. */
  needs?: { what: string; example: string };
}

/** Shared flags by what they touch: `root` (writes, state), `host` (/sys, /proc), `aws` (IMDS, AWS). */
export type SharedGroup = 'root' | 'host' | 'aws';

/** `lock-wait` → `lockWait`, the key yargs adds for a kebab-case flag. */
export function camelCase(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** camelCase() at the type level: the key of a flag's value in the handler's arguments. */
export type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

type ValueOf<O extends OptionSpec> = O extends ChoiceOption
  ? O['choices'][number]
  : O extends BooleanOption
    ? boolean
    : O extends NumberOption
      ? number
      : O extends StringsOption
        ? string[]
        : string;

/** The values of a table of options: present when the spec has a default, optional otherwise. */
export type OptionArgs<T extends OptionTable> = {
  -readonly [K in keyof T & string as T[K] extends { default: unknown } ? CamelCase<K> : never]: ValueOf<T[K]>;
} & { -readonly [K in keyof T & string as T[K] extends { default: unknown } ? never : CamelCase<K>]?: ValueOf<T[K]> };

type PositionalArgs<P> = P extends { name: infer N extends string; required: true }
  ? { [K in N]: string }
  : P extends { name: infer N extends string }
    ? { [K in N]?: string }
    : unknown;

/** The command line as yargs parsed it: every key as typed and in camelCase, `_` the positionals. */
export type ParsedArgs = Record<string, unknown> & Partial<Record<keyof GlobalArgs, unknown>> & { _: Array<string | number> };

/**
 * What every handler receives besides its own options: the global and shared flags, with
 * `root` and `deadline` filled in by main().
 */
export type RunArgs = GlobalArgs & { region?: string; profile?: string };

/** A command's arguments as its table entry implies them. */
export type ArgsOf<T extends OptionTable, P extends PositionalSpec | undefined> = RunArgs & OptionArgs<T> & PositionalArgs<P>;

/** One command as written in the table. */
export interface CommandDefinition<T extends OptionTable, P extends PositionalSpec | undefined> {
  name: string;
  describe: string;
  positional?: P;
  /** Which shared flags its --help lists (all are accepted everywhere). */
  shows: readonly SharedGroup[];
  options: T;
  /** `[command line, what it does]`, printed at the end of its --help; `$0` is the program. */
  examples: ReadonlyArray<readonly [string, string]>;
  /** Loads the handler on first use (a dynamic import) and runs it. */
  run(args: ArgsOf<T, P>, rt: Runtime): Promise<number>;
}

/** A command of the table, its argument type erased so that commands can sit in one list. */
export interface Command {
  readonly name: string;
  readonly describe: string;
  readonly positional?: PositionalSpec;
  readonly shows: readonly SharedGroup[];
  readonly options: OptionTable;
  readonly examples: ReadonlyArray<readonly [string, string]>;
  /** Runs the handler with arguments that passed checkCommandLine and checkArgs for this command. */
  run(args: ParsedArgs, rt: Runtime): Promise<number>;
}

/**
 * One command: the handler's argument type is inferred from its options and positional, so
 * the compiler checks that the table gives each handler what it declares. The cast below is
 * the one place the parsed record becomes those arguments; checkCommandLine and checkArgs
 * have checked it against this very entry by then.
 */
export function defineCommand<const T extends OptionTable, const P extends PositionalSpec | undefined = undefined>(
  def: CommandDefinition<T, P>,
): Command {
  return { ...def, run: (args, rt) => def.run(args as unknown as ArgsOf<T, P>, rt) };
}
