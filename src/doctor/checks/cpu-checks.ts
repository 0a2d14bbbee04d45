/**
 * CPU and capacity checks: the CPU generation AWS's core tables assume (Cascade Lake or
 * newer), the mission's aggregate DigIF rate against the instance type's network performance
 * (both judged as the planner judges them: src/plan/cpu-readiness.ts), and the NIC's NUMA
 * node holding the agent cores. Pure.
 */
import { formatCpuList } from '../../cpu-list.ts';
import { judgeCpuGeneration, judgeInstanceBandwidth } from '../../plan/cpu-readiness.ts';
import type { Check, CheckResult } from '../types.ts';
import { withoutPlan } from '../types.ts';

export { intelGeneration } from '../../plan/cpu-readiness.ts';

const result = (id: string, status: CheckResult['status'], evidence: string, fix = ''): CheckResult => ({ id, status, evidence, fix });
const unknown = (id: string, evidence: string) => result(id, 'unknown', evidence);

export const cpuGeneration: Check = ({ doctor, host }) => {
  const id = 'cpu-generation';
  if (!doctor.cpuInfo.ok) return unknown(id, doctor.cpuInfo.reason);
  return { id, ...judgeCpuGeneration(doctor.cpuInfo.value, host.ok ? host.value.instance.type : undefined) };
};

export const instanceBandwidth: Check = ({ mission, host }) => {
  const id = 'instance-bandwidth';
  if (!mission) return unknown(id, "no mission given: the aggregate bandwidth is the mission's");
  if (!host.ok) return unknown(id, host.reason);
  return { id, ...judgeInstanceBandwidth(mission, host.value.instance.type, host.value.instanceTypeInfo?.networkPerformance) };
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
    return nodes.size <= 1
      ? result(id, 'ok', `${name}: no NUMA node (-1) on a single-node host`)
      : result(id, 'unknown', `${name}: the kernel reports no NUMA node (-1) on a ${nodes.size}-node host`);
  }
  const inNode = cpus.filter((c) => c.numaNode === node).map((c) => c.id);
  const outside = agent.filter((c) => !inNode.includes(c));
  const evidence = `${name} is on NUMA node ${node} (CPUs ${formatCpuList(inNode) || 'none'}); agent cores ${formatCpuList(agent)}`;
  if (!outside.length) return result(id, 'ok', evidence);
  const free = inNode.filter((c) => !plan.value.tuning.irqCores.includes(c));
  return result(
    id,
    'fail',
    `${evidence}: ${formatCpuList(outside)} are on another node, so every packet crosses the socket interconnect`,
    `set agent.cpuCores in the mission to ${agent.length} CPUs (whole hyperthread pairs) from NUMA node ${node} (${formatCpuList(free)}), then re-run apply`,
  );
};
