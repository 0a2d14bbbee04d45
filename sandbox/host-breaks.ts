/**
 * `sandbox --break CHECK_ID`: the simulated host's live state (what /proc, the extra /sys
 * files, ethtool, systemctl and rpm show) and the changes that make exactly one doctor check
 * fail. Default: a ready host (AWS's kernel arguments, tuning live, irqbalance off, the agent
 * installed and enabled).
 */
import { BREAKABLE_CHECKS } from './breakable-checks.ts';
import { kernelCpuMask } from './kernel-format.ts';
import type { Ec2Service } from './ec2-service.ts';
import type { SysVariant } from './sys-variants.ts';
import type { SimulatedHost } from './types.ts';

export { BREAKABLE_CHECKS };

export interface SimulatedCpuModel {
  modelName: string;
  model: number;
  stepping: number;
}

/** What the live host shows; derived from the profile, then changed by the breaks. */
export interface LiveHostState {
  cmdlineArgs: string[];
  cpu: SimulatedCpuModel;
  reservedPorts: string;
  /** Affinity of every NIC IRQ. */
  irqAffinity: number[];
  rpsMask: string;
  numaNode: number;
  ring: { max: number; current: number };
  coalesceUsecs: number;
  irqbalance: { active: string; enabled: string };
  agent: { installed: boolean; version: string; active: string; enabled: string };
  /** `systemctl show` of the agent's unit beyond is-active, and its journal. */
  agentUnit: { subState: string; result: string; execMainStatus: number; journal: string[] };
  /** /etc/os-release of the host (GS_AGENT_CONFIG_OS_RELEASE). */
  osRelease: string;
  /** rpm's INSTALLTIME of the agent (epoch s) and its unit's ExecMainStartTimestamp as systemctl prints it with TZ=UTC. */
  agentTimes: { installedAt: number; startedAt: string };
  /** UDP ports with a socket bound on 0.0.0.0 (/proc/net/udp): the example missions' receivers. */
  udpListening: number[];
  /** What `rpm -V --nodeps --noscripts aws-groundstation-agent` prints (one line per changed file); empty: it verifies clean. */
  agentFilesChanged: string[];
}

/** What the agent logs at start (the shape of its journal lines, AWS's troubleshooting guide). */
const AGENT_START_LINES = ['Starting AWS Ground Station Agent', 'Loading Config', 'Config loaded', 'Agent started'];
/** AWS's documented symptom of a bad config: the agent panics right after "Loading Config" (exit 101), systemd restarts it. */
export const CRASH_LOOP_JOURNAL = [
  'Starting AWS Ground Station Agent',
  'Loading Config',
  "thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: missing field `agentCpuCores`'",
  'aws-groundstation-agent.service: Main process exited, code=exited, status=101/n/a',
  "aws-groundstation-agent.service: Failed with result 'exit-code'.",
];
export const OS_RELEASE_AL2023 =
  'NAME="Amazon Linux"\nVERSION="2023"\nID="amzn"\nID_LIKE="fedora"\nVERSION_ID="2023"\nPRETTY_NAME="Amazon Linux 2023.6.20241212"\n';
export const OS_RELEASE_AL2 =
  'NAME="Amazon Linux"\nVERSION="2"\nID="amzn"\nID_LIKE="centos rhel fedora"\nVERSION_ID="2"\nPRETTY_NAME="Amazon Linux 2"\n';
/** The agent RPM installed 2025-01-15 09:00:00 UTC; the unit started an hour later (the default host). */
export const AGENT_INSTALLED_AT = 1_736_931_600;
export const AGENT_STARTED_AT = 'Wed 2025-01-15 10:00:00 UTC';
/** `--break agent-restarted`: the RPM replaced on disk the day after the start, the unit not restarted. */
export const AGENT_REINSTALLED_AT = 1_737_018_000;
/** Receivers bound by default: 55000–55099 and 56000–56199 (every example mission's and test mission's deliverTo). */
export const RECEIVER_PORTS = [...Array.from({ length: 100 }, (_, i) => 55_000 + i), ...Array.from({ length: 200 }, (_, i) => 56_000 + i)];

/** `--break agent-files`: set_irq_affinity.sh edited in place (AWS's samples sed it: size, digest, mtime), as rpm -V prints it. */
export const AGENT_FILES_EDITED = ['S.5....T.    /opt/aws/groundstation/bin/set_irq_affinity.sh'];

/** An agent past its end of support (1.0.2942.0 and earlier: 2024-05-31). */
export const OLD_AGENT_VERSION = '1.0.2942.0-1';

const CSTATE_ARGS = ['intel_idle.max_cstate=1', 'processor.max_cstate=1', 'max_cstate=1'];
const AWS_ARGS = [
  'console=tty0',
  'console=ttyS0,115200n8',
  'net.ifnames=0',
  'biosdevname=0',
  'nvme_core.io_timeout=4294967295',
  ...CSTATE_ARGS,
];

const CASCADE_LAKE: SimulatedCpuModel = { modelName: 'Intel(R) Xeon(R) Platinum 8275CL CPU @ 3.00GHz', model: 85, stepping: 7 };
/** The CPUs EC2 runs these types on (c5n: Skylake 8124M, AWS-listed but older than Cascade Lake: a warning). */
const CPU_MODELS: Record<string, SimulatedCpuModel> = {
  c5n: { modelName: 'Intel(R) Xeon(R) Platinum 8124M CPU @ 3.00GHz', model: 85, stepping: 4 },
  c6i: { modelName: 'Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz', model: 106, stepping: 6 },
  c7i: { modelName: 'Intel(R) Xeon(R) Platinum 8488C', model: 143, stepping: 8 },
};
const BROADWELL: SimulatedCpuModel = { modelName: 'Intel(R) Xeon(R) CPU E5-2686 v4 @ 2.30GHz', model: 79, stepping: 1 };

export const vcpusOf = (h: SimulatedHost) => h.cpu.sockets * h.cpu.coresPerSocket * h.cpu.threadsPerCore;

/** set_irq_affinity.sh's interrupt cores on these types: the first two cores and their siblings. */
function irqCores(h: SimulatedHost): number[] {
  const n = vcpusOf(h);
  return h.cpu.threadsPerCore > 1 ? [0, 1, n / 2, n / 2 + 1] : [0, 1];
}

export function defaultLiveState(h: SimulatedHost, sys: readonly SysVariant[] = []): LiveHostState {
  const ring = h.instanceType.startsWith('c6i.') ? 8192 : 16384;
  return {
    cmdlineArgs: [...AWS_ARGS],
    cpu: CPU_MODELS[h.instanceType.split('.')[0]] ?? CASCADE_LAKE,
    // The example missions' ranges and ports, as the tool's sysctl drop-in makes them after a boot.
    reservedPorts: '42000-50000,55000-56999',
    irqAffinity: irqCores(h),
    rpsMask: kernelCpuMask(
      Array.from({ length: vcpusOf(h) }, (_, i) => i),
      vcpusOf(h),
    ),
    // The agent's cores go to the last socket (AWS's examples: socket 1), and so does the NIC here;
    // with sub-NUMA clustering (--sys snc) the NIC is on the upper half of it, not where the
    // lowest free cores are.
    numaNode: sys.includes('snc') ? h.cpu.sockets * 2 - 1 : h.cpu.sockets - 1,
    ring: { max: ring, current: ring },
    coalesceUsecs: 128,
    irqbalance: { active: 'inactive', enabled: 'disabled' },
    agent: { installed: true, version: '1.0.5953.0-1', active: 'active', enabled: 'enabled' },
    agentUnit: { subState: 'running', result: 'success', execMainStatus: 0, journal: AGENT_START_LINES },
    osRelease: OS_RELEASE_AL2023,
    agentTimes: { installedAt: AGENT_INSTALLED_AT, startedAt: AGENT_STARTED_AT },
    udpListening: RECEIVER_PORTS,
    agentFilesChanged: [],
  };
}

/** Unknown ids throw, naming the valid ones. */
export function checkBreaks(ids: readonly string[]): void {
  const bad = ids.filter((id) => !(BREAKABLE_CHECKS as readonly string[]).includes(id));
  if (bad.length)
    throw new Error(`unknown check id ${bad.map((b) => JSON.stringify(b)).join(', ')} for --break; valid: ${BREAKABLE_CHECKS.join(', ')}`);
}

/**
 * Changes to the generated /sys. nic-numa on a two-socket host: the NIC on node 0 while the
 * agent unit's cpuset keeps the agent on the last socket, so even the planner's own choice
 * crosses (it prefers the NIC's node when it may).
 */
export function breakSysfs(h: SimulatedHost, ids: readonly string[]): { cpuset?: number[] } {
  if (!ids.includes('nic-numa') || h.cpu.sockets < 2) return {};
  const n = vcpusOf(h);
  const perSocket = h.cpu.coresPerSocket;
  const physical = n / h.cpu.threadsPerCore;
  const last = (h.cpu.sockets - 1) * perSocket;
  return { cpuset: Array.from({ length: n }, (_, i) => i).filter((i) => i % physical >= last) };
}

/** Changes to the profile itself, before IMDS, EC2 and /sys are derived from it. */
export function breakHost(h: SimulatedHost, ids: readonly string[]): void {
  if (ids.includes('nic-naming')) {
    // No net.ifnames=0 effect on this NIC (a udev rule renamed it): predictable names.
    for (const eni of h.interfaces) eni.linuxName = `ens${5 + eni.deviceNumber}`;
  }
  if (ids.includes('instance-bandwidth')) h.networkPerformance = '5 Gigabit';
}

export function breakLiveState(s: LiveHostState, h: SimulatedHost, ids: readonly string[]): void {
  if (ids.includes('kernel-args')) s.cmdlineArgs = s.cmdlineArgs.filter((a) => !CSTATE_ARGS.includes(a));
  if (ids.includes('cpu-generation')) s.cpu = BROADWELL;
  if (ids.includes('irqbalance')) s.irqbalance = { active: 'active', enabled: 'enabled' };
  if (ids.includes('agent-installed')) s.agent = { installed: false, version: '', active: 'inactive', enabled: 'not-found' };
  if (ids.includes('nic-numa')) s.numaNode = h.cpu.sockets > 1 ? 0 : 1;
  if (ids.includes('ring-max')) s.ring = { max: 4096, current: 4096 };
  // Untuned: the kernel's default affinity, every CPU.
  if (ids.includes('tuning-live')) s.irqAffinity = Array.from({ length: vcpusOf(h) }, (_, i) => i);
  if (ids.includes('agent-running')) {
    s.agent = { ...s.agent, active: 'activating' };
    s.agentUnit = { subState: 'auto-restart', result: 'exit-code', execMainStatus: 101, journal: CRASH_LOOP_JOURNAL };
  }
  if (ids.includes('agent-version')) s.agent = { ...s.agent, version: OLD_AGENT_VERSION };
  if (ids.includes('os-support')) s.osRelease = OS_RELEASE_AL2;
  if (ids.includes('agent-restarted')) s.agentTimes = { ...s.agentTimes, installedAt: AGENT_REINSTALLED_AT };
  if (ids.includes('receiver-listening')) s.udpListening = [];
  if (ids.includes('agent-files')) s.agentFilesChanged = AGENT_FILES_EDITED;
}

/** Changes to the account's EC2 side. */
export function breakEc2(ec2: Ec2Service, ids: readonly string[]): void {
  if (ids.includes('eip-public-subnet')) {
    // The public subnet loses its own table: the main table (default route to a NAT gateway) applies.
    ec2.routeTables = ec2.routeTables.map((t) => ({ ...t, subnetIds: t.main ? t.subnetIds : [] }));
  }
  if (ids.includes('sg-inbound')) {
    ec2.securityGroups = ec2.securityGroups.map((g) => ({ ...g, inbound: g.inbound.filter((r) => r.protocol !== 'udp') }));
  }
  if (ids.includes('sg-outbound-443')) {
    ec2.securityGroups = ec2.securityGroups.map((g) => ({
      ...g,
      outbound: [{ protocol: 'tcp', fromPort: 22, toPort: 22, prefixListIds: [], cidrs: ['10.0.0.0/16'] }],
    }));
  }
}
