/**
 * Flag values yargs accepts but the tool must not: an empty path (`--root ""`, a bare `--root`,
 * `--root "$UNSET"`) would otherwise mean the real `/`, and `--wait abc` parses as NaN, which
 * turns a bounded wait into an endless one. Pure: checked once, right after parsing.
 */
import { UsageError } from '../errors.ts';

/** What main() passes for a bare `-` argument (standard input), which yargs would otherwise swallow. */
export const STDIN_ARG = '<stdin>';

/** String flags that must never be empty (camelCase as yargs gives them, kebab-case as typed). */
const STRING_FLAGS: Array<[key: string, flag: string]> = [['root', '--root'], ['sysRoot', '--sys-root'], ['procRoot', '--proc-root'], ['facts', '--facts'], ['region', '--region'], ['profile', '--profile']];

interface NumberRule { key: string; flag: string; min: number; max: number; integer?: boolean; unit: string }

/** Every numeric flag and its range; README "Command-line conventions" lists them. */
export const NUMBER_RULES: NumberRule[] = [
  { key: 'deadline', flag: '--deadline', min: 1, max: 3600, unit: 'seconds' },
  { key: 'lockWait', flag: '--lock-wait', min: 0, max: 3600, unit: 'seconds' },
  { key: 'wait', flag: '--wait', min: 0, max: 3600, unit: 'seconds' },
  { key: 'port', flag: '--port', min: 0, max: 65535, integer: true, unit: 'a TCP port; 0 = any free port' },
];

/** The value as typed (yargs turns `abc` into NaN): `--flag=x` or `--flag x`, else yargs' value. */
function shown(flag: string, v: unknown, argv: readonly string[]): string {
  const eq = argv.find((a) => a.startsWith(`${flag}=`));
  if (eq !== undefined) return JSON.stringify(eq.slice(flag.length + 1));
  const at = argv.indexOf(flag);
  if (at !== -1 && at + 1 < argv.length) return JSON.stringify(argv[at + 1]);
  return Array.isArray(v) ? v.map(String).join(' and ') : String(v);
}

function checkNumber(r: NumberRule, v: unknown, argv: readonly string[]): void {
  const range = `${r.integer ? 'an integer' : 'a number'} from ${r.min} to ${r.max} (${r.unit})`;
  if (Array.isArray(v)) throw new UsageError(`${r.flag} was given more than once (${v.map(String).join(' and ')})`, [`give it once: ${range}`]);
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new UsageError(`${r.flag} ${shown(r.flag, v, argv)} is not a number`, [`expected ${range}`]);
  if (r.integer && !Number.isInteger(v)) throw new UsageError(`${r.flag} ${v} is not an integer`, [`expected ${range}`]);
  if (v < r.min || v > r.max) throw new UsageError(`${r.flag} ${v} is out of range`, [`expected ${range}`]);
}

/** Throws a UsageError (exit 2) naming the first bad flag. */
export function checkArgs(args: Record<string, unknown>, argv: readonly string[] = []): void {
  for (const [key, flag] of STRING_FLAGS) {
    const v = args[key];
    if (v === undefined) continue;
    if (Array.isArray(v)) throw new UsageError(`${flag} was given more than once`, ['give it once']);
    if (typeof v !== 'string' || v.trim() === '') {
      throw new UsageError(`${flag} needs a value; it was given an empty one`, [
        `an empty ${flag} is refused rather than read as "/"; check the variable you passed (e.g. ${flag} "$ROOT" with ROOT unset)`,
      ]);
    }
  }
  for (const r of NUMBER_RULES) if (args[r.key] !== undefined) checkNumber(r, args[r.key], argv);
}
