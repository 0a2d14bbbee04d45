/**
 * Agent CPU cores from the topology, following AWS's guidance (Agent UG, instance selection):
 * whole hyperthread pairs sharing one L3 cache, sized by bandwidth, plus one management core,
 * never the IRQ/OS cores, all in one L3 domain.
 */
import type { CpuTopologyFacts, Mission } from '../types.ts';
import { HostFactsError, MissionInvalidError } from '../errors.ts';
import { formatCpuList } from '../cpu-list.ts';
import { MANAGEMENT_CORES, coresForDataflow } from './core-table.ts';
import { listPhysicalCores, listSplitSiblings, pickIrqCores, type PhysicalCore } from './cpu-topology.ts';
import { typesThatFit } from './instance-shapes.ts';

export interface CpuPlan {
  agentCpuCores: number[];
  irqCores: number[];
  cpuCount: number;
  notes: string[];
  warnings: string[];
}

interface Need {
  cores: number;
  notes: string[];
  warnings: string[];
}

function sizeNeed(mission: Mission): Need {
  const notes: string[] = [];
  const warnings: string[] = [];
  const per = new Map<string, number>();
  for (const df of mission.dataflows) {
    const need = coresForDataflow(df.direction, df.bandwidthMHz);
    per.set(df.name, need.cores);
    notes.push(`dataflow ${df.name}: ${need.cores} cores (${need.basis})`);
    if (need.assumed && df.bandwidthMHz === undefined) {
      warnings.push(`dataflow ${df.name} has no bandwidthMHz; sized as 50 MHz (3 cores). Set bandwidthMHz for an exact core plan.`);
    }
  }
  const sum = (names: string[]) => names.reduce((n, d) => n + (per.get(d) ?? 0), MANAGEMENT_CORES);
  if (!mission.profiles) {
    const cores = sum([...per.keys()]);
    notes.push(`+ ${MANAGEMENT_CORES} management core = ${cores} cores (${cores * 2} vCPUs)`);
    return { cores, notes, warnings };
  }
  // One contact at a time per group (AWS UG): only one profile's dataflows run together.
  const sized = mission.profiles.map((p) => ({ name: p.name, cores: sum(p.dataflows) }));
  for (const p of sized) notes.push(`profile ${p.name}: ${p.cores} cores with the ${MANAGEMENT_CORES} management core`);
  const largest = sized.reduce((a, b) => (b.cores > a.cores ? b : a));
  notes.push(
    `sized for the largest profile, ${largest.name}: ${largest.cores} cores (${largest.cores * 2} vCPUs); every dataflow at once would need ${sum([...per.keys()])}, but one contact runs at a time`,
  );
  return { cores: largest.cores, notes, warnings };
}

/** What the host offers the planner beyond the topology: the NIC's NUMA node. */
export interface NicPlacement {
  /** Linux name of the Elastic IP's interface. */
  name?: string;
  /** Its NUMA node (class/net/<if>/device/numa_node), when the kernel shows one. */
  numaNode?: number;
}

/** Why cores are missing from the plan's choice: offline CPUs, single-thread cores, compute units. */
function threadCauses(topo: CpuTopologyFacts, cores: PhysicalCore[]): string[] {
  const causes: string[] = [];
  if (topo.offline?.length) causes.push(`CPUs ${formatCpuList(topo.offline)} offline`);
  const single = cores.filter((c) => c.threads.length < 2);
  if (single.length)
    causes.push(
      `${single.length} of ${cores.length} cores have one thread online (CPUs ${formatCpuList(single.flatMap((c) => c.threads))})`,
    );
  const split = listSplitSiblings(topo);
  if (split.length) {
    const s = split[0];
    causes.push(
      `CPUs ${s.cpu} and ${s.sibling} are listed as thread siblings (thread_siblings_list) but have core ids ${s.coreIds[0]} and ${s.coreIds[1]}: separate cores (AMD compute units), not hyperthreads${split.length > 1 ? ` (and ${split.length - 1} more such pairs)` : ''}`,
    );
  }
  return causes;
}

function requireHyperthreading(topo: CpuTopologyFacts, cores: PhysicalCore[], instanceType: string): void {
  if (cores.some((c) => c.threads.length === 2)) return;
  throw new HostFactsError(
    `hyperthreading is off on this ${instanceType}: none of its ${cores.length} cores has two online threads (${threadCauses(topo, cores).join('; ')})`,
    [
      'the Ground Station Agent needs hyperthread pairs; launch the instance with 2 threads per core (CpuOptions.ThreadsPerCore = 2) and bring offline CPUs online',
    ],
  );
}

interface Domain {
  key: string;
  packageId: number;
  /** Whole online pairs, inside the cpuset, off the IRQ cores. */
  free: PhysicalCore[];
  hasIrq: boolean;
  /** Cores of this domain with one online thread. */
  single: number;
  /** Whole pairs outside the cpuset. */
  outsideCpuset: number;
}

/** L3 domains with their free cores, those without the IRQ cores first (AWS's examples put the agent on socket 1). */
function listDomains(cores: PhysicalCore[], irq: Set<number>, allowed: Set<number>): Domain[] {
  const byKey = new Map<string, Domain>();
  for (const c of cores) {
    const d = byKey.get(c.domain) ?? { key: c.domain, packageId: c.packageId, free: [], hasIrq: false, single: 0, outsideCpuset: 0 };
    byKey.set(c.domain, d);
    if (c.threads.some((t) => irq.has(t))) d.hasIrq = true;
    else if (c.threads.length !== 2) d.single++;
    else if (!c.threads.every((t) => allowed.has(t))) d.outsideCpuset++;
    else d.free.push(c);
  }
  return [...byKey.values()].sort((a, b) => Number(a.hasIrq) - Number(b.hasIrq));
}

interface AutoChoice {
  cores: PhysicalCore[];
  /** How the pairs were picked inside the domain. */
  pick: string;
  why: string;
  warnings: string[];
}

function describeDomain(d: Domain): string {
  const l3 = /^\d/.test(d.key) ? `L3 shared by CPUs ${formatCpuList(d.key.split(',').map(Number))}` : 'L3 not shown by /sys';
  return `socket ${d.packageId} (${l3})`;
}

/** Why this domain: the operator should be able to check the choice against AWS's guidance. */
function explainDomain(fit: Domain, domains: Domain[]): string {
  const where = describeDomain(fit);
  if (!fit.hasIrq) return `${where}: it does not hold the IRQ/OS cores and has ${fit.free.length} free cores`;
  const others = domains.filter((d) => !d.hasIrq);
  const reason = others.length
    ? `no domain without the IRQ/OS cores has enough (largest: ${Math.max(...others.map((d) => d.free.length))} free)`
    : 'it is the only L3 domain';
  return `${where}: shared with the IRQ/OS cores (never used) because ${reason}; ${fit.free.length} free cores`;
}

function tooSmallAdvice(need: number, instanceType: string): string {
  const fit = typesThatFit(need, instanceType);
  const split = "list the mission's profiles (only one contact runs at a time) or use fewer/narrower dataflows";
  return fit.length
    ? `choose an instance type with ${need} free cores in one L3 domain (${fit.join(', ')}), or ${split}`
    : `no listed instance type has ${need} free cores in one L3 domain: ${split}`;
}

/** The real cause when the largest domain falls short: cores lost to offline CPUs, single threads or the cpuset. */
function shortfall(best: Domain, topo: CpuTopologyFacts, need: number): { cause: string; advice: string[] } {
  const parts: string[] = [];
  const advice: string[] = [];
  if (best.single) {
    const offline = topo.offline?.length ? ` (CPUs ${formatCpuList(topo.offline)} offline on this host)` : '';
    parts.push(
      `only ${best.free.length + best.outsideCpuset} whole hyperthread pairs are online on ${describeDomain(best)}: ${best.single} of its cores have one thread${offline}`,
    );
    advice.push(
      topo.offline?.length
        ? `bring the offline CPUs online (echo 1 | sudo tee /sys/devices/system/cpu/cpuN/online) or restore the instance's CPU options (2 threads per core)`
        : 'use an instance whose cores all have two threads (CpuOptions.ThreadsPerCore = 2)',
    );
  }
  if (best.outsideCpuset && topo.cpuset) {
    parts.push(
      `${best.outsideCpuset} of its whole pairs are outside the cpuset ${topo.cpuset.path} (CPUs ${formatCpuList(topo.cpuset.cpus)})`,
    );
    advice.push(
      "widen the agent's cpuset (systemctl set-property aws-groundstation-agent.service AllowedCPUs=…, or the cgroup's cpuset.cpus)",
    );
  }
  return { cause: parts.length ? `; ${parts.join('; ')}; the mission needs ${need}` : '', advice };
}

interface Candidate {
  domain: Domain;
  cores: PhysicalCore[];
  /** Cores on the NIC's node (all of them when no preference applies). */
  onNode: number;
  order: number;
}

/** The domain's choice: the NIC's node first (when known), then the lowest free pairs. */
function candidateIn(d: Domain, need: number, nicNode: number | undefined, order: number): Candidate {
  if (nicNode === undefined) return { domain: d, cores: d.free.slice(0, need), onNode: need, order };
  const near = d.free.filter((c) => c.numaNode === nicNode);
  const far = d.free.filter((c) => c.numaNode !== nicNode);
  const cores = [...near, ...far].slice(0, need).sort((a, b) => a.threads[0] - b.threads[0]);
  return { domain: d, cores, onNode: Math.min(near.length, need), order };
}

function autoCores(
  topo: CpuTopologyFacts,
  cores: PhysicalCore[],
  irq: Set<number>,
  need: number,
  instanceType: string,
  nic: NicPlacement,
): AutoChoice {
  const allowed = new Set(topo.cpuset?.cpus ?? topo.online);
  const domains = listDomains(cores, irq, allowed);
  const nodes = new Set(cores.map((c) => c.numaNode).filter((n) => n !== undefined));
  const nicNode = nic.numaNode !== undefined && nodes.size > 1 ? nic.numaNode : undefined;
  // NUMA first (most cores on the NIC's node), then the L3 rule as before (no IRQ core, lowest).
  const candidates = domains
    .filter((d) => d.free.length >= need)
    .map((d, i) => candidateIn(d, need, nicNode, i))
    .sort((a, b) => b.onNode - a.onNode || a.order - b.order);
  const fit = candidates[0];
  if (!fit) {
    const best = domains.reduce<Domain | undefined>((a, d) => (!a || d.free.length > a.free.length ? d : a), undefined);
    const { cause, advice } = best ? shortfall(best, topo, need) : { cause: '', advice: [] };
    throw new HostFactsError(
      `this ${instanceType} is too small for the mission: it needs ${need} cores (${need * 2} vCPUs) in one L3 domain, the largest has ${best?.free.length ?? 0} free${cause}`,
      [...advice, tooSmallAdvice(need, instanceType)],
    );
  }
  const warnings: string[] = [];
  const why = explainDomain(fit.domain, domains);
  let pick = `the ${need} lowest free hyperthread pairs`;
  if (nicNode !== undefined) {
    const nicName = nic.name ?? 'the NIC';
    pick = `the ${need} lowest free hyperthread pairs on NUMA node ${nicNode} (${nicName}'s)`;
    if (fit.onNode !== need) {
      pick = `the ${need} lowest free hyperthread pairs, NUMA node ${nicNode} (${nicName}'s) first,`;
      const nearBest = Math.max(0, ...domains.map((d) => d.free.filter((c) => c.numaNode === nicNode).length));
      const others = [...new Set(fit.cores.map((c) => c.numaNode).filter((n) => n !== nicNode))].join(', ');
      warnings.push(
        `the agent cores cross NUMA nodes: ${nicName} is on node ${nicNode}, ${fit.onNode} of the ${need} cores are (the rest on node ${others}), because no L3 domain has ${need} free whole hyperthread pairs on node ${nicNode} (largest: ${nearBest}): packets cross the interconnect; free cores on node ${nicNode} or use a larger instance`,
      );
    }
  }
  return { cores: fit.cores, pick, why, warnings };
}

function checkOverride(mission: Mission, topo: CpuTopologyFacts, cores: PhysicalCore[], irq: Set<number>, need: number): string[] {
  const chosen = mission.agent.cpuCores as number[];
  const set = new Set(chosen);
  const problems: string[] = [];
  const byThread = new Map(cores.flatMap((c) => c.threads.map((t) => [t, c] as const)));
  const offline = chosen.filter((t) => !byThread.has(t));
  if (offline.length) problems.push(`CPUs ${formatCpuList(offline)} are not online on this host`);
  const broken = cores.filter((c) => c.threads.some((t) => set.has(t)) && !c.threads.every((t) => set.has(t)));
  if (broken.length)
    problems.push(`not whole hyperthread pairs: add ${formatCpuList(broken.flatMap((c) => c.threads.filter((t) => !set.has(t))))}`);
  const single = cores.filter((c) => c.threads.length < 2 && c.threads.some((t) => set.has(t)));
  if (single.length)
    problems.push(
      `CPUs ${formatCpuList(single.flatMap((c) => c.threads))} have no online hyperthread sibling: not whole pairs; choose others`,
    );
  const onIrq = chosen.filter((t) => irq.has(t));
  if (onIrq.length) problems.push(`CPUs ${formatCpuList(onIrq)} are the IRQ/OS cores; remove them`);
  if (topo.cpuset) {
    const allowed = new Set(topo.cpuset.cpus);
    const outside = chosen.filter((t) => byThread.has(t) && !allowed.has(t));
    if (outside.length)
      problems.push(
        `CPUs ${formatCpuList(outside)} are outside the cpuset ${topo.cpuset.path} (CPUs ${formatCpuList(topo.cpuset.cpus)}); the agent cannot run there`,
      );
  }
  const domains = new Set(chosen.map((t) => byThread.get(t)?.domain).filter(Boolean));
  if (domains.size > 1) problems.push('the cores span more than one L3 cache domain (socket); keep them on one');
  const physical = new Set(chosen.map((t) => byThread.get(t)).filter(Boolean)).size;
  if (physical < need) problems.push(`${physical} cores given, the mission needs ${need}`);
  return problems;
}

/** What the topology says that the operator should know: offline CPUs, compute units, the cpuset, an L3 without its list. */
function topologyRemarks(topo: CpuTopologyFacts, cores: PhysicalCore[]): { notes: string[]; warnings: string[] } {
  const notes: string[] = [];
  const warnings: string[] = [];
  const causes = threadCauses(topo, cores);
  if (causes.length) notes.push(`only whole online hyperthread pairs are used: ${causes.join('; ')}`);
  if (topo.cpuset && topo.online.some((t) => !topo.cpuset!.cpus.includes(t)))
    notes.push(`the agent's cores are chosen inside the cpuset ${topo.cpuset.path} (CPUs ${formatCpuList(topo.cpuset.cpus)})`);
  if (topo.l3Unlisted?.length)
    warnings.push(
      `the L3 cache of CPUs ${formatCpuList(topo.l3Unlisted)} shows no shared_cpu_list in /sys: one L3 domain per socket assumed; check the agent cores against lscpu --extended or lstopo`,
    );
  return { notes, warnings };
}

export function planCpuCores(mission: Mission, topo: CpuTopologyFacts | undefined, instanceType: string, nic: NicPlacement = {}): CpuPlan {
  const need = sizeNeed(mission);
  const override = mission.agent.cpuCores;
  if (!topo) {
    if (override === 'auto') {
      throw new HostFactsError('no CPU topology facts: cannot choose agent CPU cores', [
        'run on the host (reads /sys), pass --sys-root DIR, or set agent.cpuCores in the mission',
      ]);
    }
    return {
      agentCpuCores: override,
      irqCores: [],
      cpuCount: 0,
      notes: need.notes,
      warnings: [...need.warnings, 'agent.cpuCores not checked: no CPU topology facts'],
    };
  }
  const cores = listPhysicalCores(topo);
  requireHyperthreading(topo, cores, instanceType);
  const remarks = topologyRemarks(topo, cores);
  const warnings = [...need.warnings, ...remarks.warnings];
  const irqCores = pickIrqCores(cores);
  const irq = new Set(irqCores);
  let agentCpuCores: number[];
  let why = 'from the mission, checked: whole hyperthread pairs, one L3 domain, no IRQ/OS core, enough cores';
  if (override === 'auto') {
    const choice = autoCores(topo, cores, irq, need.cores, instanceType, nic);
    agentCpuCores = choice.cores.flatMap((c) => c.threads).sort((a, b) => a - b);
    why = `${choice.pick} of ${choice.why}`;
    warnings.push(...choice.warnings);
  } else {
    const problems = checkOverride(mission, topo, cores, irq, need.cores);
    if (problems.length) {
      throw new MissionInvalidError(
        `${mission.file}: agent.cpuCores ${formatCpuList(override)} does not fit this ${instanceType}`,
        problems,
      );
    }
    agentCpuCores = override;
  }
  const used = new Set([...agentCpuCores, ...irqCores]);
  const left = topo.online.filter((t) => !used.has(t));
  const notes = [
    ...need.notes,
    ...remarks.notes,
    `agent cores: ${formatCpuList(agentCpuCores)} (${agentCpuCores.length} vCPUs): ${why}`,
    `IRQ/OS cores: ${formatCpuList(irqCores)} (the first two cores of the lowest socket and their hyperthreads, as in AWS's tuning table; set_irq_affinity.sh keeps interrupts there)`,
    `left for your SDR and other work: ${left.length ? formatCpuList(left) : 'none'}`,
  ];
  return { agentCpuCores, irqCores, cpuCount: topo.online.length, notes, warnings };
}
