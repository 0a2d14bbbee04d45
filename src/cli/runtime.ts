/**
 * One run, built once by main() and handed to the command: its output and environment, the run
 * context (deadline, wall clock, progress) and the slots its ports fill once (one IMDS client
 * and token, one credentials provider: src/cli/ports.ts). Light on purpose: main() imports it
 * for every command, so it loads no AWS code.
 */
import type { ClientCredentials } from '../aws/credentials.ts';
import type { ImdsClient } from '../facts/imds/imds.ts';
import { createRunContext, type RunContext } from '../run-context.ts';
import type { Io } from './io.ts';
import type { Whereabouts } from './tool-command.ts';

/** What a command gets. */
export interface Runtime {
  /** stdout/stderr and the environment (with --region and --profile applied). */
  readonly io: Io;
  readonly run: RunContext;
  /** The flags that change where the run acts, as given (hints repeat them: src/cli/tool-command.ts). */
  readonly where: Whereabouts;
  /** Filled once per run by src/cli/ports.ts: shared by every port of the run. */
  readonly shared: { imds?: ImdsClient; credentials?: { value: ClientCredentials | undefined } };
}

/** `run` defaults to a context with no deadline and no progress (callers outside main()); `where` to no flag given. */
export function createRuntime(io: Io, run: RunContext = createRunContext(), where: Whereabouts = {}): Runtime {
  return { io, run, where, shared: {} };
}
