/**
 * plan(mission, facts): a pure, deterministic function from the mission and the host facts
 * to everything apply needs. No I/O, no clock, no randomness: same inputs, same bytes.
 */
import type { HostFacts, Mission, Plan, PlannedEndpoint } from '../types.ts';
import { planCpuCores } from './cpu-plan.ts';
import { formatRpsMask } from './cpu-topology.ts';
import { buildGroupBody, hashGroupBody } from './group-request.ts';
import { planIngress } from './ingress-plan.ts';
import { checkInstance } from './instance-check.ts';
import { planNetwork } from './network-plan.ts';
import { ownershipTags } from '../ownership-tags.ts';
import { carvePortRanges, formatReservedPorts } from './port-plan.ts';
import { awsRingSize, ringSizeFor } from './ring-size.ts';
import { legacyTuningWarnings } from './legacy-tuning-warnings.ts';
import { planReadiness } from './readiness.ts';

/** AWS's tuning guide: rx ring 8192 on c6i, 16384 elsewhere (before the NIC's own maximum: ring-size.ts). */
export const ringBufferFor = awsRingSize;

export function endpointName(mission: Mission, dataflow: string): string {
  return `${mission.name}-${dataflow}`;
}

export function plan(mission: Mission, facts: HostFacts): Plan {
  const network = planNetwork(mission, facts);
  const cpu = planCpuCores(mission, facts.cpu, facts.instance.type, {
    ...(network.networkAdapters[0] !== undefined && { name: network.networkAdapters[0] }),
    ...(network.iface.numaNode !== undefined && { numaNode: network.iface.numaNode }),
  });
  const ranges = carvePortRanges(mission);
  const ingress = planIngress(network.iface, ranges, facts);
  const instance = checkInstance(facts);
  const ring = ringSizeFor(facts, network.networkAdapters);
  const endpoints: PlannedEndpoint[] = mission.dataflows.map((df, i) => ({
    name: endpointName(mission, df.name),
    dataflow: df.name,
    direction: df.direction,
    agent: { ip: network.publicIp, ports: ranges[i], ...(df.mtu !== undefined && { mtu: df.mtu }) },
    address: { ...df.address, ...(df.addressMtu !== undefined && { mtu: df.addressMtu }) },
  }));
  const body = buildGroupBody(mission, endpoints);
  const groupHash = hashGroupBody(body);
  const tags = { ...mission.tags, ...ownershipTags(mission.name, facts.instance.id, groupHash) };
  const reserved = [...ranges, ...mission.dataflows.map((d) => ({ min: d.address.port, max: d.address.port }))];
  return {
    mission: mission.name,
    instanceId: facts.instance.id,
    region: facts.instance.region,
    accountId: facts.instance.accountId,
    publicIp: network.publicIp,
    endpoints,
    device: {
      privateIps: network.privateIps,
      publicIps: [network.publicIp],
      agentCpuCores: cpu.agentCpuCores,
      networkAdapters: network.networkAdapters,
    },
    tuning: {
      irqCores: cpu.irqCores,
      rpsMask: cpu.cpuCount ? formatRpsMask(cpu.cpuCount) : '',
      reservedPorts: formatReservedPorts(reserved),
      networkAdapters: network.networkAdapters,
      ringBuffer: ring.size,
    },
    ingress: ingress.ingress,
    request: { ...body, tags },
    groupHash,
    notes: [...instance.notes, ...network.notes, ...cpu.notes],
    warnings: [
      ...instance.warnings,
      ...network.warnings,
      ...cpu.warnings,
      ...ingress.warnings,
      ...ring.warnings,
      ...legacyTuningWarnings(facts.legacyTuning),
    ],
    readiness: planReadiness(mission, facts, network.networkAdapters),
    ...(mission.profiles && {
      profiles: mission.profiles.map((p) => ({
        name: p.name,
        ...(p.missionProfile !== undefined && { missionProfile: p.missionProfile }),
        endpointNames: p.dataflows.map((d) => endpointName(mission, d)),
      })),
    }),
  };
}
