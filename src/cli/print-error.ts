/**
 * User errors teach (one line, what/where/how to fix, no stack); bugs confess (stack, "this is
 * a bug"). `--debug` adds the stack and cause to everything. Credentials never appear: messages
 * are built by our own code from fields we chose. Messages carry values from outside (AWS
 * answers, host files, the command line): the text is escaped here, once, where it is printed
 * (src/display.ts); the JSON form keeps the values as they are (the JSON writer escapes them).
 */
import { display } from '../display.ts';
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

/**
 * `error: MESSAGE` and `  - DETAIL` lines, escaped. A message of several lines (our own, e.g. the
 * invalid choices) keeps its lines, each escaped, and a continuation line starts indented, so no
 * text inside a message can pass for an `error:` line of its own; a detail is one line.
 */
function messageLines(message: string, details: readonly string[]): string[] {
  const [first, ...rest] = message.split('\n');
  return [
    `error: ${display(first)}`,
    ...rest.map((l) => (/^\s/.test(l) ? display(l) : `  ${display(l)}`)),
    ...details.map((d) => `  - ${display(d)}`),
  ];
}

/** A stack or cause chain: its lines escaped (the first line of a stack is the message). */
const traceLines = (texts: readonly string[]) => texts.flatMap((t) => t.split('\n')).map(display);

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
    const lines = messageLines(err.message, err.details);
    if (debug) lines.push(...traceLines([err.stack ?? '', ...causeChain(err)]));
    return {
      exitCode: err.exitCode,
      text: lines.join('\n'),
      json: { error: { code: err.code, message: err.message, details: err.details, exitCode: err.exitCode } },
    };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const details = isToolError(err) ? err.details : [];
  const lines = [
    ...messageLines(`internal error (this is a bug in gs-agent-config): ${e.message}`, details),
    ...traceLines([e.stack ?? '', ...(debug ? causeChain(e) : [])]),
  ];
  return {
    exitCode: EXIT.bug,
    text: lines.join('\n'),
    json: { error: { code: 'Internal', message: e.message, details, exitCode: EXIT.bug } },
  };
}
