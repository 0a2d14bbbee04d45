/**
 * The gs-agent-config command lines the tool prints for pasting (exit 8's re-run hint, destroy's,
 * doctor's fixes, status's advice): built from words by the one shell-quoting function, and
 * repeating the flags that change where a run acts, so that a hint pasted during a rehearsal
 * acts on the rehearsal too. Paths are made absolute: the hint may be pasted in another directory.
 */
import { isAbsolute, resolve } from 'node:path';
import { commandLine, type Word } from '../shell-quote.ts';
import { PROGRAM } from './conventions.ts';

/** The flags of a run that change where it acts, as given on its command line (absent: not given). */
export interface Whereabouts {
  /** --root as given; absent: the default /. */
  root?: string;
  sysRoot?: string;
  procRoot?: string;
  region?: string;
  profile?: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The whereabouts flags of parsed arguments, read before main() fills in the default --root. */
export function whereaboutsOf(args: Record<string, unknown>): Whereabouts {
  const w: Whereabouts = {
    root: str(args.root),
    sysRoot: str(args.sysRoot),
    procRoot: str(args.procRoot),
    region: str(args.region),
    profile: str(args.profile),
  };
  return Object.fromEntries(Object.entries(w).filter(([, v]) => v !== undefined));
}

/** `path` made absolute from `cwd` (as the run read it). */
export const absolutePath = (cwd: string, path: string) => (isAbsolute(path) ? path : resolve(cwd, path));

/** `--root DIR --sys-root DIR --proc-root DIR --region R --profile P`, those given, paths made absolute. */
export function whereaboutsFlags(w: Whereabouts, cwd: string): string[] {
  const out: string[] = [];
  if (w.root !== undefined) out.push('--root', absolutePath(cwd, w.root));
  if (w.sysRoot !== undefined) out.push('--sys-root', absolutePath(cwd, w.sysRoot));
  if (w.procRoot !== undefined) out.push('--proc-root', absolutePath(cwd, w.procRoot));
  if (w.region !== undefined) out.push('--region', w.region);
  if (w.profile !== undefined) out.push('--profile', w.profile);
  return out;
}

/** What a command line for pasting needs to know of the run. */
export interface CommandSite {
  where: Whereabouts;
  cwd: string;
}

/**
 * `gs-agent-config COMMAND [FILE] WHEREABOUTS… EXTRA…` as one line for a POSIX shell. `file` (a
 * mission) is made absolute; a placeholder stands for one the tool does not know.
 */
export function toolCommand(site: CommandSite, command: string, file: string | Word | undefined, extra: readonly Word[] = []): string {
  const fileWord = typeof file === 'string' ? absolutePath(site.cwd, file) : file;
  return commandLine([
    PROGRAM,
    command,
    ...(fileWord === undefined ? [] : [fileWord]),
    ...whereaboutsFlags(site.where, site.cwd),
    ...extra,
  ]);
}
