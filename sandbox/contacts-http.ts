/** Request parsing shared by the contacts stand-in's handlers: JSON bodies against the model, pages, labels. */
import { UUID } from './groundstation-model.ts';
import { checkString, formatViolations, validateShape, type Violation } from './groundstation-validate.ts';
import { decodePageToken } from './groundstation-store.ts';
import { errorResponse, invalidParameter } from './groundstation-routes.ts';
import type { ContactsRoute } from './contacts-routes.ts';
import type { SandboxRequest, SandboxResponse } from './types.ts';

export type Handler = (req: SandboxRequest, route: ContactsRoute) => SandboxResponse;
type Body = { ok: true; value: Record<string, unknown> } | { ok: false; response: SandboxResponse };

export const violationResponse = (v: Violation[]) => invalidParameter(v[0].path, formatViolations(v));

/** Parses and validates a JSON body as the named request shape. */
export function bodyOf(req: SandboxRequest, shape: string): Body {
  const text = req.body.toString('utf8');
  let raw: unknown = {};
  if (text.trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch {
      return { ok: false, response: errorResponse(400, 'SerializationException', { message: 'Request body is not valid JSON' }) };
    }
  }
  const { violations, value } = validateShape<Record<string, unknown>>(shape, raw);
  return violations.length ? { ok: false, response: violationResponse(violations) } : { ok: true, value };
}

export function pageParams(req: SandboxRequest): { max?: number; offset: number } | SandboxResponse {
  const raw = req.url.searchParams.get('maxResults');
  const token = req.url.searchParams.get('nextToken');
  const max = raw === null ? undefined : Number(raw);
  if (max !== undefined && !(Number.isInteger(max) && max >= 1 && max <= 100))
    return invalidParameter('maxResults', `maxResults ${raw} is not between 1 and 100`);
  const offset = token === null ? 0 : decodePageToken(token);
  return offset === undefined ? invalidParameter('nextToken', 'The nextToken is not valid') : { max, offset };
}

export function checkUuid(name: string, value: string): SandboxResponse | undefined {
  const v: Violation[] = [];
  checkString(name, value, UUID, v);
  return v.length ? violationResponse(v) : undefined;
}
