/**
 * yargs' parse errors, said the way a user needs them: a mistyped command gets "did you mean",
 * a missing mission argument names the command and its usage line. Pure.
 */
import { UsageError } from '../errors.ts';

/** Edit distance (insert, delete, substitute, swap two neighbours). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The command `word` was probably meant to be, if one is close enough (or starts with it). */
export function closestCommand(word: string, commands: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const prefixed = commands.filter((c) => w.length >= 2 && c.startsWith(w));
  if (prefixed.length === 1) return prefixed[0];
  const scored = commands.map((c) => ({ c, d: editDistance(w, c) })).sort((x, y) => x.d - y.d);
  const best = scored[0];
  return best && best.d <= Math.max(1, Math.floor(best.c.length / 3)) ? best.c : undefined;
}

/** The commands the top-level --help lists (so a command added to the parser is known here too). */
export function commandsInHelp(help: string): string[] {
  return [...help.matchAll(/^ {2}gs-agent-config ([a-z][a-z-]*)/gm)].map((m) => m[1]);
}

const SEE_HELP = 'see gs-agent-config --help';

/** The long options a command's --help lists. */
export function optionsInHelp(help: string): string[] {
  return [...new Set([...help.matchAll(/^\s+(?:-\w, )?--([a-z0-9-]+)/gm)].map((x) => x[1]))];
}

/** `--wait is an option of status`, for a flag this command lacks but others have. */
function elsewhere(flag: string, others: Record<string, string[]>): string | undefined {
  const owners = Object.entries(others).filter(([, flags]) => flags.includes(flag)).map(([c]) => c);
  return owners.length ? `--${flag} is an option of ${owners.join(', ')}` : undefined;
}

function unknownFlags(message: string, argv: readonly string[], help: string, others: Record<string, string[]>): UsageError | undefined {
  const m = /^Unknown arguments?: (.+)$/.exec(message);
  if (!m) return undefined;
  // yargs names an unknown --kebab-flag twice (kebab and camelCase) and a stray positional bare.
  const all = m[1].split(', ');
  const words = all.filter((w) => !/[A-Z]/.test(w) || all.length === 1);
  const strays = words.filter((w) => argv.includes(w));
  if (strays.length) return new UsageError(`unexpected argument${strays.length > 1 ? 's' : ''}: ${strays.join(' ')}`, [`usage: ${help.split('\n')[0].trim()}`]);
  const flags = optionsInHelp(help);
  const hints = words.map((w) => elsewhere(w, others) ?? (closestCommand(w, flags) && `did you mean --${closestCommand(w, flags)}?`)).filter((g): g is string => Boolean(g));
  const shown = words.map((w) => (w.length > 1 ? `--${w}` : `-${w}`));
  return new UsageError(`unknown option${words.length > 1 ? 's' : ''}: ${shown.join(', ')}`, [...hints, SEE_HELP]);
}

/**
 * `message` is yargs' error, `first` the first positional (the command as typed), `help` what
 * yargs printed with the error (the command's own help when it recognised one).
 */
export function explainParseError(message: string, argv: readonly string[], first: string | undefined, commands: readonly string[], help: string, others: Record<string, string[]> = {}): UsageError {
  if (first !== undefined && first !== '' && !commands.includes(first)) {
    const guess = closestCommand(first, commands);
    return new UsageError(`unknown command ${JSON.stringify(first)}`, [...(guess ? [`did you mean ${JSON.stringify(guess)}? (gs-agent-config ${guess} --help)`] : []), `commands: ${commands.join(', ')}`]);
  }
  if (first === undefined && /^name a command/.test(message)) return new UsageError('name a command', [`commands: ${commands.join(', ')}`, SEE_HELP]);
  const usage = help.split('\n')[0] ?? '';
  const missing = /^Not enough non-option arguments/.test(message) ? /<([a-z-]+)>/.exec(usage) : null;
  if (first && missing) {
    const what = missing[1] === 'mission' ? 'a mission file (YAML or JSON)' : `a ${missing[1]} file`;
    return new UsageError(`${first} needs ${what}`, [`usage: ${usage.trim()}`, `e.g. gs-agent-config ${first} ${missing[1] === 'mission' ? 'examples/missions/wideband-downlink.yaml' : 'template.yaml'}`]);
  }
  return unknownFlags(message, argv, help, others) ?? new UsageError(message, [SEE_HELP]);
}
