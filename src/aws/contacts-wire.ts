/**
 * What a contacts answer said on the wire. The SDK's deserializer coerces (a time sent as
 * "1700000000" becomes a Date) and drops (a null time is a TypeError) before the port could
 * look, so for ListContacts and DescribeContact the port reads the JSON body itself: a
 * middleware of the one command, inside the SDK's deserializer, keeps a success's body (the
 * bounded handler has checked it is a JSON object) and hands the deserializer an empty one. It
 * also gives every answer's Date header, errors included, to the run's AWS clock.
 */
import { HttpResponse } from '@smithy/protocol-http';
import type { DeserializeMiddleware, MetadataBearer, MiddlewareStack } from '@smithy/types';
import { IncompleteAnswerError } from './parse-group.ts';

/** Where the Date header of every answer goes (the run's AWS clock). */
export interface ClockObserver {
  observe(dateHeader: unknown): void;
}

async function bytesOf(body: unknown): Promise<Buffer> {
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const c of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
  return Buffer.concat(chunks);
}

/**
 * Sends a command (`send`, after this middleware is added to the command's own `stack`) and
 * returns the JSON body of its successful answer as sent (`{}` for an empty body).
 */
export async function readWireJson<I extends object, O extends MetadataBearer>(
  stack: MiddlewareStack<I, O>,
  send: () => Promise<unknown>,
  clock?: ClockObserver,
): Promise<unknown> {
  let json: unknown;
  const capture: DeserializeMiddleware<I, O> = (next) => async (args) => {
    const out = await next(args);
    const res = out.response;
    if (!HttpResponse.isInstance(res)) return out;
    clock?.observe(res.headers.date ?? res.headers.Date);
    if (res.statusCode < 200 || res.statusCode >= 300) return out;
    const text = (await bytesOf(res.body)).toString('utf8');
    try {
      json = text.trim() === '' ? {} : (JSON.parse(text) as unknown);
    } catch {
      throw new IncompleteAnswerError(`the answer is not JSON (${text.length} characters)`);
    }
    res.body = new Uint8Array();
    return out;
  };
  stack.add(capture, { step: 'deserialize', priority: 'low', name: 'gsAgentConfigWireJson' });
  await send();
  if (json === undefined) throw new IncompleteAnswerError('the answer had no body to read');
  return json;
}
