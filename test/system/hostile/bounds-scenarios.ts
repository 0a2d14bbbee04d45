/**
 * Hostile host programs, files and EC2 pages against the bounds of a run (issue 19, items 3
 * and 4): programs that ignore SIGTERM, print megabytes, are killed or exit with a status they
 * do not document; named pipes, binary and cut files in the /proc and /sys trees; route tables
 * over two pages and a page token that loops. Each runs the real CLI (main()) against the
 * sandbox with --deadline and says what must hold: the documented exit code, no run past the
 * deadline by more than a second, and `unknown` with the reason where the evidence is unsound.
 * Run by bounds-hostile.test.ts (not yet by `npm run chaos -- --hostile`, whose lists are the
 * aws and facts scenarios).
 */
import { cp, mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../sandbox/server.ts';
import type { CheckStatus } from '../../../src/doctor/types.ts';
import { example, runMain, type CliResult } from '../../helpers/cli.ts';
import { startCorruptingProxy, type Corrupt } from './facts-proxy.ts';
import { TAG_INSTANCE, TAG_MISSION } from '../../../src/ownership-tags.ts';

export const MISSION = example('wideband-downlink.yaml');
/** The mission's name (its `name:`): its group is the one a scenario may make. */
const MISSION_NAME = 'noaa20-wideband';

/**
 * The host's groups for MISSION. Other tests of the file make groups for other missions on the
 * same host, so a scenario counts only its own.
 */
function groupsOfMission(sb: Sandbox): number {
  return [...sb.groundStation.groups.values()].filter(
    (g) => g.tags[TAG_INSTANCE] === sb.host.instanceId && g.tags[TAG_MISSION] === MISSION_NAME,
  ).length;
}

export interface BoundsScenario {
  name: string;
  command: 'apply' | 'doctor' | 'plan';
  /** The documented exit code. */
  exit: number;
  /** --deadline SECONDS of the run. */
  deadline: number;
  /** Host programs replacing the sandbox's stand-ins: name → /bin/sh script body. */
  programs?: Record<string, string>;
  /** Damage a copy of the sandbox's /proc tree (dir) or /sys tree. */
  proc?: (dir: string) => Promise<void>;
  sys?: (dir: string) => Promise<void>;
  /** EC2 behind our corrupting proxy. */
  ec2?: Corrupt;
  /** doctor: check id → the status and evidence it must give. */
  checks?: Record<string, { status: CheckStatus; evidence: RegExp }>;
  /** A failing run's one error line. */
  message?: RegExp;
  /** apply: a warning the report must carry. */
  warning?: RegExp;
}

export interface BoundsOutcome {
  scenario: BoundsScenario;
  run: CliResult;
  ms: number;
  groups: { before: number; after: number };
}

/** Ignores SIGTERM, as a hung driver call or a stuck D-Bus does to ethtool or systemctl. */
export const IGNORES_TERM = "trap '' TERM; sleep 60";
const MEGABYTES = 'i=0; while [ $i -lt 200000 ]; do echo "RX: 4096 ....................................."; i=$((i+1)); done';

const fifo = (rel: string) => async (dir: string) => {
  await rm(join(dir, rel), { force: true });
  execFileSync('mkfifo', [join(dir, rel)]);
};
const file = (rel: string, content: string | Buffer) => async (dir: string) => writeFile(join(dir, rel), content);

/** DescribeRouteTables answered in two pages: page 1 holds every table but the subnet's own, page 2 that one. */
function routeTablesInTwoPages(): Corrupt {
  return (req, up) => {
    if (!/Action=DescribeRouteTables/.test(req.body)) return undefined;
    const xml = up.body.toString('utf8');
    const items = [
      ...xml.matchAll(/<item>\s*<routeTableId>[\s\S]*?<\/routeTableId>[\s\S]*?(?=<item>\s*<routeTableId>|<\/routeTableSet>)/g),
    ].map((m) => m[0]);
    const own = items.filter((i) => /<subnetId>/.test(i));
    const rest = items.filter((i) => !/<subnetId>/.test(i));
    const page = (set: string[], token?: string) =>
      xml.replace(
        /<routeTableSet>[\s\S]*<\/routeTableSet>/,
        `<routeTableSet>${set.join('')}</routeTableSet>${token ? `<nextToken>${token}</nextToken>` : ''}`,
      );
    return { contentType: 'text/xml', body: /NextToken=page-2/.test(req.body) ? page(own) : page(rest, 'page-2') };
  };
}

/** DescribeRouteTables whose every page names the same next page. */
function routeTablesLooping(): Corrupt {
  return (req, up) =>
    /Action=DescribeRouteTables/.test(req.body)
      ? {
          contentType: 'text/xml',
          body: up.body.toString('utf8').replace('</routeTableSet>', '</routeTableSet><nextToken>again</nextToken>'),
        }
      : undefined;
}

const unknownBecause = (evidence: RegExp) => ({ status: 'unknown' as const, evidence });

export const boundsScenarios: BoundsScenario[] = [
  // Host programs.
  {
    name: 'ethtool ignores SIGTERM during apply (the ring maximum at boot): killed, apply carries on',
    command: 'apply',
    exit: 0,
    deadline: 20,
    programs: { ethtool: IGNORES_TERM },
  },
  {
    name: "ethtool ignores SIGTERM and the run's deadline comes first: exit 5 within the deadline",
    command: 'apply',
    exit: 5,
    deadline: 3,
    programs: { ethtool: IGNORES_TERM },
    message: /deadline/,
  },
  {
    name: "systemctl and rpm ignore SIGTERM during doctor: killed at the run's deadline, their checks unknown",
    command: 'doctor',
    exit: 0,
    deadline: 4,
    programs: { systemctl: IGNORES_TERM, rpm: IGNORES_TERM },
    checks: {
      irqbalance: unknownBecause(
        /systemctl is-active irqbalance\.service did not finish \(SIGKILL\) at the run's deadline: it ignored SIGTERM for 1 s$/,
      ),
      'agent-installed': unknownBecause(/rpm -q .* did not finish \(SIGKILL\) at the run's deadline: it ignored SIGTERM for 1 s$/),
      'kernel-args': { status: 'ok', evidence: /./ },
      'ring-max': { status: 'ok', evidence: /./ },
    },
  },
  {
    name: 'ethtool ignores SIGTERM during doctor: killed a grace after its timeout, the ring checks unknown',
    command: 'doctor',
    exit: 0,
    deadline: 20,
    programs: { ethtool: IGNORES_TERM },
    checks: {
      'ring-max': unknownBecause(/ethtool -g eth\d did not finish \(SIGKILL\) after 5 s: it ignored SIGTERM for 1 s$/),
      'tuning-live': unknownBecause(/ethtool -g eth\d did not finish \(SIGKILL\) after 5 s/),
      irqbalance: { status: 'ok', evidence: /./ },
    },
  },
  {
    name: 'ethtool prints megabytes: its output is cut, the ring checks unknown',
    command: 'doctor',
    exit: 0,
    deadline: 20,
    programs: { ethtool: MEGABYTES },
    checks: { 'ring-max': unknownBecause(/ethtool -g eth\d printed more than 262144 bytes: its output was cut there/) },
  },
  {
    name: 'ethtool prints megabytes during apply: cut, apply carries on',
    command: 'apply',
    exit: 0,
    deadline: 20,
    programs: { ethtool: MEGABYTES },
  },
  {
    name: 'systemctl and rpm killed by SIGKILL: never "irqbalance ok" or "agent not installed"',
    command: 'doctor',
    exit: 0,
    deadline: 20,
    programs: { systemctl: 'kill -9 $$', rpm: 'kill -9 $$' },
    checks: {
      irqbalance: unknownBecause(/systemctl is-active irqbalance\.service was killed by SIGKILL$/),
      'agent-installed': unknownBecause(/rpm -q --queryformat .* aws-groundstation-agent was killed by SIGKILL$/),
    },
  },
  {
    name: 'systemctl exits 137 and rpm exits 137: statuses they do not document',
    command: 'doctor',
    exit: 0,
    deadline: 20,
    programs: { systemctl: 'echo inactive; exit 137', rpm: 'echo "package aws-groundstation-agent is not installed"; exit 137' },
    checks: {
      irqbalance: unknownBecause(/systemctl is-active irqbalance\.service exited 137, a status it does not document \(0, 1, 2, 3, 4\)/),
      'agent-installed': unknownBecause(/exited 137, a status it does not document \(0, 1\)/),
    },
  },
  {
    name: 'rpm -q exits 1 without saying the package is not installed (a locked rpmdb)',
    command: 'doctor',
    exit: 0,
    deadline: 20,
    programs: { rpm: 'echo "error: rpmdb: BDB0113 Thread/process 4242/0 failed: Resource temporarily unavailable" >&2; exit 1' },
    checks: { 'agent-installed': unknownBecause(/exited 1 without saying the package is not installed: "error: rpmdb: BDB0113/) },
  },
  // /proc and /sys.
  {
    name: 'a named pipe as /proc/cmdline: refused at once, kernel-args unknown',
    command: 'doctor',
    exit: 0,
    deadline: 10,
    proc: fifo('cmdline'),
    checks: { 'kernel-args': unknownBecause(/cmdline is a named pipe \(FIFO\), not a regular file: refused/) },
  },
  {
    name: 'a named pipe as /proc/cmdline during plan: left out, the plan goes on',
    command: 'plan',
    exit: 0,
    deadline: 10,
    proc: fifo('cmdline'),
  },
  {
    name: 'a binary /proc/cmdline: "not text", never a kernel-args fail',
    command: 'doctor',
    exit: 0,
    deadline: 10,
    proc: file('cmdline', Buffer.from('BOOT_IMAGE=/vmlinuz ro\0\0\x01\xff\xfe intel_idle.max_cstate=1\n', 'latin1')),
    checks: { 'kernel-args': unknownBecause(/cmdline is not text \(a NUL byte at offset 22\)$/) },
  },
  {
    name: 'a /proc/cmdline cut at its cap: "cut at 4096 bytes", never a kernel-args fail',
    command: 'doctor',
    exit: 0,
    deadline: 10,
    proc: file('cmdline', `BOOT_IMAGE=/vmlinuz ro ${'quiet '.repeat(1000)}intel_idle.max_cstate=1\n`),
    checks: { 'kernel-args': unknownBecause(/cmdline is cut at 4096 bytes \(longer than the tool reads\): not judged$/) },
  },
  {
    name: 'a named pipe as a /sys NUMA cpulist: exit 3 naming the file, at once',
    command: 'apply',
    exit: 3,
    deadline: 10,
    sys: fifo('devices/system/node/node0/cpulist'),
    message: /node0\/cpulist is a named pipe \(FIFO\), not a regular file, as every sysfs file the tool reads is: refused unread/,
  },
  {
    name: 'a named pipe as the online CPU list during doctor: host facts unknown with the reason',
    command: 'doctor',
    exit: 0,
    deadline: 10,
    sys: fifo('devices/system/cpu/online'),
    checks: { 'nic-naming': unknownBecause(/^host facts unavailable: .*cpu\/online is a named pipe \(FIFO\)/) },
  },
  {
    name: 'a named pipe as a NIC rps_cpus: tuning-live unknown',
    command: 'doctor',
    exit: 0,
    deadline: 10,
    sys: fifo('class/net/eth0/queues/rx-0/rps_cpus'),
    checks: { 'tuning-live': unknownBecause(/rx-0\/rps_cpus is a named pipe \(FIFO\)/) },
  },
  // EC2 pages.
  {
    name: "DescribeRouteTables in two pages, the subnet's table on page 2: judged on both",
    command: 'doctor',
    exit: 0,
    deadline: 20,
    ec2: routeTablesInTwoPages(),
    checks: { 'eip-public-subnet': { status: 'ok', evidence: /route table rtb-[0-9a-f]+: 0\.0\.0\.0\/0 → igw-/ } },
  },
  {
    name: 'DescribeRouteTables whose page token loops: unknown, never a fail with a wrong fix',
    command: 'doctor',
    exit: 0,
    deadline: 20,
    ec2: routeTablesLooping(),
    checks: {
      'eip-public-subnet': unknownBecause(
        /^EC2 DescribeRouteTables could not be read to its end \(DescribeRouteTables served the same page token twice \(after 2 pages\): the listing never ends\): not judged on part of the listing$/,
      ),
    },
  },
];

/** A bin dir with the sandbox's stand-ins, some replaced. */
async function binDirWith(sb: Sandbox, work: string, programs: Record<string, string>): Promise<string> {
  const dir = join(work, 'bin');
  await cp(sb.binDir, dir, { recursive: true });
  for (const [name, script] of Object.entries(programs)) {
    await writeFile(join(dir, name), `#!/bin/sh\n${script}\n`);
    await chmod(join(dir, name), 0o755);
  }
  return dir;
}

/** The scenario through main(), timed; the proxies and copies are removed after. */
export async function runBoundsScenario(s: BoundsScenario, sb: Sandbox): Promise<BoundsOutcome> {
  const work = await mkdtemp(join(tmpdir(), 'gsac-hostile-bounds-'));
  const env: Record<string, string> = { ...sb.env };
  const closers: Array<() => Promise<void>> = [];
  try {
    if (s.programs) env.GS_AGENT_CONFIG_BIN_DIR = await binDirWith(sb, work, s.programs);
    for (const [damage, from, key] of [
      [s.proc, sb.procRoot, 'GS_AGENT_CONFIG_PROC_ROOT'],
      [s.sys, sb.sysRoot, 'GS_AGENT_CONFIG_SYS_ROOT'],
    ] as const) {
      if (!damage) continue;
      const dir = join(work, key);
      await cp(from, dir, { recursive: true });
      await damage(dir);
      env[key] = dir;
    }
    if (s.ec2) {
      const p = await startCorruptingProxy(sb.url, s.ec2);
      closers.push(() => p.close());
      env.AWS_ENDPOINT_URL_EC2 = p.url;
    }
    const root = join(work, 'root');
    const before = groupsOfMission(sb);
    const argv = [s.command, MISSION, '--root', root, '--deadline', String(s.deadline), ...(s.command === 'apply' ? [] : ['--json'])];
    const t0 = performance.now();
    const run = await runMain(argv, env);
    const ms = performance.now() - t0;
    return { scenario: s, run, ms, groups: { before, after: groupsOfMission(sb) } };
  } finally {
    for (const close of closers) await close();
    await rm(work, { recursive: true, force: true });
  }
}
