/**
 * Schema-valid input → Mission: defaults filled, ranges and addresses parsed, CPU lists
 * expanded. Pure; does not judge values (backwards ranges, bad hosts): the rules do that.
 */
import type { Mission, MissionDataflow } from '../types.ts';
import { parseHostPort } from './host-port.ts';
import { parseRange } from './port-ranges.ts';
import type { DataflowInput, MissionInput } from './validate-schema.ts';

export const MISSION_DEFAULTS = {
  prePassSeconds: 120,
  postPassSeconds: 120,
  portPool: '42000-50000',
  portsPerDataflow: 300,
} as const;

/** Where a dataflow's own address lives in the mission, by direction. */
export const addressKey = (direction: string) => (direction === 'downlink' ? 'deliverTo' : 'receiveFrom');

/** Highest CPU number accepted in `cpuCores` (matches the schema's 0–1023). */
export const MAX_CPU = 1023;

export function normalizeMission(input: MissionInput, file: string): Mission {
  const agent = input.agent ?? {};
  const mission: Mission = {
    name: input.name,
    file,
    contact: {
      prePassSeconds: input.contact?.prePassSeconds ?? MISSION_DEFAULTS.prePassSeconds,
      postPassSeconds: input.contact?.postPassSeconds ?? MISSION_DEFAULTS.postPassSeconds,
    },
    agent: {
      portPool: parseRange(agent.portPool ?? MISSION_DEFAULTS.portPool),
      portsPerDataflow: agent.portsPerDataflow ?? MISSION_DEFAULTS.portsPerDataflow,
      publicIp: agent.publicIp ?? 'auto',
      cpuCores: normalizeCpuCores(agent.cpuCores ?? 'auto'),
      networkAdapters: agent.networkAdapters ?? 'auto',
      privateIps: agent.privateIps ?? 'auto',
    },
    dataflows: input.dataflows.map(normalizeDataflow),
    // Copy into a fresh object: own data properties only, whatever the keys are.
    tags: Object.fromEntries(Object.entries(input.tags ?? {})),
  };
  if (input.group !== undefined) mission.group = input.group;
  if (input.profiles !== undefined) {
    mission.profiles = input.profiles.map((p) => ({
      name: p.name,
      dataflows: [...p.dataflows],
      ...(p.missionProfile !== undefined && { missionProfile: p.missionProfile }),
    }));
  }
  return mission;
}

function normalizeDataflow(df: DataflowInput): MissionDataflow {
  const out: MissionDataflow = {
    name: df.name,
    direction: df.direction,
    address: parseHostPort(df[addressKey(df.direction)] ?? ''),
  };
  if (df.agentPorts !== undefined) out.agentPorts = parseRange(df.agentPorts);
  if (df.mtu !== undefined) out.mtu = df.mtu;
  if (df.localMtu !== undefined) out.addressMtu = df.localMtu;
  if (df.bandwidthMHz !== undefined) out.bandwidthMHz = df.bandwidthMHz;
  return out;
}

function normalizeCpuCores(value: string | number[]): 'auto' | number[] {
  if (value === 'auto') return 'auto';
  const cpus = typeof value === 'string' ? expandCpuList(value) : value;
  return [...new Set(cpus)].sort((a, b) => a - b);
}

/**
 * "24-33,72-81" → [24..33, 72..81]. Backwards or out-of-range parts are skipped (the rules
 * report them), which also bounds the work to MAX_CPU + 1 numbers per part.
 */
export function expandCpuList(text: string): number[] {
  const out: number[] = [];
  for (const [first, last] of parseCpuListParts(text)) {
    if (first > last || last > MAX_CPU) continue;
    for (let cpu = first; cpu <= last; cpu++) out.push(cpu);
  }
  return out;
}

/** "24-33,40" → [[24, 33], [40, 40]]; the schema has already checked the syntax. */
export function parseCpuListParts(text: string): Array<[number, number]> {
  return text.split(',').map((part) => {
    const [a, b] = part.split('-');
    return [Number(a), Number(b ?? a)];
  });
}
