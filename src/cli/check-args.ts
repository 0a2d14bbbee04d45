/**
 * Flag values yargs accepts but the tool must not: an empty path (`--root ""`, a bare `--root`,
 * `--root "$UNSET"`) would otherwise mean the real `/`, and `--wait abc` parses as NaN, which
 * turns a bounded wait into an endless one. The rules are the command table's (`nonEmpty`,
 * `range`). Pure: checked once, right after parsing.
 */
import { UsageError } from '../errors.ts';
import { camelCase, type Command, type NumberRange, type OptionSpec } from './command-spec.ts';
import { optionsOf } from './command-table.ts';

export { STDIN_ARG } from './conventions.ts';

/** The value as typed (yargs turns `abc` into NaN): `--flag=x` or `--flag x`, else yargs' value. */
function shown(flag: string, v: unknown, argv: readonly string[]): string {
  const eq = argv.find((a) => a.startsWith(`${flag}=`));
  if (eq !== undefined) return JSON.stringify(eq.slice(flag.length + 1));
  const at = argv.indexOf(flag);
  if (at !== -1 && at + 1 < argv.length) return JSON.stringify(argv[at + 1]);
  return Array.isArray(v) ? v.map(String).join(' and ') : String(v);
}

function checkString(flag: string, v: unknown): void {
  if (Array.isArray(v)) throw new UsageError(`${flag} was given more than once`, ['give it once']);
  if (typeof v !== 'string' || v.trim() === '') {
    throw new UsageError(`${flag} needs a value; it was given an empty one`, [
      `an empty ${flag} is refused rather than read as "/"; check the variable you passed (e.g. ${flag} "$ROOT" with ROOT unset)`,
    ]);
  }
}

function checkNumber(flag: string, r: NumberRange, v: unknown, argv: readonly string[]): void {
  const range = `${r.integer ? 'an integer' : 'a number'} from ${r.min} to ${r.max} (${r.unit})`;
  if (Array.isArray(v))
    throw new UsageError(`${flag} was given more than once (${v.map(String).join(' and ')})`, [`give it once: ${range}`]);
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new UsageError(`${flag} ${shown(flag, v, argv)} is not a number`, [`expected ${range}`]);
  if (r.integer && !Number.isInteger(v)) throw new UsageError(`${flag} ${v} is not an integer`, [`expected ${range}`]);
  if (v < r.min || v > r.max) throw new UsageError(`${flag} ${v} is out of range`, [`expected ${range}`]);
}

/** Throws a UsageError (exit 2) naming the first bad flag of `command`: empty strings first, then numbers. */
export function checkArgs(command: Command, args: Record<string, unknown>, argv: readonly string[] = []): void {
  const options = Object.entries<OptionSpec>(optionsOf(command));
  for (const [name, o] of options) {
    const v = args[camelCase(name)];
    if (o.type === 'string' && o.nonEmpty && v !== undefined) checkString(`--${name}`, v);
  }
  for (const [name, o] of options) {
    const v = args[camelCase(name)];
    if (o.type === 'number' && o.range && v !== undefined) checkNumber(`--${name}`, o.range, v, argv);
  }
}
