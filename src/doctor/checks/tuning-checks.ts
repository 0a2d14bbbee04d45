/**
 * Tuning checks: the rx ring the unit renders fits the NIC (`ethtool -g` maximum), and the
 * tuning is live: IRQs off the agent cores, RPS masks, reserved ports, ring and coalescing as
 * the plan says. Every mismatch names the setting, the expected and the actual value. Pure.
 */
import { formatCpuList } from '../../cpu-list.ts';
import { awsRingSize as ringBufferFor } from '../../plan/ring-size.ts';
import type { Plan } from '../../types.ts';
import type { Check, CheckResult, DoctorInput } from '../types.ts';
import type { NicFacts } from '../../facts/types.ts';
import { withoutPlan } from '../types.ts';
import { eipInterface } from '../eip-interface.ts';
import { applyFix } from '../fix-commands.ts';

const result = (id: string, status: CheckResult['status'], evidence: string, fix = ''): CheckResult => ({ id, status, evidence, fix });

/** AWS's coalescing (tuning guide): rx-usecs 128 tx-usecs 128. */
export const COALESCE_USECS = 128;

function adapterNames({ host, plan }: DoctorInput): string[] {
  if (plan.ok) return plan.value.device.networkAdapters;
  const name = host.ok ? eipInterface(host.value)?.linuxName : undefined;
  return name ? [name] : [];
}

export const ringMax: Check = (input) => {
  const id = 'ring-max';
  const { host, doctor } = input;
  if (!host.ok) return result(id, 'unknown', host.reason);
  const aws = ringBufferFor(host.value.instance.type);
  const names = adapterNames(input);
  if (!names.length) return result(id, 'unknown', 'no network adapter to look at (no mission, no interface with an Elastic IP)');
  const lines: string[] = [];
  for (const name of names) {
    const ring = doctor.nics.find((n) => n.name === name)?.ring;
    if (!ring) return result(id, 'unknown', `${name} is not an interface of this host`);
    if (!ring.ok) return result(id, 'unknown', ring.reason);
    const max = ring.value.rxMax;
    if (doctor.renderedRing !== undefined && doctor.renderedRing > max) {
      return result(
        id,
        'fail',
        `the rendered tuning unit sets ${name} rx ${doctor.renderedRing}, above the NIC's maximum ${max} (ethtool -g): ethtool refuses it and the ring keeps its default`,
        `re-run ${applyFix(input)}: it renders rx ${Math.min(aws, max)}`,
      );
    }
    if (max < aws) {
      return result(
        id,
        'fail',
        `${name} allows an rx ring of at most ${max} (ethtool -g); AWS's tuning asks ${aws} on ${host.value.instance.type}: the unit renders ${max}`,
        `use an instance type whose NIC takes rx ${aws}; until then the unit keeps ${max}, the NIC's maximum`,
      );
    }
    lines.push(`${name} rx ring maximum ${max} ≥ AWS's ${aws}: the unit renders ${aws}`);
  }
  return result(id, 'ok', lines.join('; '));
};

/** A hex CPU mask without grouping commas and leading zeros, for comparing kernel and plan forms. */
export const normalizeMask = (m: string) =>
  m
    .replace(/,/g, '')
    .replace(/^0+(?=.)/, '')
    .toLowerCase();

/** Every port of a `a-b,c` list. */
function portSet(list: string): Set<number> {
  const out = new Set<number>();
  for (const part of list
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [a, b = a] = part.split('-').map(Number);
    for (let p = a; p <= b && Number.isInteger(p); p++) out.add(p);
  }
  return out;
}

function nicMismatches(nic: NicFacts, plan: Plan, unknown: string[]): string[] {
  const out: string[] = [];
  const agent = plan.device.agentCpuCores;
  if (nic.irqAffinity.ok) {
    // IRQs with the same wrong affinity on one line: an untuned ENA has dozens.
    const byAffinity = new Map<string, number[]>();
    for (const [irq, cpus] of Object.entries(nic.irqAffinity.value)) {
      if (cpus.some((c) => agent.includes(c)))
        byAffinity.set(formatCpuList(cpus), [...(byAffinity.get(formatCpuList(cpus)) ?? []), Number(irq)]);
    }
    for (const [cpus, irqs] of byAffinity) {
      out.push(
        `${nic.name} IRQ${irqs.length > 1 ? 's' : ''} ${formatCpuList(irqs)} smp_affinity_list: expected off the agent cores ${formatCpuList(agent)} (on ${formatCpuList(plan.tuning.irqCores)}), actual ${cpus}`,
      );
    }
  } else unknown.push(nic.irqAffinity.reason);
  if (nic.rpsMasks.ok) {
    for (const [queue, mask] of Object.entries(nic.rpsMasks.value)) {
      if (normalizeMask(mask) !== normalizeMask(plan.tuning.rpsMask))
        out.push(`${nic.name} ${queue} rps_cpus: expected ${plan.tuning.rpsMask}, actual ${mask}`);
    }
  } else unknown.push(nic.rpsMasks.reason);
  if (nic.ring.ok) {
    if (nic.ring.value.rxCurrent !== plan.tuning.ringBuffer)
      out.push(`${nic.name} rx ring: expected ${plan.tuning.ringBuffer}, actual ${nic.ring.value.rxCurrent}`);
  } else unknown.push(nic.ring.reason);
  if (nic.coalesce.ok) {
    for (const k of ['rxUsecs', 'txUsecs'] as const) {
      const v = nic.coalesce.value[k];
      if (v !== COALESCE_USECS)
        out.push(`${nic.name} ${k === 'rxUsecs' ? 'rx-usecs' : 'tx-usecs'}: expected ${COALESCE_USECS}, actual ${v ?? 'not reported'}`);
    }
  } else unknown.push(nic.coalesce.reason);
  return out;
}

export const tuningLive: Check = (input) => {
  const { plan, doctor } = input;
  const id = 'tuning-live';
  if (!plan.ok) return withoutPlan(id, plan);
  const unknown: string[] = [];
  const bad: string[] = [];
  for (const name of plan.value.device.networkAdapters) {
    const nic = doctor.nics.find((n) => n.name === name);
    if (!nic) unknown.push(`${name} is not an interface of this host`);
    else bad.push(...nicMismatches(nic, plan.value, unknown));
  }
  if (doctor.reservedPorts.ok) {
    const live = portSet(doctor.reservedPorts.value);
    const notLive = [...portSet(plan.value.tuning.reservedPorts)].some((p) => !live.has(p));
    if (notLive)
      bad.push(
        `net.ipv4.ip_local_reserved_ports: expected to cover ${plan.value.tuning.reservedPorts}, actual ${doctor.reservedPorts.value.trim() || '(empty)'}`,
      );
  } else unknown.push(doctor.reservedPorts.reason);
  const fix = `sudo ${applyFix(input, ['--apply-tuning'])} (or reboot)`;
  if (bad.length) return result(id, 'fail', [...bad, ...unknown.map((u) => `not checked: ${u}`)].join('; '), fix);
  if (unknown.length) return result(id, 'unknown', unknown.join('; '));
  return result(
    id,
    'ok',
    `IRQs of ${plan.value.device.networkAdapters.join(', ')} off the agent cores, RPS ${plan.value.tuning.rpsMask}, rx ring ${plan.value.tuning.ringBuffer}, coalescing ${COALESCE_USECS}/${COALESCE_USECS} µs, reserved ports ${plan.value.tuning.reservedPorts} live`,
  );
};
