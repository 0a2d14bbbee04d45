/**
 * Gathers DoctorFacts: /proc and /sys files, the host programs and the EC2 route/egress calls,
 * all in parallel, each bounded and each failure kept as the reason of its own fact.
 */
import { statSync } from 'node:fs';
import { AGENT_CONFIG_PATH, TUNING_UNIT_PATH, underRoot } from '../host-paths.ts';
import { readAgentPackage } from '../facts/linux/agent-package.ts';
import { readFact } from '../facts/linux/bounded-read.ts';
import type { Ec2FactsOptions } from '../facts/ec2/ec2.ts';
import { readCoalesce, readRing } from '../facts/linux/ethtool.ts';
import type { ProgramOptions } from '../facts/linux/host-programs.ts';
import { readMsiIrqs, readNumaNode, readRpsMasks } from '../facts/linux/nic-sysfs.ts';
import { readCmdline, readCpuInfo, readIrqAffinity, readReservedPorts } from '../facts/linux/proc-files.ts';
import { readRouteFacts, type RouteAnswers } from '../facts/ec2/route-tables.ts';
import { readUnitState } from '../facts/linux/systemctl-state.ts';
import { readAgentService } from '../facts/linux/agent-service.ts';
import { readOsRelease } from '../facts/linux/os-release.ts';
import { readAgentTimes } from '../facts/linux/agent-times.ts';
import { readAgentFiles } from '../facts/linux/agent-files.ts';
import { readUdpSockets } from '../facts/linux/udp-sockets.ts';
import type { HostFacts } from '../types.ts';
import { eipInterface } from './eip-interface.ts';
import type { PlanFact } from './types.ts';
import type { DoctorFacts, Fact, NicFacts } from '../facts/types.ts';

export interface DoctorFactsOptions {
  /** From resolveProcRoot: the /proc to read, or why none is read. */
  procRoot: Fact<string>;
  sysRoot: string;
  /** --root: where the rendered files are. */
  root: string;
  programs: ProgramOptions;
  /** false: EC2 not asked (--skip-ec2-checks), with that as the reason. */
  ec2: Ec2FactsOptions | false;
  /** The os-release file to read (os-release.ts: osReleasePath). */
  osReleasePath: string;
}

const fromProc = <T>(o: DoctorFactsOptions, read: (root: string) => Fact<T>): Fact<T> =>
  o.procRoot.ok ? read(o.procRoot.value) : o.procRoot;

async function readNic(name: string, o: DoctorFactsOptions): Promise<NicFacts> {
  const irqs = readMsiIrqs(o.sysRoot, name);
  const [ring, coalesce] = await Promise.all([readRing(name, o.programs), readCoalesce(name, o.programs)]);
  return {
    name,
    irqAffinity: irqs.ok ? fromProc(o, (root) => readIrqAffinity(root, irqs.value)) : irqs,
    rpsMasks: readRpsMasks(o.sysRoot, name),
    numaNode: readNumaNode(o.sysRoot, name),
    ring,
    coalesce,
  };
}

function readAgentConfig(root: string): Fact<{ path: string; mode: number }> {
  const path = underRoot(root, AGENT_CONFIG_PATH);
  try {
    return { ok: true, value: { path, mode: statSync(path).mode } };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? `${path} does not exist yet` : `cannot stat ${path} (${code})` };
  }
}

function readRenderedRing(root: string): number | undefined {
  const f = readFact(underRoot(root, TUNING_UNIT_PATH), 64 * 1024);
  if (!f.ok) return undefined;
  const sizes = [...f.value.matchAll(/ethtool -G \S+ rx (\d+)/g)].map((m) => Number(m[1]));
  return sizes.length ? Math.max(...sizes) : undefined;
}

async function readEc2Part(host: Fact<HostFacts>, plan: PlanFact, o: DoctorFactsOptions): Promise<RouteAnswers> {
  const none = (reason: string): RouteAnswers => ({ route: { ok: false, reason }, egress: { ok: false, reason } });
  if (!host.ok) return none(host.reason);
  if (o.ec2 === false) return none('EC2 not asked (--skip-ec2-checks)');
  const iface = eipInterface(host.value, plan.ok ? plan.value : undefined);
  if (!iface) return none('no interface holds an Elastic IP');
  if (!iface.subnetId || !iface.vpcId) return none(`IMDS gives no subnet or VPC for ${iface.mac}`);
  return readRouteFacts(o.ec2, { subnetId: iface.subnetId, vpcId: iface.vpcId, groupIds: iface.securityGroupIds ?? [] });
}

function nicNames(host: Fact<HostFacts>, plan: PlanFact): string[] {
  if (plan.ok) return plan.value.device.networkAdapters;
  const name = host.ok ? eipInterface(host.value)?.linuxName : undefined;
  return name ? [name] : [];
}

export async function readDoctorFacts(host: Fact<HostFacts>, plan: PlanFact, o: DoctorFactsOptions): Promise<DoctorFacts> {
  const [nics, irqbalance, agentUnit, agentPackage, agentService, ec2, agentTimes, agentFiles] = await Promise.all([
    Promise.all(nicNames(host, plan).map((n) => readNic(n, o))),
    readUnitState('irqbalance.service', o.programs),
    readUnitState('aws-groundstation-agent.service', o.programs),
    readAgentPackage(o.programs),
    readAgentService(o.programs),
    readEc2Part(host, plan, o),
    readAgentTimes(o.programs),
    readAgentFiles(o.programs),
  ]);
  const renderedRing = readRenderedRing(o.root);
  return {
    cmdline: fromProc(o, readCmdline),
    cpuInfo: fromProc(o, readCpuInfo),
    reservedPorts: fromProc(o, readReservedPorts),
    nics,
    irqbalance,
    agentUnit,
    agentPackage,
    agentService,
    osRelease: readOsRelease(o.osReleasePath),
    agentConfig: readAgentConfig(o.root),
    agentTimes,
    agentFiles,
    udpSockets: fromProc(o, readUdpSockets),
    ...ec2,
    ...(renderedRing !== undefined ? { renderedRing } : {}),
  };
}
