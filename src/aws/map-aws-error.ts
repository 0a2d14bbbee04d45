/**
 * Maps any AWS SDK v3 failure (Ground Station's restJson1 or EC2's Query errors, network and
 * timeout errors) to the tool's errors: AwsCallError (exit 4) when AWS refused the call and
 * retrying will not help, TransientError (exit 5) when a later retry may succeed.
 */
import { AwsCallError, GsAgentConfigError, TransientError } from '../errors.ts';
import { RUN_DEADLINE_ERROR } from '../run-deadline.ts';

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; requestId?: string };
  parameterName?: string;
  /** Set by @smithy/middleware-serde on a failure to deserialize an answer. */
  $response?: unknown;
  /** Set by the bounded handler (bounded-http-handler.ts) on a transport failure. */
  transport?: string;
}

/** Throttling codes the SDK retries (@smithy/service-error-classification 2.1.5). */
const THROTTLING = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);

/** Failures of AWS's side or of time: DependencyException is Ground Station's 531. */
const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'DependencyException',
  'InternalFailure',
  'InternalError',
  'InternalServerError',
  'InternalServerException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'Unavailable',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNABORTED',
  'ENETDOWN',
  'EHOSTDOWN',
]);

const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'NotAuthorized',
  'OptInRequired',
]);

/** The codes that say "this role may not call that": callers with a fallback (or a hint) test for these. */
const DENIED_CODES = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'UnauthorizedException']);

/** A typed refusal because the credentials in use lack the permission (not bad credentials, not a quota). */
export function isAccessDenied(err: unknown): err is AwsCallError {
  return err instanceof AwsCallError && DENIED_CODES.has(err.code);
}

/** The resource asked for does not exist (a deleted group, a missing mission profile). */
export function isNotFound(err: unknown): err is AwsCallError {
  return err instanceof AwsCallError && err.code === 'ResourceNotFoundException';
}

const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'AuthFailure',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignatureException',
  'IncompleteSignature',
  'MissingAuthenticationTokenException',
  'MissingAuthenticationToken',
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'InvalidAccessKeyId',
  'CredentialsProviderError',
]);

const QUOTA = new Set(['ServiceQuotaExceededException', 'ResourceLimitExceededException']);

/** AWS messages can echo the access key id or signature; never print them. */
export function redactSecrets(text: string): string {
  return text
    .replace(/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, '[access key id]')
    .replace(/Credential=[^,\s]+/g, 'Credential=[redacted]')
    .replace(/Signature=[0-9a-f]{16,}/g, 'Signature=[redacted]')
    .replace(/(x-amz-security-token[:=]\s*)\S+/gi, '$1[redacted]');
}

function isTransient(e: SdkErrorLike, status: number | undefined): boolean {
  const name = e.name ?? '';
  if (QUOTA.has(name)) return false;
  if (THROTTLING.has(name) || TRANSIENT_NAMES.has(name) || NETWORK_CODES.has(e.code ?? '')) return true;
  if (/socket hang up/i.test(e.message ?? '')) return true;
  if (status === 429 || (status !== undefined && status >= 500)) return true;
  return e.$fault === 'server';
}

function adviceFor(operation: string, code: string, parameterName?: string): string {
  if (code === 'InvalidParameterException') {
    return `AWS rejected parameter ${parameterName ?? '(not named)'}: fix that value (in the mission file, or the group id/ARN you passed) and run again.`;
  }
  if (code.includes('NotFound')) return 'It does not exist in this account and region: check the id or ARN and the region.';
  if (QUOTA.has(code)) {
    return 'An account quota is used up: delete unused dataflow endpoint groups or request an increase in Service Quotas.';
  }
  if (ACCESS_DENIED.has(code)) {
    return `The credentials in use may not call ${operation}: allow it in the IAM policy of the instance role (or the role/user in use).`;
  }
  if (BAD_CREDENTIALS.has(code)) {
    return 'AWS did not accept the credentials: configure valid, unexpired credentials (instance profile or AWS_* variables) and check the system clock.';
  }
  return 'Fix the request and run again.';
}

function detailsOf(status: number | undefined, requestId: string | undefined, parameterName?: string): string[] {
  const details: string[] = [];
  if (parameterName) details.push(`parameter: ${parameterName}`);
  if (status !== undefined) details.push(`HTTP status: ${status}`);
  if (requestId) details.push(`request id: ${requestId}`);
  return details;
}

function describe(e: SdkErrorLike): string {
  const name = e.name && e.name !== 'Error' ? e.name : (e.code ?? 'Error');
  return e.code && e.code !== name ? `${name} ${e.code}` : name;
}

/**
 * The tool's error for an SDK failure of `operation` (e.g. `CreateDataflowEndpointGroupV2`,
 * `DescribeAddresses`). Errors that are already the tool's pass through; errors that did not
 * come from AWS or the network (bugs) are returned unchanged.
 */
export function mapAwsError(operation: string, err: unknown): Error {
  if (err instanceof GsAgentConfigError) return err;
  if (typeof err !== 'object' || err === null) return new Error(`${operation}: ${String(err)}`);
  const e = err as SdkErrorLike;
  const status = e.$metadata?.httpStatusCode;
  const requestId = e.$metadata?.requestId;
  const message = redactSecrets(e.message || 'no message');
  if (e.name === RUN_DEADLINE_ERROR) {
    return new TransientError(
      `${operation}: ${message}. Retry ${operation}: run the command again (raise --deadline if AWS is this slow).`,
      [],
      { cause: err },
    );
  }
  const garbled = isGarbled(e);
  if (garbled || isTransient(e, status)) {
    // A connect timeout says what happened itself ("no connection to … within 3 s"): no answer began.
    const what =
      garbled === 'connect'
        ? ''
        : garbled
          ? ` with an answer that could not be read (${garbled})`
          : ` with a transient error (${describe(e)})`;
    return new TransientError(
      `${operation} failed${what}: ${message.split('\n')[0]}. Retry ${operation}: run the command again in a moment.`,
      detailsOf(status, requestId),
      { cause: err },
    );
  }
  const fromAws = e.$metadata !== undefined || e.$fault !== undefined || e.name === 'CredentialsProviderError';
  if (!fromAws) return err instanceof Error ? err : new Error(`${operation}: ${message}`);
  if (!isTypedRefusal(e, status)) {
    return new TransientError(
      `${operation} failed with an answer that is not a typed refusal (HTTP ${status ?? 'none'}, ${describe(e)}): ${message.split('\n')[0]}. Retry ${operation}: run the command again in a moment.`,
      detailsOf(status, requestId),
      { cause: err },
    );
  }
  const code = e.name ?? 'UnknownError';
  const parameter = e.parameterName ? `, parameter ${e.parameterName}` : '';
  return new AwsCallError(
    code,
    `${operation} was refused by AWS (${code}${parameter}): ${message.replace(/[.\s]+$/, '')}. ${adviceFor(operation, code, e.parameterName)}`,
    detailsOf(status, requestId, e.parameterName),
    { cause: err, requestId },
  );
}

/** A transport failure or an answer the SDK could not deserialize: what was wrong, else undefined. */
function isGarbled(e: SdkErrorLike): string | undefined {
  if (e.transport) return e.transport;
  const deserializing = e.$response !== undefined && e.$metadata === undefined;
  if (deserializing || e.name === 'SyntaxError') return 'unparseable';
  return undefined;
}

/** Exit 4 only for a well-formed refusal: HTTP 4xx with a service error code, or no credentials at all. */
function isTypedRefusal(e: SdkErrorLike, status: number | undefined): boolean {
  if (e.name === 'CredentialsProviderError') return true;
  const name = e.name ?? '';
  const typed = /^[A-Z][A-Za-z0-9.]{2,}$/.test(name) && name !== 'UnknownError' && name !== 'Error';
  return typed && status !== undefined && status >= 400 && status < 500;
}
