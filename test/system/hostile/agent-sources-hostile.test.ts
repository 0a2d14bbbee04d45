/**
 * Issue 20, hostile at the system level: the agent's sources (rpm -q, rpm -V, systemctl show,
 * journalctl, /proc/net/udp) answered by our own corrupting stand-ins in a copy of the sandbox's
 * bin dir and /proc, through `doctor` (main(), the real bounded runner): garbled, huge, hanging,
 * ignoring SIGTERM, unknown formats and values, NUL bytes, a named pipe. Each makes its check
 * `unknown` naming the source (the journal, supplementary evidence of a unit read soundly, is
 * said as "journal not read"), doctor finishes within its bounds, never crashes, never a stack.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, cp, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult } from '../../../src/doctor/types.ts';
import { PROGRAM_TIMEOUT_MS } from '../../../src/facts/linux/host-programs.ts';
import { KILL_GRACE_MS } from '../../../src/run-program.ts';
import { example, runMain } from '../../helpers/cli.ts';
import { useSandbox, type SandboxFixture } from '../../helpers/sandbox-fixture.ts';

const MISSION = example('wideband-downlink.yaml');
/** A hung program costs its timeout and the kill grace; the rest is a busy shared machine's slack. */
const BOUND_MS = PROGRAM_TIMEOUT_MS + KILL_GRACE_MS + 9000;

const RPM_VERSION = '-q --queryformat %{VERSION}-%{RELEASE}\\n aws-groundstation-agent';
const RPM_VERIFY = '-V --nodeps --noscripts aws-groundstation-agent';
const SHOW = 'show -p LoadState,ActiveState,SubState,Result,ExecMainStatus,ExecMainStartTimestampMonotonic aws-groundstation-agent';
const SHOW_START = 'show -p ExecMainStartTimestamp aws-groundstation-agent';
const JOURNAL = '-u aws-groundstation-agent -n 50 --no-pager -o cat';

interface Scenario {
  name: string;
  /** A program's question answered by `body` (sh), every other question by the sandbox's stand-in … */
  program?: { name: 'rpm' | 'systemctl' | 'journalctl'; args: string; body: string };
  /** … or a file of the /proc copy damaged. */
  proc?: (dir: string) => Promise<void> | void;
  check: string;
  status?: CheckResult['status'];
  evidence: RegExp;
}

const HANG = 'sleep 30';
const DEAF = "trap '' TERM; sleep 30";
const HUGE = (line: string) => `yes '${line}'`;

const put = (rel: string, content: string) => (dir: string) => writeFile(join(dir, rel), content);
const fifo = (rel: string) => async (dir: string) => {
  await rm(join(dir, rel), { force: true });
  execFileSync('mkfifo', [join(dir, rel)]);
};

const scenarios: Scenario[] = [
  // rpm -q: the version.
  {
    name: 'rpm -q garbled',
    program: { name: 'rpm', args: RPM_VERSION, body: "echo '<html>503</html>'" },
    check: 'agent-version',
    evidence: /^rpm -q aws-groundstation-agent: unexpected answer "<html>503<\/html>"$/,
  },
  {
    name: 'rpm -q huge',
    program: { name: 'rpm', args: RPM_VERSION, body: HUGE('1.0.5953.0-1') },
    check: 'agent-version',
    evidence: /\/rpm -q --queryformat .* printed more than \d+ bytes/,
  },
  {
    name: 'rpm -q hanging',
    program: { name: 'rpm', args: RPM_VERSION, body: HANG },
    check: 'agent-version',
    evidence: /\/rpm -q --queryformat .* did not finish \(SIGTERM\)/,
  },
  {
    name: 'rpm -q killed (exit 137)',
    program: { name: 'rpm', args: RPM_VERSION, body: 'exit 137' },
    check: 'agent-version',
    evidence: /\/rpm -q .* exited 137, a status it does not document/,
  },
  // rpm -V: the package's files.
  {
    name: 'rpm -V garbled',
    program: { name: 'rpm', args: RPM_VERIFY, body: "echo '<html>503</html>'; exit 1" },
    check: 'agent-files',
    evidence: /\/rpm -V --nodeps --noscripts aws-groundstation-agent: line 1 is not one rpm -V prints: "<html>503<\/html>"/,
  },
  {
    name: 'rpm -V an attribute rpm does not print',
    program: { name: 'rpm', args: RPM_VERIFY, body: "printf 'S.5....T.  x /opt/aws/groundstation/bin/set_irq_affinity.sh\\n'; exit 1" },
    check: 'agent-files',
    evidence: /line 1 is not one rpm -V prints: "S\.5\.\.\.\.T\.  x \/opt/,
  },
  {
    name: 'rpm -V a NUL inside a path',
    program: { name: 'rpm', args: RPM_VERIFY, body: "printf 'S.5....T.    /opt/a\\000b\\n'; exit 1" },
    check: 'agent-files',
    evidence: /line 1 is not one rpm -V prints/,
  },
  {
    name: 'rpm -V huge',
    program: { name: 'rpm', args: RPM_VERIFY, body: `${HUGE('S.5....T.    /opt/aws/groundstation/bin/set_irq_affinity.sh')}; exit 1` },
    check: 'agent-files',
    evidence: /\/rpm -V --nodeps --noscripts aws-groundstation-agent printed more than \d+ bytes/,
  },
  {
    name: 'rpm -V more lines than a package has',
    program: { name: 'rpm', args: RPM_VERIFY, body: 'i=0; while [ $i -le 10000 ]; do echo "missing     /o/$i"; i=$((i+1)); done; exit 1' },
    check: 'agent-files',
    evidence: /printed 10001 lines, more than 10000: not judged/,
  },
  {
    name: 'rpm -V hanging after a first line',
    program: { name: 'rpm', args: RPM_VERIFY, body: `echo 'S.5....T.    /opt/x'; ${HANG}` },
    check: 'agent-files',
    evidence: /\/rpm -V --nodeps --noscripts aws-groundstation-agent did not finish \(SIGTERM\)/,
  },
  {
    name: 'rpm -V ignoring SIGTERM',
    program: { name: 'rpm', args: RPM_VERIFY, body: DEAF },
    check: 'agent-files',
    evidence: /\/rpm -V --nodeps --noscripts aws-groundstation-agent did not finish \(SIGKILL\) .*ignored SIGTERM/,
  },
  {
    name: 'rpm -V exit 0 yet a changed file',
    program: { name: 'rpm', args: RPM_VERIFY, body: "echo 'S.5....T.    /opt/x'; exit 0" },
    check: 'agent-files',
    evidence: /exited 0 \(every file verified\) yet printed "S\.5\.\.\.\.T\.    \/opt\/x"/,
  },
  {
    name: 'rpm -V exit 1 naming no file (rpmdb locked)',
    program: { name: 'rpm', args: RPM_VERIFY, body: "echo 'error: rpmdb: BDB0113 Thread/process failed' >&2; exit 1" },
    check: 'agent-files',
    evidence: /exited 1 without naming a file: "error: rpmdb: BDB0113/,
  },
  // systemctl show: the unit's state, and its start time.
  {
    name: 'systemctl show garbled',
    program: { name: 'systemctl', args: SHOW, body: "echo 'Failed to get properties: Access denied'" },
    check: 'agent-running',
    evidence: /systemctl show .*aws-groundstation-agent.*unexpected line "Failed to get properties: Access denied"/,
  },
  {
    name: 'systemctl show an ActiveState systemd does not document',
    program: {
      name: 'systemctl',
      args: SHOW,
      body: "printf 'LoadState=loaded\\nActiveState=hibernating\\nSubState=running\\nResult=success\\nExecMainStatus=0\\nExecMainStartTimestampMonotonic=5\\n'",
    },
    check: 'agent-running',
    evidence: /"hibernating".*not a state systemd documents|not a state systemd documents.*hibernating/,
  },
  {
    name: 'systemctl show huge',
    program: { name: 'systemctl', args: SHOW, body: HUGE('LoadState=loaded') },
    check: 'agent-running',
    evidence: /\/systemctl show .* printed more than \d+ bytes/,
  },
  {
    name: 'systemctl show hanging',
    program: { name: 'systemctl', args: SHOW, body: HANG },
    check: 'agent-running',
    evidence: /\/systemctl show .* did not finish \(SIGTERM\)/,
  },
  {
    name: 'systemctl show -p ExecMainStartTimestamp in local time',
    program: { name: 'systemctl', args: SHOW_START, body: "echo 'ExecMainStartTimestamp=Wed 2025-01-15 12:00:00 CET'" },
    check: 'agent-restarted',
    evidence: /ExecMainStartTimestamp aws-groundstation-agent: "Wed 2025-01-15 12:00:00 CET" is not a UTC time/,
  },
  {
    name: 'systemctl show -p ExecMainStartTimestamp hanging',
    program: { name: 'systemctl', args: SHOW_START, body: HANG },
    check: 'agent-restarted',
    evidence: /\/systemctl show -p ExecMainStartTimestamp aws-groundstation-agent did not finish \(SIGTERM\)/,
  },
  // /proc/net/udp: the receivers.
  {
    name: '/proc/net/udp garbled',
    proc: put('net/udp', '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n<html>\n'),
    check: 'receiver-listening',
    evidence: /net\/udp: line 2 is not a socket line: "<html>"/,
  },
  {
    name: '/proc/net/udp without the kernel header',
    proc: put('net/udp', 'sockets: 3\n'),
    check: 'receiver-listening',
    evidence: /net\/udp: its first line is not the kernel's header/,
  },
  {
    name: '/proc/net/udp of 2 MiB',
    proc: put('net/udp', 'x'.repeat(2 * 1024 * 1024)),
    check: 'receiver-listening',
    evidence: /net\/udp is cut at 1048576 bytes \(longer than the tool reads\): not judged/,
  },
  {
    name: '/proc/net/udp a named pipe',
    proc: fifo('net/udp'),
    check: 'receiver-listening',
    evidence: /net\/udp.*named pipe/,
  },
  {
    name: '/proc/net/udp6 with a NUL byte',
    proc: put(
      'net/udp6',
      '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n\u0000\n',
    ),
    check: 'receiver-listening',
    evidence: /net\/udp6 is not text \(a NUL byte at offset \d+\)/,
  },
];

/** A copy of the sandbox's bin dir and /proc with one source corrupted. */
async function corrupted(fx: SandboxFixture, s: Pick<Scenario, 'program' | 'proc'>, work: string): Promise<Record<string, string>> {
  const bin = join(work, 'bin');
  const proc = join(work, 'proc');
  await cp(fx.sb.env.GS_AGENT_CONFIG_BIN_DIR, bin, { recursive: true });
  await cp(fx.sb.env.GS_AGENT_CONFIG_PROC_ROOT, proc, { recursive: true });
  if (s.program) {
    const { name, args, body } = s.program;
    await rename(join(bin, name), join(bin, `.plain-${name}`));
    // Our stand-in in front of the sandbox's: one question corrupted, the others passed on.
    // `*`: every question.
    const match = args === '*' ? 'true' : `[ "$*" = '${args}' ]`;
    const script = `#!/bin/sh\n# hostile stand-in for ${name}\nif ${match}; then\n${body}\nexit $?\nfi\nexec '${join(bin, `.plain-${name}`)}' "$@"\n`;
    await writeFile(join(bin, name), script);
    await chmod(join(bin, name), 0o755);
  }
  if (s.proc) await s.proc(proc);
  return { ...fx.sb.env, GS_AGENT_CONFIG_BIN_DIR: bin, GS_AGENT_CONFIG_PROC_ROOT: proc };
}

async function doctorOn(fx: SandboxFixture, s: Pick<Scenario, 'program' | 'proc'>, extra: string[] = []) {
  const work = await mkdtemp(join(tmpdir(), 'gsac-agent-sources-'));
  try {
    const env = await corrupted(fx, s, work);
    const t0 = Date.now();
    const r = await runMain(['doctor', MISSION, '--root', fx.root, '--json', ...extra], env);
    const ms = Date.now() - t0;
    assert.ok(r.code === 0 || r.code === 6, `exit ${r.code}: ${r.err}`);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack');
    const checks = new Map((JSON.parse(r.out).checks as CheckResult[]).map((c) => [c.id, c]));
    return { checks, ms, code: r.code };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

describe('hostile agent sources on a ready host', () => {
  const fx = useSandbox('hostile-agent-sources');
  test('at least 20 scenarios, distinct names', () => {
    assert.ok(scenarios.length >= 20, `${scenarios.length}`);
    assert.equal(new Set(scenarios.map((s) => s.name)).size, scenarios.length);
  });
  test('the copy itself is clean: every check of these sources is ok', { timeout: 60_000 }, async () => {
    const { checks } = await doctorOn(fx, {});
    for (const id of ['agent-version', 'agent-files', 'agent-running', 'agent-restarted', 'receiver-listening'])
      assert.equal(checks.get(id)?.status, 'ok', `${id}: ${checks.get(id)?.evidence}`);
  });
  test(
    'every rpm question ignoring SIGTERM under --deadline 3: doctor ends at its deadline, each rpm check unknown',
    { timeout: 60_000 },
    async () => {
      const { checks, ms, code } = await doctorOn(fx, { program: { name: 'rpm', args: '*', body: DEAF } }, ['--deadline', '3']);
      assert.equal(code, 0);
      for (const id of ['agent-installed', 'agent-version', 'agent-restarted', 'agent-files']) {
        assert.equal(checks.get(id)?.status, 'unknown', id);
        assert.match(checks.get(id)!.evidence, /\/rpm -.* did not finish \(SIGKILL\) at the run's deadline/, id);
      }
      assert.ok(ms < 3000 + 4000, `doctor took ${ms} ms`);
    },
  );
  for (const s of scenarios) {
    test(`hostile agent source: ${s.name} → ${s.check} ${s.status ?? 'unknown'}`, { timeout: 60_000 }, async () => {
      const { checks, ms } = await doctorOn(fx, s);
      const c = checks.get(s.check)!;
      assert.equal(c.status, s.status ?? 'unknown', c.evidence);
      assert.match(c.evidence, s.evidence);
      assert.ok(ms < BOUND_MS, `doctor took ${ms} ms`);
      // What the stand-in said is quoted as data: no raw control character in the evidence.
      assert.deepEqual(
        [...c.evidence].filter((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f),
        [],
      );
    });
  }
});

describe('hostile journal of a crash-looping agent', () => {
  const fx = useSandbox('hostile-journal', { breaks: ['agent-running'] });
  const journal: Scenario[] = [
    {
      name: 'journalctl hanging',
      program: { name: 'journalctl', args: JOURNAL, body: HANG },
      check: 'agent-running',
      evidence: /journal not read: .*journalctl .* did not finish \(SIGTERM\)/,
    },
    {
      name: 'journalctl huge',
      program: { name: 'journalctl', args: JOURNAL, body: HUGE('Loading Config') },
      check: 'agent-running',
      evidence: /journal not read: .*journalctl .* printed more than \d+ bytes/,
    },
    {
      name: 'journalctl exit 1',
      program: { name: 'journalctl', args: JOURNAL, body: "echo 'Failed to open journal' >&2; exit 1" },
      check: 'agent-running',
      evidence: /journal not read: .*journalctl .* exited 1/,
    },
  ];
  for (const s of journal) {
    // The unit's state was read soundly (crash-looping: fail); the journal is its evidence, said as not read.
    test(`hostile agent source: ${s.name} → agent-running fail, journal not read`, { timeout: 60_000 }, async () => {
      const { checks, ms } = await doctorOn(fx, s);
      const c = checks.get('agent-running')!;
      assert.equal(c.status, 'fail', c.evidence);
      assert.match(c.evidence, s.evidence);
      assert.ok(ms < BOUND_MS, `doctor took ${ms} ms`);
    });
  }
});
