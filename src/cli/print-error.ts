/**
 * User errors teach (one line, what/where/how to fix, no stack); bugs confess (stack, "this is
 * a bug"). `--debug` adds the stack and cause to everything. Credentials never appear: messages
 * are built by our own code from fields we chose.
 */
import { EXIT, isToolError } from '../errors.ts';

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

export function formatError(err: unknown, debug: boolean): PrintedError {
  if (isToolError(err) && err.exitCode !== EXIT.bug) {
    const lines = [`error: ${err.message}`, ...err.details.map((d) => `  - ${d}`)];
    if (debug) lines.push(err.stack ?? '', ...causeChain(err));
    return { exitCode: err.exitCode, text: lines.join('\n'), json: { error: { code: err.code, message: err.message, details: err.details, exitCode: err.exitCode } } };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const details = isToolError(err) ? err.details : [];
  const lines = [`error: internal error (this is a bug in gs-agent-config): ${e.message}`, ...details.map((d) => `  - ${d}`), e.stack ?? '', ...(debug ? causeChain(e) : [])];
  return { exitCode: EXIT.bug, text: lines.join('\n'), json: { error: { code: 'Internal', message: e.message, details, exitCode: EXIT.bug } } };
}
