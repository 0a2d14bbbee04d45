/**
 * Fault injection for the sandbox, per action (`groundstation:CreateDataflowEndpointGroupV2`,
 * `ec2:DescribeAddresses`, `imds:get`, or a `*` glob such as `groundstation:*`): an HTTP error
 * in the service's own wire shape, a delay, a dropped connection or an IMDS token expiry, for a
 * number of requests. Spec syntax (`sandbox --fault`): `ACTION=EFFECT[*COUNT]`, EFFECT one of
 * `503`, `503:ServiceUnavailable`, `drop` (before handling), `lost` (handled, then the answer
 * is dropped: the client cannot know it happened), `delay:MS`, `expire-token`; COUNT a number
 * (default 1), or nothing (`EFFECT*`) or `*` (`EFFECT**`) for always.
 */
import { randomUUID } from 'node:crypto';
import { ec2ErrorXml } from './ec2-xml.ts';
import type { SandboxResponse } from './types.ts';

export interface FaultRule {
  action: string;
  status?: number;
  code?: string;
  delayMs?: number;
  drop?: boolean;
  /** Handle the request, then drop the connection instead of answering. */
  lostAnswer?: boolean;
  expireToken?: boolean;
  /** How many matching requests it hits; Infinity for always. */
  count: number;
}

export const FAULT_SYNTAX =
  'ACTION=EFFECT[*COUNT] with EFFECT 503 | 503:Code | drop | lost | delay:MS | expire-token and COUNT a number (default 1; EFFECT* = always), e.g. groundstation:CreateDataflowEndpointGroupV2=503*2';

export function parseFaultSpec(spec: string): FaultRule | undefined {
  const m =
    /^([a-z0-9]+:[A-Za-z0-9*]+)=(?:(\d{3})(?::([A-Za-z0-9.]+))?|(drop)|delay:(\d{1,6})|(expire-token)|(lost))(\*(\d{1,6}|\*)?)?$/.exec(
      spec,
    );
  if (!m) return undefined;
  // `EFFECT*` (no count) and `EFFECT**` both mean always.
  const count = m[8] === undefined ? 1 : m[9] === undefined || m[9] === '*' ? Infinity : Number(m[9]);
  if (count < 1) return undefined;
  return {
    action: m[1],
    count,
    ...(m[2] && { status: Number(m[2]), code: m[3] ?? defaultCode(Number(m[2])) }),
    ...(m[4] && { drop: true }),
    ...(m[5] && { delayMs: Number(m[5]) }),
    ...(m[6] && { expireToken: true }),
    ...(m[7] && { lostAnswer: true }),
  };
}

function defaultCode(status: number): string {
  return status === 429 || status === 400 ? 'ThrottlingException' : status >= 500 ? 'InternalServerError' : 'InvalidParameterException';
}

const matches = (pattern: string, action: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  ).test(action);

export class FaultTable {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule matching the action, consumed once. */
  take(action: string): FaultRule | undefined {
    const rule = this.rules.find((r) => r.count > 0 && matches(r.action, action));
    if (rule) rule.count -= 1;
    return rule;
  }
}

/** The error as the real service would put it on the wire. */
export function faultResponse(action: string, status: number, code: string): SandboxResponse {
  const requestId = randomUUID();
  const message = `injected fault: ${code}`;
  if (action.startsWith('ec2:')) {
    return {
      status,
      headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId },
      body: ec2ErrorXml(code, message, requestId),
    };
  }
  if (action.startsWith('imds:')) return { status, headers: { 'content-type': 'text/plain' }, body: message };
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': code, 'x-amzn-requestid': requestId },
    body: JSON.stringify({ message }),
  };
}
