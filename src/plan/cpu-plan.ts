/**
 * Agent CPU cores from the topology, following AWS's guidance (Agent UG, instance selection):
 * whole hyperthread pairs sharing one L3 cache, sized by bandwidth, plus one management core,
 * never the IRQ/OS cores, all in one L3 domain.
 */
import type { CpuTopologyFacts, Mission } from '../types.ts';
import { HostFactsError, MissionInvalidError } from '../errors.ts';
import { formatCpuList } from '../cpu-list.ts';
import { MANAGEMENT_CORES, coresForDataflow } from './core-table.ts';
import { listPhysicalCores, pickIrqCores, type PhysicalCore } from './cpu-topology.ts';
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

function requireHyperthreading(cores: PhysicalCore[], instanceType: string): void {
  const single = cores.filter((c) => c.threads.length !== 2);
  if (single.length > 0) {
    throw new HostFactsError(
      `hyperthreading is off on this ${instanceType} (${single.length} of ${cores.length} cores have ${single[0].threads.length} thread)`,
      ['the Ground Station Agent needs hyperthread pairs; launch the instance with 2 threads per core (CpuOptions.ThreadsPerCore = 2)'],
    );
  }
}

interface Domain {
  key: string;
  packageId: number;
  free: PhysicalCore[];
  hasIrq: boolean;
}

/** L3 domains with their free cores, those without the IRQ cores first (AWS's examples put the agent on socket 1). */
function listDomains(cores: PhysicalCore[], irq: Set<number>): Domain[] {
  const byKey = new Map<string, Domain>();
  for (const c of cores) {
    const d = byKey.get(c.domain) ?? { key: c.domain, packageId: c.packageId, free: [], hasIrq: false };
    if (c.threads.some((t) => irq.has(t))) d.hasIrq = true;
    else d.free.push(c);
    byKey.set(c.domain, d);
  }
  return [...byKey.values()].sort((a, b) => Number(a.hasIrq) - Number(b.hasIrq));
}

interface AutoChoice {
  cores: PhysicalCore[];
  why: string;
}

/** Why this domain: the operator should be able to check the choice against AWS's guidance. */
function explainDomain(fit: Domain, domains: Domain[]): string {
  const l3 = /^\d/.test(fit.key) ? `L3 shared by CPUs ${formatCpuList(fit.key.split(',').map(Number))}` : 'L3 not shown by /sys';
  const where = `socket ${fit.packageId} (${l3})`;
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

function autoCores(cores: PhysicalCore[], irq: Set<number>, need: number, instanceType: string): AutoChoice {
  const domains = listDomains(cores, irq);
  const fit = domains.find((d) => d.free.length >= need);
  if (!fit) {
    const best = Math.max(0, ...domains.map((d) => d.free.length));
    throw new HostFactsError(
      `this ${instanceType} is too small for the mission: it needs ${need} cores (${need * 2} vCPUs) in one L3 domain, the largest has ${best} free`,
      [tooSmallAdvice(need, instanceType)],
    );
  }
  return { cores: fit.free.slice(0, need), why: explainDomain(fit, domains) };
}

function checkOverride(mission: Mission, cores: PhysicalCore[], irq: Set<number>, need: number): string[] {
  const chosen = mission.agent.cpuCores as number[];
  const set = new Set(chosen);
  const problems: string[] = [];
  const byThread = new Map(cores.flatMap((c) => c.threads.map((t) => [t, c] as const)));
  const offline = chosen.filter((t) => !byThread.has(t));
  if (offline.length) problems.push(`CPUs ${formatCpuList(offline)} are not online on this host`);
  const broken = cores.filter((c) => c.threads.some((t) => set.has(t)) && !c.threads.every((t) => set.has(t)));
  if (broken.length)
    problems.push(`not whole hyperthread pairs: add ${formatCpuList(broken.flatMap((c) => c.threads.filter((t) => !set.has(t))))}`);
  const onIrq = chosen.filter((t) => irq.has(t));
  if (onIrq.length) problems.push(`CPUs ${formatCpuList(onIrq)} are the IRQ/OS cores; remove them`);
  const domains = new Set(chosen.map((t) => byThread.get(t)?.domain).filter(Boolean));
  if (domains.size > 1) problems.push('the cores span more than one L3 cache domain (socket); keep them on one');
  const physical = new Set(chosen.map((t) => byThread.get(t)).filter(Boolean)).size;
  if (physical < need) problems.push(`${physical} cores given, the mission needs ${need}`);
  return problems;
}

export function planCpuCores(mission: Mission, topo: CpuTopologyFacts | undefined, instanceType: string): CpuPlan {
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
  requireHyperthreading(cores, instanceType);
  const irqCores = pickIrqCores(cores);
  const irq = new Set(irqCores);
  let agentCpuCores: number[];
  let why = 'from the mission, checked: whole hyperthread pairs, one L3 domain, no IRQ/OS core, enough cores';
  if (override === 'auto') {
    const choice = autoCores(cores, irq, need.cores, instanceType);
    agentCpuCores = choice.cores.flatMap((c) => c.threads).sort((a, b) => a - b);
    why = `the ${need.cores} lowest free hyperthread pairs of ${choice.why}`;
  } else {
    const problems = checkOverride(mission, cores, irq, need.cores);
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
    `agent cores: ${formatCpuList(agentCpuCores)} (${agentCpuCores.length} vCPUs): ${why}`,
    `IRQ/OS cores: ${formatCpuList(irqCores)} (the first two cores of the lowest socket and their hyperthreads, as in AWS's tuning table; set_irq_affinity.sh keeps interrupts there)`,
    `left for your SDR and other work: ${left.length ? formatCpuList(left) : 'none'}`,
  ];
  return { agentCpuCores, irqCores, cpuCount: topo.online.length, notes, warnings: need.warnings };
}
