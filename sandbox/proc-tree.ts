/**
 * The rest of the simulated host beside its /sys tree: a /proc subset (cmdline, cpuinfo, IRQ
 * affinities, the reserved-ports sysctl), the NIC's extra sysfs files (MSI IRQs, rx queues'
 * RPS masks, NUMA node) and stand-in `ethtool`, `systemctl` and `rpm` programs that answer
 * the read-only questions the doctor asks. Exported as GS_AGENT_CONFIG_PROC_ROOT and
 * GS_AGENT_CONFIG_BIN_DIR.
 *
 * The stand-ins are /bin/sh scripts whose answers are fixed at generation time from our own
 * data (interface names, numbers): no input reaches them except their arguments, which only
 * select an answer through `case`.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { kernelCpuList } from './kernel-format.ts';
import { vcpusOf, type LiveHostState } from './host-breaks.ts';
import type { SimulatedHost } from './types.ts';

/** rx queues per simulated ENA (and one more IRQ for its management queue). */
const QUEUES = 8;
const FIRST_IRQ = 27;

async function writeAll(root: string, files: Map<string, string>): Promise<void> {
  for (const [p, content] of files) {
    await mkdir(dirname(join(root, p)), { recursive: true });
    await writeFile(join(root, p), content, { mode: 0o644 });
  }
}

function cpuinfo(h: SimulatedHost, s: LiveHostState): string {
  const n = vcpusOf(h);
  const perSocket = n / h.cpu.sockets;
  return (
    Array.from({ length: n }, (_, i) =>
      [
        `processor\t: ${i}`,
        'vendor_id\t: GenuineIntel',
        'cpu family\t: 6',
        `model\t\t: ${s.cpu.model}`,
        `model name\t: ${s.cpu.modelName}`,
        `stepping\t: ${s.cpu.stepping}`,
        `physical id\t: ${Math.floor((i % (n / h.cpu.threadsPerCore)) / h.cpu.coresPerSocket)}`,
        `siblings\t: ${perSocket}`,
        `cpu cores\t: ${h.cpu.coresPerSocket}`,
        'flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep ht avx2 avx512f',
      ].join('\n'),
    ).join('\n\n') + '\n\n'
  );
}

const irqNumbers = (eniIndex: number) => Array.from({ length: QUEUES + 1 }, (_, k) => FIRST_IRQ + eniIndex * (QUEUES + 1) + k);

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');
const UDP_HEADER = '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops';

/** /proc/net/udp as the kernel prints it: chronyd on 127.0.0.1:323, then a receiver on 0.0.0.0 for each port. */
export function procNetUdp(ports: readonly number[]): string {
  const line = (i: number, addr: string, port: number, inode: number) =>
    `${String(i).padStart(5)}: ${addr}:${hex(port, 4)} 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 ${inode} 2 ffff9a0c3e5f${hex(i, 4)} 0`;
  const lines = [line(0, '0100007F', 323, 17_001), ...ports.map((p, i) => line(i + 1, '00000000', p, 20_000 + i))];
  return `${UDP_HEADER}\n${lines.join('\n')}\n`;
}

/** /proc/net/udp6: chronyd on ::1:323 only. */
export function procNetUdp6(): string {
  return `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n    0: 00000000000000000000000001000000:0143 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000   997        0 17002 2 ffff9a0c3e5f1000 0\n`;
}

/** /proc under procRoot. */
export async function writeProcTree(h: SimulatedHost, s: LiveHostState, procRoot: string): Promise<void> {
  const files = new Map<string, string>();
  files.set(
    'cmdline',
    `BOOT_IMAGE=(hd0,gpt1)/boot/vmlinuz-6.1.102-111.182.amzn2023.x86_64 root=UUID=5b3d1f2e-0d6c-4c49-9a0b-2f7c1d9e8a11 ro ${s.cmdlineArgs.join(' ')}\n`,
  );
  files.set('cpuinfo', cpuinfo(h, s));
  files.set('sys/net/ipv4/ip_local_reserved_ports', `${s.reservedPorts}\n`);
  files.set('net/udp', procNetUdp(s.udpListening));
  files.set('net/udp6', procNetUdp6());
  h.interfaces.forEach((_, i) => {
    for (const irq of irqNumbers(i)) files.set(`irq/${irq}/smp_affinity_list`, `${kernelCpuList(s.irqAffinity)}\n`);
  });
  await writeAll(procRoot, files);
}

/** The NIC files the doctor reads under the /sys tree sysfs-tree.ts wrote. */
export async function writeNicSysFiles(h: SimulatedHost, s: LiveHostState, sysRoot: string): Promise<void> {
  const files = new Map<string, string>();
  h.interfaces.forEach((eni, i) => {
    const base = `class/net/${eni.linuxName}`;
    for (const irq of irqNumbers(i)) files.set(`${base}/device/msi_irqs/${irq}`, 'msix\n');
    for (let q = 0; q < QUEUES; q++) files.set(`${base}/queues/rx-${q}/rps_cpus`, `${s.rpsMask}\n`);
    files.set(`${base}/device/numa_node`, `${s.numaNode}\n`);
  });
  await writeAll(sysRoot, files);
}

const ringText = (name: string, s: LiveHostState) => `Ring parameters for ${name}:
Pre-set maximums:
RX:\t\t${s.ring.max}
RX Mini:\tn/a
RX Jumbo:\tn/a
TX:\t\t1024
Current hardware settings:
RX:\t\t${s.ring.current}
RX Mini:\tn/a
RX Jumbo:\tn/a
TX:\t\t1024
`;

const coalesceText = (name: string, s: LiveHostState) => `Coalesce parameters for ${name}:
Adaptive RX: off  TX: n/a
rx-usecs: ${s.coalesceUsecs}
rx-frames: n/a
tx-usecs: ${s.coalesceUsecs}
tx-frames: n/a
`;

interface Answer {
  args: string;
  out: string;
  code: number;
}

/** A /bin/sh script answering exactly `answers` (quoted heredocs: the text is never expanded). */
function script(name: string, answers: Answer[]): string {
  const cases = answers.map((a, i) => `  '${a.args}')\n    cat <<'GSAC_${i}'\n${a.out}GSAC_${i}\n    exit ${a.code} ;;`).join('\n');
  return `#!/bin/sh\n# gs-agent-config sandbox stand-in for ${name}: read-only answers of the simulated host.\ncase "$*" in\n${cases}\n  *) echo "${name} (sandbox stand-in): not simulated: $*" >&2; exit 2 ;;\nesac\n`;
}

/** The host's /etc/os-release (exported as GS_AGENT_CONFIG_OS_RELEASE). */
export async function writeOsRelease(s: LiveHostState, path: string): Promise<void> {
  await writeAll(dirname(path), new Map([[basename(path), s.osRelease]]));
}

/** ethtool, systemctl, journalctl and rpm under binDir. */
export async function writeStandInPrograms(h: SimulatedHost, s: LiveHostState, binDir: string): Promise<void> {
  const unit = (u: string, st: { active: string; enabled: string }): Answer[] => [
    { args: `is-active ${u}`, out: `${st.active}\n`, code: st.active === 'active' ? 0 : 3 },
    { args: `is-enabled ${u}`, out: st.enabled === 'not-found' ? '' : `${st.enabled}\n`, code: st.enabled === 'enabled' ? 0 : 1 },
  ];
  const rpmArgs = '-q --queryformat %{VERSION}-%{RELEASE}\\n aws-groundstation-agent';
  const installTimeArgs = '-q --queryformat %{INSTALLTIME}\\n aws-groundstation-agent';
  const verifyArgs = '-V --nodeps --noscripts aws-groundstation-agent';
  const agentUnit = 'aws-groundstation-agent';
  const show = [
    `LoadState=${s.agent.installed ? 'loaded' : 'not-found'}`,
    `ActiveState=${s.agent.active}`,
    `SubState=${s.agent.installed ? s.agentUnit.subState : 'dead'}`,
    `Result=${s.agentUnit.result}`,
    `ExecMainStatus=${s.agentUnit.execMainStatus}`,
    `ExecMainStartTimestampMonotonic=${s.agent.installed ? 8_123_456 : 0}`,
  ];
  const programs: Record<string, Answer[]> = {
    ethtool: h.interfaces.flatMap((eni) => [
      { args: `-g ${eni.linuxName}`, out: ringText(eni.linuxName, s), code: 0 },
      { args: `-c ${eni.linuxName}`, out: coalesceText(eni.linuxName, s), code: 0 },
    ]),
    systemctl: [
      ...unit('irqbalance.service', s.irqbalance),
      ...unit('aws-groundstation-agent.service', s.agent),
      {
        args: `show -p LoadState,ActiveState,SubState,Result,ExecMainStatus,ExecMainStartTimestampMonotonic ${agentUnit}`,
        out: `${show.join('\n')}\n`,
        code: 0,
      },
      {
        args: `show -p ExecMainStartTimestamp ${agentUnit}`,
        out: `ExecMainStartTimestamp=${s.agent.installed ? s.agentTimes.startedAt : ''}\n`,
        code: 0,
      },
    ],
    journalctl: [
      {
        args: `-u ${agentUnit} -n 50 --no-pager -o cat`,
        out: s.agent.installed ? `${s.agentUnit.journal.join('\n')}\n` : '-- No entries --\n',
        code: 0,
      },
    ],
    rpm: [
      s.agent.installed
        ? { args: rpmArgs, out: `${s.agent.version}\n`, code: 0 }
        : { args: rpmArgs, out: 'package aws-groundstation-agent is not installed\n', code: 1 },
      s.agent.installed
        ? { args: installTimeArgs, out: `${s.agentTimes.installedAt}\n`, code: 0 }
        : { args: installTimeArgs, out: 'package aws-groundstation-agent is not installed\n', code: 1 },
      !s.agent.installed
        ? { args: verifyArgs, out: 'package aws-groundstation-agent is not installed\n', code: 1 }
        : s.agentFilesChanged.length
          ? { args: verifyArgs, out: `${s.agentFilesChanged.join('\n')}\n`, code: 1 }
          : { args: verifyArgs, out: '', code: 0 },
    ],
  };
  await mkdir(binDir, { recursive: true });
  for (const [name, answers] of Object.entries(programs)) {
    await writeFile(join(binDir, name), script(name, answers), { mode: 0o755 });
    await chmod(join(binDir, name), 0o755);
  }
}
