/**
 * "GetDataflowEndpointGroup: HTTP 503, retrying (2/3)" on a terminal (src/progress.ts decides
 * whether anything is shown): a middleware inside the SDK's retry loop sees every attempt, and
 * says so when one fails and another will follow.
 */
import type { Progress } from '../progress.ts';

interface MiddlewareStackLike {
  addRelativeTo(mw: unknown, options: { relation: 'after'; toMiddleware: string; name: string }): void;
}

interface FailedAttempt {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

function describeFailure(e: FailedAttempt): string {
  const status = e.$metadata?.httpStatusCode;
  if (status && e.name && !/^\d+$/.test(e.name) && e.name !== 'InvalidResponse') return `HTTP ${status} ${e.name}`;
  if (status) return `HTTP ${status}`;
  return e.code ?? e.name ?? 'failed';
}

/** The attempt and maximum of this request, from smithy's own `amz-sdk-request: attempt=N; max=M` header. */
function attemptOf(headers: Record<string, string> | undefined): { attempt: number; max: number } | undefined {
  const m = /attempt=(\d+);\s*max=(\d+)/.exec(headers?.['amz-sdk-request'] ?? '');
  return m ? { attempt: Number(m[1]), max: Number(m[2]) } : undefined;
}

export function reportRetries(client: { middlewareStack: MiddlewareStackLike }, progress: Progress): void {
  const mw =
    (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: { request?: { headers?: Record<string, string> } }) => {
      try {
        return await next(args);
      } catch (err) {
        const at = attemptOf(args.request?.headers);
        if (at && at.attempt < at.max)
          progress.line(
            `${(context.commandName ?? 'AWS call').replace(/Command$/, '')}: ${describeFailure(err as FailedAttempt)}, retrying (${at.attempt + 1}/${at.max})`,
          );
        throw err;
      }
    };
  client.middlewareStack.addRelativeTo(mw, { relation: 'after', toMiddleware: 'retryMiddleware', name: 'gsAgentConfigRetryProgress' });
}
