/**
 * User errors teach (one line, what/where/how to fix, no stack); bugs confess (stack, "this is
 * a bug"). `--debug` adds the stack and cause to everything. Credentials never appear: messages
 * are built by our own code from fields we chose.
 */
import { EXIT, UsageError, isToolError } from '../errors.ts';

export interface PrintedError {
  exitCode: number;
  text: string;
  json: { error: { code: string; message: string; details: string[]; exitCode: number } };
}

function causeChain(err: unknown): string[] {
  const out: string[] = [];
  let c = (err as { cause?: unknown })?.cause;
  while (c && out.length < 5) {
    out.push(`caused by: ${c instanceof Error ? (c.stack ?? c.message) : String(c)}`);
    c = (c as { cause?: unknown }).cause;
  }
  return out;
}

/** File-system refusals that come from the paths the operator chose (--root, a file), not from a bug. */
const PATH_ERRORS: Record<string, string> = {
  ENOTDIR: 'a part of this path is a file, not a directory',
  EISDIR: 'this is a directory, not a file',
  EACCES: 'permission denied (run as root, or choose another --root)',
  EROFS: 'read-only file system',
};

function pathError(err: unknown): UsageError | undefined {
  const e = err as NodeJS.ErrnoException;
  const why = e && typeof e.code === 'string' && typeof e.path === 'string' ? PATH_ERRORS[e.code] : undefined;
  return why ? new UsageError(`cannot use ${e.path}: ${why}`, [], { cause: err }) : undefined;
}

export function formatError(thrown: unknown, debug: boolean): PrintedError {
  const err = pathError(thrown) ?? thrown;
  if (isToolError(err) && err.exitCode !== EXIT.bug) {
    const lines = [`error: ${err.message}`, ...err.details.map((d) => `  - ${d}`)];
    if (debug) lines.push(err.stack ?? '', ...causeChain(err));
    return {
      exitCode: err.exitCode,
      text: lines.join('\n'),
      json: { error: { code: err.code, message: err.message, details: err.details, exitCode: err.exitCode } },
    };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const details = isToolError(err) ? err.details : [];
  const lines = [
    `error: internal error (this is a bug in gs-agent-config): ${e.message}`,
    ...details.map((d) => `  - ${d}`),
    e.stack ?? '',
    ...(debug ? causeChain(e) : []),
  ];
  return {
    exitCode: EXIT.bug,
    text: lines.join('\n'),
    json: { error: { code: 'Internal', message: e.message, details, exitCode: EXIT.bug } },
  };
}
