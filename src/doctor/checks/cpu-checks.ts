/**
 * CPU and capacity checks: the CPU generation AWS's core tables assume (Cascade Lake or
 * newer), the mission's aggregate DigIF rate against the instance type's network
 * performance, and the NIC's NUMA node holding the agent cores. Pure.
 */
import { formatCpuList } from '../../cpu-list.ts';
import { ASSUMED_ROW, NARROWBAND_MAX_MHZ, WIDEBAND_CORES } from '../../plan/core-table.ts';
import type { Mission } from '../../types.ts';
import type { Check, CheckResult } from '../types.ts';
import type { CpuInfoFacts } from '../../facts/types.ts';
import { withoutPlan } from '../types.ts';

const result = (id: string, status: CheckResult['status'], evidence: string, fix = ''): CheckResult => ({ id, status, evidence, fix });

/** Intel family-6 server models: Cascade Lake is model 85 from stepping 5 (Skylake-SP is 85 stepping ≤ 4). */
const NEWER_MODELS = new Map([[106, 'Ice Lake'], [108, 'Ice Lake'], [143, 'Sapphire Rapids'], [207, 'Emerald Rapids'], [173, 'Granite Rapids']]);
const OLDER_MODELS = new Map([[63, 'Haswell'], [79, 'Broadwell'], [86, 'Broadwell']]);

/** The Intel generation of a CPU, and whether it is Cascade Lake or newer; undefined when not an Intel server model we know. */
export function intelGeneration(c: CpuInfoFacts): { name: string; newEnough: boolean } | undefined {
  if (c.vendor !== 'GenuineIntel' || c.family !== 6 || c.model === undefined) return undefined;
  if (c.model === 85) {
    if (c.stepping === undefined) return undefined;
    return c.stepping >= 5 ? { name: c.stepping >= 10 ? 'Cooper Lake' : 'Cascade Lake', newEnough: true } : { name: 'Skylake', newEnough: false };
  }
  const newer = NEWER_MODELS.get(c.model);
  if (newer) return { name: newer, newEnough: true };
  const older = OLDER_MODELS.get(c.model);
  return older ? { name: older, newEnough: false } : undefined;
}

const CPU_FIX = 'AWS\'s core tables assume Cascade Lake or newer: use an instance type with such CPUs (c5.24xlarge, c5.12xlarge, c6i.32xlarge, c7i.24xlarge …), or give the agent more cores than the table (agent.cpuCores)';

export const cpuGeneration: Check = ({ doctor, host }) => {
  const id = 'cpu-generation';
  if (!doctor.cpuInfo.ok) return result(id, 'unknown', doctor.cpuInfo.reason);
  const c = doctor.cpuInfo.value;
  const type = host.ok ? ` on ${host.value.instance.type}` : '';
  const what = `${c.modelName ?? 'CPU'} (family ${c.family ?? '?'} model ${c.model ?? '?'} stepping ${c.stepping ?? '?'})${type}`;
  const gen = intelGeneration(c);
  if (!gen) return result(id, 'warn', `${what}: not an Intel server generation this tool knows; AWS's core tables assume Cascade Lake or newer`, CPU_FIX);
  if (gen.newEnough) return result(id, 'ok', `${what}: ${gen.name}, Cascade Lake or newer`);
  // Skylake runs types AWS lists for the agent (c5n.18xlarge, c5.18xlarge): a warning; older generations fail.
  if (gen.name === 'Skylake') return result(id, 'warn', `${what}: Skylake, one generation before Cascade Lake: the core plan may be short`, CPU_FIX);
  return result(id, 'fail', `${what}: ${gen.name}, older than Cascade Lake: the core plan may be short`, CPU_FIX);
};

/** DigIF rate of one dataflow in Mb/s: AWS's table gives 1000 Mb/s per 50 MHz row (narrowband and uplink: the 50 MHz row). */
export function digifRateMbps(direction: 'downlink' | 'uplink', bandwidthMHz?: number): number {
  if (bandwidthMHz === undefined || direction === 'uplink' || bandwidthMHz <= NARROWBAND_MAX_MHZ) return ASSUMED_ROW.maxMHz * 20;
  const row = WIDEBAND_CORES.find((r) => bandwidthMHz <= r.maxMHz) ?? WIDEBAND_CORES[WIDEBAND_CORES.length - 1];
  return row.maxMHz * 20;
}

export const aggregateMbps = (m: Mission) => m.dataflows.reduce((s, d) => s + digifRateMbps(d.direction, d.bandwidthMHz), 0);

const NETWORK = /^(Up to )?(\d+(?:\.\d+)?) Gigabit$/;

export const instanceBandwidth: Check = ({ mission, host }) => {
  const id = 'instance-bandwidth';
  if (!mission) return result(id, 'unknown', 'no mission given: the aggregate bandwidth is the mission\'s');
  if (!host.ok) return result(id, 'unknown', host.reason);
  const type = host.value.instance.type;
  const perf = host.value.instanceTypeInfo?.networkPerformance;
  if (!perf) return result(id, 'unknown', `EC2 DescribeInstanceTypes did not tell the network performance of ${type}`);
  const m = NETWORK.exec(perf);
  if (!m) return result(id, 'unknown', `${type} network performance "${perf}" is not a Gigabit figure`);
  const need = aggregateMbps(mission);
  const have = Number(m[2]) * 1000;
  const evidence = `mission ${mission.name}: ${mission.dataflows.length} dataflow(s), ${need} Mb/s DigIF aggregate (AWS's table); ${type}: ${perf}`;
  const fix = `use an instance type whose network performance exceeds ${need / 1000} Gigabit (c5n.18xlarge: 100 Gigabit), or split the dataflows across hosts`;
  if (need > have) return result(id, 'fail', `${evidence}: more than the instance carries`, fix);
  if (m[1]) return result(id, 'warn', `${evidence}: "Up to" is a burst figure, the sustained rate is lower`, fix);
  return result(id, 'ok', evidence);
};

export const nicNuma: Check = ({ host, plan, doctor }) => {
  const id = 'nic-numa';
  if (!plan.ok) return withoutPlan(id, plan);
  if (!host.ok || !host.value.cpu) return result(id, 'unknown', host.ok ? 'no CPU topology from /sys' : host.reason);
  const name = plan.value.device.networkAdapters[0];
  const nic = doctor.nics.find((n) => n.name === name);
  if (!nic) return result(id, 'unknown', `${name} is not an interface of this host`);
  if (!nic.numaNode.ok) return result(id, 'unknown', nic.numaNode.reason);
  const node = nic.numaNode.value;
  const cpus = host.value.cpu.cpus;
  const nodes = new Set(cpus.map((c) => c.numaNode).filter((n) => n !== undefined));
  const agent = plan.value.device.agentCpuCores;
  if (node < 0) {
    return nodes.size <= 1 ? result(id, 'ok', `${name}: no NUMA node (-1) on a single-node host`) : result(id, 'unknown', `${name}: the kernel reports no NUMA node (-1) on a ${nodes.size}-node host`);
  }
  const inNode = cpus.filter((c) => c.numaNode === node).map((c) => c.id);
  const outside = agent.filter((c) => !inNode.includes(c));
  const evidence = `${name} is on NUMA node ${node} (CPUs ${formatCpuList(inNode) || 'none'}); agent cores ${formatCpuList(agent)}`;
  if (!outside.length) return result(id, 'ok', evidence);
  const free = inNode.filter((c) => !plan.value.tuning.irqCores.includes(c));
  return result(id, 'fail', `${evidence}: ${formatCpuList(outside)} are on another node, so every packet crosses the socket interconnect`,
    `set agent.cpuCores in the mission to ${agent.length} CPUs (whole hyperthread pairs) from NUMA node ${node} (${formatCpuList(free)}), then re-run apply`);
};
