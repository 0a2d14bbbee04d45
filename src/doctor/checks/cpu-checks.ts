/**
 * CPU and capacity checks: the CPU generation AWS's core tables assume (Cascade Lake or
 * newer), the mission's aggregate DigIF rate against the instance type's network performance
 * (both judged as the planner judges them: src/plan/cpu-readiness.ts), and the NIC's NUMA
 * node holding the agent cores. Pure.
 */
import { formatCpuList } from '../../cpu-list.ts';
import { listPhysicalCores } from '../../plan/cpu-topology.ts';
import { commandLine } from '../../shell-quote.ts';
import type { CpuTopologyFacts } from '../../types.ts';
import { applyFix } from '../fix-commands.ts';
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

/** Whole free pairs on `node` (not the IRQ cores, inside the cpuset), `count` of them from one L3 domain; undefined when none holds that many. */
function pairsOnNode(topo: CpuTopologyFacts, node: number, irq: number[], count: number): number[] | undefined {
  const allowed = new Set(topo.cpuset?.cpus ?? topo.online);
  const byDomain = new Map<string, number[][]>();
  for (const c of listPhysicalCores(topo)) {
    if (c.numaNode !== node || c.threads.length !== 2) continue;
    if (c.threads.some((t) => irq.includes(t) || !allowed.has(t))) continue;
    byDomain.set(c.domain, [...(byDomain.get(c.domain) ?? []), c.threads]);
  }
  const fit = [...byDomain.values()].find((pairs) => pairs.length >= count);
  return fit?.slice(0, count).flat();
}

/** The fix: a line to paste under `agent:` in the mission, or why the NIC's node cannot hold the agent. */
function numaFix(input: Parameters<Check>[0], topo: CpuTopologyFacts, node: number, free: number[]): string {
  const plan = input.plan.ok ? input.plan.value : undefined;
  const agent = plan?.device.agentCpuCores ?? [];
  const pairs = Math.ceil(agent.length / 2);
  const chosen = pairsOnNode(topo, node, plan?.tuning.irqCores ?? [], pairs);
  if (chosen) {
    return `under agent: in the mission, set   cpuCores: "${formatCpuList(chosen)}"   (${pairs} whole hyperthread pairs on NUMA node ${node}), then re-run ${applyFix(input)}`;
  }
  if (topo.cpuset && free.some((c) => !topo.cpuset!.cpus.includes(c))) {
    const widened = formatCpuList([...topo.cpuset.cpus, ...free]);
    return `the cpuset ${topo.cpuset.path} (CPUs ${formatCpuList(topo.cpuset.cpus)}) keeps the agent off NUMA node ${node}: ${commandLine(['sudo', 'systemctl', 'set-property', 'aws-groundstation-agent.service', `AllowedCPUs=${widened}`])}, then re-run ${applyFix(input)}`;
  }
  return `NUMA node ${node} has fewer than ${pairs} free whole hyperthread pairs in one L3 domain (free: ${formatCpuList(free) || 'none'}): free cores there (bring offline CPUs online) or use an instance whose NIC's node holds ${pairs} cores`;
}

export const nicNuma: Check = (input) => {
  const { host, plan, doctor } = input;
  const id = 'nic-numa';
  if (!plan.ok) return withoutPlan(id, plan);
  if (!host.ok || !host.value.cpu) return result(id, 'unknown', host.ok ? 'no CPU topology from /sys' : host.reason);
  const name = plan.value.device.networkAdapters[0];
  const nic = doctor.nics.find((n) => n.name === name);
  if (!nic) return result(id, 'unknown', `${name} is not an interface of this host`);
  if (!nic.numaNode.ok) return result(id, 'unknown', nic.numaNode.reason);
  const node = nic.numaNode.value;
  const topo = host.value.cpu;
  const cpus = topo.cpus;
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
    numaFix(input, topo, node, free),
  );
};
