/**
 * Agent port ranges: explicit ranges are kept, the others are carved from the pool as the
 * lowest free contiguous blocks, in dataflow order, so the result is deterministic and never
 * overlaps. The reserved-ports value covers the agent ranges and the delivery ports.
 */
import type { Mission, PortRange } from '../types.ts';
import { MissionInvalidError } from '../errors.ts';

const overlaps = (a: PortRange, b: PortRange) => a.min <= b.max && b.min <= a.max;

export function carvePortRanges(mission: Mission): PortRange[] {
  const { portPool: pool, portsPerDataflow: size } = mission.agent;
  const taken: PortRange[] = mission.dataflows.flatMap((d) => (d.agentPorts ? [d.agentPorts] : []));
  return mission.dataflows.map((df) => {
    if (df.agentPorts) return df.agentPorts;
    let start = pool.min;
    for (;;) {
      const candidate = { min: start, max: start + size - 1 };
      if (candidate.max > pool.max) {
        throw new MissionInvalidError(`${mission.file}: agent.portPool ${pool.min}-${pool.max} has no room for dataflow ${df.name}`, [
          `each dataflow needs ${size} contiguous ports (agent.portsPerDataflow); widen agent.portPool or lower portsPerDataflow (minimum 300)`,
        ]);
      }
      const clash = taken.filter((r) => overlaps(r, candidate)).sort((a, b) => b.max - a.max)[0];
      if (!clash) {
        taken.push(candidate);
        return candidate;
      }
      start = clash.max + 1;
    }
  });
}

/** `a-b,c,d-e`: sorted, merged; the value of net.ipv4.ip_local_reserved_ports. */
export function formatReservedPorts(ranges: PortRange[]): string {
  const sorted = [...ranges].sort((a, b) => a.min - b.min);
  const merged: PortRange[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.min <= last.max + 1) last.max = Math.max(last.max, r.max);
    else merged.push({ ...r });
  }
  return merged.map((r) => (r.min === r.max ? `${r.min}` : `${r.min}-${r.max}`)).join(',');
}
