/**
 * CreateDataflowEndpointGroupV2 for @aws-sdk/client-groundstation 3.523.0, which predates the
 * V2 operation (the only version the registry serves). Built with the same Command.classBuilder
 * chain the client uses for its own commands, so signing, endpoint resolution (including
 * AWS_ENDPOINT_URL_GROUNDSTATION) and retries are the client's.
 */
import {
  DependencyException,
  GroundStationServiceException,
  InvalidParameterException,
  ResourceLimitExceededException,
  ResourceNotFoundException,
  type GroundStationClient,
  type GroundStationClientResolvedConfig,
} from '@aws-sdk/client-groundstation';
import { Command, decorateServiceException, withBaseException, type ExceptionOptionType } from '@smithy/smithy-client';
import { getSerdePlugin } from '@smithy/middleware-serde';
import { getEndpointPlugin, type EndpointParameterInstructions } from '@smithy/middleware-endpoint';
import { requestBuilder } from '@smithy/core';
import type { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type { MetadataBearer, ResponseMetadata, SerdeContext } from '@smithy/types';
import type { CreateDataflowEndpointGroupV2Request } from '../types.ts';

export type CreateDataflowEndpointGroupV2Input = CreateDataflowEndpointGroupV2Request;

export interface CreateDataflowEndpointGroupV2Output extends MetadataBearer {
  dataflowEndpointGroupId?: string;
}

/** HTTP 402: the account's dataflow endpoint group quota is used up (V2 only; absent from 3.523.0). */
export class ServiceQuotaExceededException extends GroundStationServiceException {
  override readonly name = 'ServiceQuotaExceededException' as const;
  override readonly $fault = 'client' as const;
  parameterName?: string;
  constructor(opts: ExceptionOptionType<ServiceQuotaExceededException, GroundStationServiceException>) {
    super({ name: 'ServiceQuotaExceededException', $fault: 'client', ...opts });
    Object.setPrototypeOf(this, ServiceQuotaExceededException.prototype);
    this.parameterName = opts.parameterName;
  }
}

type ExceptionClass = new (opts: any) => GroundStationServiceException; // eslint-disable-line @typescript-eslint/no-explicit-any

const ERRORS: Record<string, ExceptionClass> = {
  DependencyException,
  InvalidParameterException,
  ResourceNotFoundException,
  ResourceLimitExceededException,
  ServiceQuotaExceededException,
};

// The SDK types its default error thrower as `any`; this is what it is.
const throwDefault = withBaseException(GroundStationServiceException) as (args: {
  output: HttpResponse;
  parsedBody: unknown;
  errorCode?: string;
}) => never;

function metadataOf(out: HttpResponse): ResponseMetadata {
  return {
    httpStatusCode: out.statusCode,
    requestId: out.headers['x-amzn-requestid'] ?? out.headers['x-amzn-request-id'],
    cfId: out.headers['x-amz-cf-id'],
  };
}

async function readJson(out: HttpResponse, ctx: SerdeContext): Promise<Record<string, unknown>> {
  const text = ctx.utf8Encoder(await ctx.streamCollector(out.body));
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * restJson1 error type, as 3.523.0's loadRestJsonErrorCode: `x-amzn-errortype` header, else body
 * `code`, else `__type`; cut at `,` and `:` (Coral appends a namespace URL) and keep what follows `#`.
 */
export function parseErrorCode(out: HttpResponse, body: Record<string, unknown>): string | undefined {
  const key = Object.keys(out.headers).find((k) => k.toLowerCase() === 'x-amzn-errortype');
  const raw = key ? out.headers[key] : (body.code ?? body.__type);
  if (raw == null) return undefined;
  const s = String(raw).split(',')[0].split(':')[0];
  return s.includes('#') ? s.split('#')[1] : s;
}

async function serialize(input: CreateDataflowEndpointGroupV2Input, ctx: SerdeContext): Promise<HttpRequest> {
  const b = requestBuilder(input, ctx);
  b.bp('/dataflowEndpointGroupV2');
  const { endpoints, contactPrePassDurationSeconds, contactPostPassDurationSeconds, tags } = input;
  b.m('POST')
    .h({ 'content-type': 'application/json' })
    .b(JSON.stringify({ endpoints, contactPrePassDurationSeconds, contactPostPassDurationSeconds, tags }));
  return b.build();
}

async function deserialize(out: HttpResponse, ctx: SerdeContext): Promise<CreateDataflowEndpointGroupV2Output> {
  if (out.statusCode !== 200 && out.statusCode >= 300) {
    const body = await readJson(out, ctx).catch((): Record<string, unknown> => ({}));
    body.message ??= body.Message;
    const code = parseErrorCode(out, body);
    const E = code ? ERRORS[code] : undefined;
    if (E) {
      const e = new E({ $metadata: metadataOf(out), message: body.message, parameterName: body.parameterName });
      throw decorateServiceException(e, body);
    }
    return throwDefault({ output: out, parsedBody: body, errorCode: code });
  }
  const data = await readJson(out, ctx);
  // Its type is checked where it is used (groundstation.ts createGroup: a string of the group-id pattern).
  return { $metadata: metadataOf(out), dataflowEndpointGroupId: data.dataflowEndpointGroupId as string | undefined };
}

export class CreateDataflowEndpointGroupV2Command extends Command.classBuilder<
  CreateDataflowEndpointGroupV2Input,
  CreateDataflowEndpointGroupV2Output,
  GroundStationClientResolvedConfig
>()
  .ep({
    UseFIPS: { type: 'builtInParams', name: 'useFipsEndpoint' },
    Endpoint: { type: 'builtInParams', name: 'endpoint' },
    Region: { type: 'builtInParams', name: 'region' },
    UseDualStack: { type: 'builtInParams', name: 'useDualstackEndpoint' },
  })
  .m(function (
    this: { serialize: typeof serialize; deserialize: typeof deserialize },
    Cmd: { getEndpointParameterInstructions(): EndpointParameterInstructions },
    _cs: unknown,
    config: GroundStationClientResolvedConfig,
  ) {
    return [getSerdePlugin(config, this.serialize, this.deserialize), getEndpointPlugin(config, Cmd.getEndpointParameterInstructions())];
  })
  // The smithy context is what selects the client's SigV4 auth scheme.
  .s('GroundStation', 'CreateDataflowEndpointGroupV2', {})
  .n('GroundStationClient', 'CreateDataflowEndpointGroupV2Command')
  .ser(serialize)
  .de(deserialize)
  .build() {}

/** Sends the command; 3.523.0's send() accepts only its own input union, hence the one cast. */
export function createDataflowEndpointGroupV2(
  client: GroundStationClient,
  input: CreateDataflowEndpointGroupV2Input,
): Promise<CreateDataflowEndpointGroupV2Output> {
  return client.send(new CreateDataflowEndpointGroupV2Command(input) as never);
}
