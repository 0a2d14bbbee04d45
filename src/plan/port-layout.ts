/**
 * The port layout rules of one host, on endpoints that someone else laid out (an existing
 * group, a CloudFormation template): agent ranges of at least 300 ports that do not overlap,
 * delivery/ingress ports outside every agent range and unique. Pure.
 */
import type { PortRange } from '../types.ts';

/** AWS: "at least 300 contiguous ports" per agent endpoint (the mission rules hold the same figure). */
export const MIN_AGENT_PORTS = 300;

export const formatRange = (r: PortRange) => `${r.min}-${r.max}`;
const rangeSize = (r: PortRange) => r.max - r.min + 1;
const rangesOverlap = (a: PortRange, b: PortRange) => a.min <= b.max && b.min <= a.max;
const portInRange = (port: number, r: PortRange) => r.min <= port && port <= r.max;

export interface LayoutEndpoint {
  /** How messages name the endpoint ("endpoint m-dl", "Endpoints[0]"). */
  label: string;
  /** Agent port range, when known. */
  range?: PortRange;
  /** Egress (downlink) or ingress (uplink) port, when known. */
  port?: number;
}

export interface LayoutProblem {
  /** Index of the endpoint the problem is reported on. */
  index: number;
  /** Which of its values is wrong. */
  on: 'range' | 'port';
  message: string;
}

function rangeProblems(eps: LayoutEndpoint[]): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  eps.forEach((ep, i) => {
    if (!ep.range) return;
    const size = rangeSize(ep.range);
    if (size < MIN_AGENT_PORTS) {
      problems.push({
        index: i,
        on: 'range',
        message: `agent ports ${formatRange(ep.range)} are ${size} ports; AWS needs at least ${MIN_AGENT_PORTS} contiguous ports`,
      });
    }
    eps.slice(0, i).forEach((other) => {
      if (other.range && rangesOverlap(other.range, ep.range!)) {
        problems.push({
          index: i,
          on: 'range',
          message: `agent ports ${formatRange(ep.range!)} overlap ${other.label}'s agent ports ${formatRange(other.range)}`,
        });
      }
    });
  });
  return problems;
}

function portProblems(eps: LayoutEndpoint[]): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  eps.forEach((ep, i) => {
    if (ep.port === undefined) return;
    for (const [j, other] of eps.entries()) {
      if (!other.range || !portInRange(ep.port, other.range)) continue;
      const whose = j === i ? 'its own' : `${other.label}'s`;
      problems.push({
        index: i,
        on: 'port',
        message: `port ${ep.port} lies inside ${whose} agent ports ${formatRange(other.range)}: the agent receives Ground Station traffic there`,
      });
    }
    const earlier = eps.slice(0, i).find((other) => other.port === ep.port);
    if (earlier)
      problems.push({
        index: i,
        on: 'port',
        message: `port ${ep.port} is also used by ${earlier.label}: each dataflow on one host needs its own port`,
      });
  });
  return problems;
}

export function findPortLayoutProblems(eps: LayoutEndpoint[]): LayoutProblem[] {
  return [...rangeProblems(eps), ...portProblems(eps)];
}

/** The parts of `range` that no range in `cover` includes, ascending. */
export function uncoveredParts(range: PortRange, cover: PortRange[]): PortRange[] {
  let pieces = [range];
  for (const c of cover) {
    pieces = pieces.flatMap((p) => {
      if (!rangesOverlap(p, c)) return [p];
      const rest: PortRange[] = [];
      if (c.min > p.min) rest.push({ min: p.min, max: c.min - 1 });
      if (c.max < p.max) rest.push({ min: c.max + 1, max: p.max });
      return rest;
    });
  }
  return pieces;
}
