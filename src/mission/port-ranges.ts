/**
 * Port ranges "min-max" as {min, max}. Pure helpers shared by the mission rules and the
 * planner (which carves agent ranges from the pool), so no I/O here.
 */
import type { PortRange } from '../types.ts';

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

const RANGE = /^(\d{1,5})-(\d{1,5})$/;

/**
 * Parse "a-b" into {min: a, max: b}. Throws on anything else. It does not check order or
 * bounds (see `describeRangeProblem`), so a backwards range is reported, not silently swapped.
 */
export function parseRange(text: string): PortRange {
  const m = RANGE.exec(text);
  if (!m) throw new Error(`invalid port range "${text}": expected "min-max", e.g. 42000-50000`);
  return { min: Number(m[1]), max: Number(m[2]) };
}

/** Why a range is unusable (outside 1–65535 or backwards) and how to fix it; undefined when fine. */
export function describeRangeProblem(r: PortRange): { what: string; fix: string } | undefined {
  if (r.min < MIN_PORT || r.max > MAX_PORT) {
    return { what: `ports must be between ${MIN_PORT} and ${MAX_PORT}`, fix: 'e.g. 42000-50000' };
  }
  if (r.min > r.max) return { what: 'the range runs backwards', fix: `write the lower port first: ${r.max}-${r.min}` };
  return undefined;
}

export function formatRange(r: PortRange): string {
  return `${r.min}-${r.max}`;
}

/** Number of ports in the range, both ends included. */
export function rangeSize(r: PortRange): number {
  return r.max - r.min + 1;
}

export function rangesOverlap(a: PortRange, b: PortRange): boolean {
  return a.min <= b.max && b.min <= a.max;
}

/** True when `inner` lies entirely inside `outer`. */
export function rangeContains(outer: PortRange, inner: PortRange): boolean {
  return outer.min <= inner.min && inner.max <= outer.max;
}

export function portInRange(port: number, r: PortRange): boolean {
  return r.min <= port && port <= r.max;
}

/** The parts of `pool` not covered by any of `taken`, ascending. */
export function subtractRanges(pool: PortRange, taken: readonly PortRange[]): PortRange[] {
  const sorted = [...taken].sort((a, b) => a.min - b.min);
  const free: PortRange[] = [];
  let start = pool.min;
  for (const t of sorted) {
    if (t.max < start || t.min > pool.max) continue;
    if (t.min > start) free.push({ min: start, max: t.min - 1 });
    start = Math.max(start, t.max + 1);
  }
  if (start <= pool.max) free.push({ min: start, max: pool.max });
  return free;
}

/** How many contiguous blocks of `size` ports fit into the free ranges (first fit, as the planner carves). */
export function countBlocks(free: readonly PortRange[], size: number): number {
  return free.reduce((n, r) => n + Math.floor(rangeSize(r) / size), 0);
}
