/**
 * One error hierarchy. Every user-facing failure is a GsAgentConfigError with an exit code
 * (see the README's table); anything else that escapes is a bug (exit 1).
 */
export const EXIT = {
  ok: 0,
  bug: 1,
  badInput: 2,
  host: 3,
  awsRefused: 4,
  transient: 5,
  problems: 6,
  locked: 7,
  deferred: 8,
  /** Only with --detailed-exitcode (plan, apply --dry-run): something would change. */
  changesPending: 9,
} as const;

export abstract class GsAgentConfigError extends Error {
  abstract readonly exitCode: number;
  abstract readonly code: string;
  /** Extra lines printed as `  - detail`. */
  readonly details: string[];
  constructor(message: string, details: string[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.details = details;
  }
}

/** Bad flags or arguments. */
export class UsageError extends GsAgentConfigError {
  readonly exitCode = EXIT.badInput;
  readonly code = 'UsageError';
}

/** The mission file is unreadable or invalid; details hold one line per problem. */
export class MissionInvalidError extends GsAgentConfigError {
  readonly exitCode = EXIT.badInput;
  readonly code = 'MissionInvalid';
}

/** Host facts could not be read, or the host cannot run this mission. */
export class HostFactsError extends GsAgentConfigError {
  readonly exitCode = EXIT.host;
  readonly code = 'HostFacts';
}

/** Host facts could not be read because of a transient failure (timeouts, 5xx) after retries. */
export class TransientError extends GsAgentConfigError {
  readonly exitCode = EXIT.transient;
  readonly code = 'Transient';
}

/** AWS refused a call (auth, invalid parameter, quota, not found). */
export class AwsCallError extends GsAgentConfigError {
  readonly exitCode = EXIT.awsRefused;
  readonly code: string;
  readonly requestId?: string;
  constructor(code: string, message: string, details: string[] = [], options?: { cause?: unknown; requestId?: string }) {
    super(message, details, options);
    this.code = code;
    this.requestId = options?.requestId;
  }
}

/** The tool ran and found problems (drift, unhealthy group, template findings, a group that does not fit). */
export class ProblemsFoundError extends GsAgentConfigError {
  readonly exitCode = EXIT.problems;
  readonly code = 'ProblemsFound';
}

/** Another run holds the lock past the wait limit. */
export class LockedError extends GsAgentConfigError {
  readonly exitCode = EXIT.locked;
  readonly code = 'Locked';
}

/** A contact holds this host: what was safe is done, the rest is recorded for the next run. */
export class DeferredError extends GsAgentConfigError {
  readonly exitCode = EXIT.deferred;
  readonly code = 'Deferred';
}

export function isToolError(e: unknown): e is GsAgentConfigError {
  return e instanceof GsAgentConfigError;
}

/** A bug: a state the code should never reach. Printed with its stack. */
export class InternalError extends GsAgentConfigError {
  readonly exitCode = EXIT.bug;
  readonly code = 'Internal';
}
