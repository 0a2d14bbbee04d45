/**
 * `host:port` addresses (deliverTo / receiveFrom). Pure; the planner may reuse it.
 */
import type { HostPort } from '../types.ts';

/** Split "host:port" at the last colon. The schema has already checked the shape. */
export function parseHostPort(text: string): HostPort {
  const i = text.lastIndexOf(':');
  return { host: text.slice(0, i), port: Number(text.slice(i + 1)) };
}

const OCTET = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => OCTET.test(p));
}

export interface Finding {
  what: string;
  fix?: string;
}

/** Why `host` is neither a dotted IPv4 address nor an RFC 1123 host name; undefined when fine. */
export function describeHostProblem(host: string): Finding | undefined {
  // All digits and dots: the operator meant an IPv4 address, so judge it as one.
  if (/^[0-9.]+$/.test(host)) {
    if (isIpv4(host)) return undefined;
    return { what: `host ${host} is not a valid IPv4 address`, fix: 'write four numbers 0–255 separated by dots' };
  }
  if (host.length > 253) return { what: `the host name is ${host.length} characters; at most 253 are allowed` };
  if (host.split('.').every((label) => LABEL.test(label))) return undefined;
  return {
    what: `host ${host} is not a valid host name`,
    fix: 'each dot-separated part must be 1–63 letters, digits or "-", not starting or ending with "-"',
  };
}

/** Why the port is unusable; undefined when it is 1–65535. */
export function describePortProblem(port: number): Finding | undefined {
  return port >= 1 && port <= 65535 ? undefined : { what: `port ${port} is not between 1 and 65535` };
}
