/** Sources that cannot be read make their checks "unknown" with the reason: never a crash, never a false "ok". */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult } from '../../src/doctor/types.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import { example, runMain } from '../helpers/cli.ts';

const fx = useSandbox('doctor-unknown');
const MISSION = example('wideband-downlink.yaml');

const byId = (checks: CheckResult[]) => Object.fromEntries(checks.map((c) => [c.id, c]));

async function doctor(env: Record<string, string>, extra: string[] = []) {
  const r = await runMain(['doctor', MISSION, '--root', fx.root, '--json', ...extra], env);
  return { code: r.code, err: r.err, checks: byId(JSON.parse(r.out).checks) };
}

test('an empty /proc and a bin dir without programs: those checks are unknown and say why', async () => {
  const empty = await mkdtemp(join(tmpdir(), 'gsac-empty-'));
  try {
    const { code, checks } = await doctor({ ...fx.sb.env, GS_AGENT_CONFIG_PROC_ROOT: empty, GS_AGENT_CONFIG_BIN_DIR: empty });
    assert.equal(code, 0);
    assert.equal(checks['kernel-args'].status, 'unknown');
    assert.equal(checks['kernel-args'].evidence, `cannot read ${join(empty, 'cmdline')} (ENOENT)`);
    assert.equal(checks['cpu-generation'].evidence, `cannot read ${join(empty, 'cpuinfo')} (ENOENT)`);
    assert.equal(checks.irqbalance.evidence, `${join(empty, 'systemctl')} not found`);
    assert.equal(checks['agent-installed'].evidence, `${join(empty, 'rpm')} not found`);
    assert.equal(checks['ring-max'].evidence, `${join(empty, 'ethtool')} not found`);
    assert.equal(checks['tuning-live'].status, 'unknown');
    assert.match(checks['tuning-live'].evidence, /cannot read .*irq\/27\/smp_affinity_list \(ENOENT\)/);
    // The sources that are there still answer.
    assert.equal(checks['eip-public-subnet'].status, 'ok');
    assert.equal(checks['nic-numa'].status, 'ok');
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});

test('a simulated /sys without GS_AGENT_CONFIG_BIN_DIR runs no host program', async () => {
  const env = { ...fx.sb.env };
  delete (env as Record<string, string | undefined>).GS_AGENT_CONFIG_BIN_DIR;
  const { checks } = await doctor(env);
  assert.equal(checks.irqbalance.status, 'unknown');
  assert.equal(
    checks.irqbalance.evidence,
    `systemctl not run: /sys is simulated (${fx.sb.sysRoot}) and GS_AGENT_CONFIG_BIN_DIR is not set`,
  );
});

test('a simulated /sys without a proc root reads no /proc of this machine', async () => {
  const env = { ...fx.sb.env };
  delete (env as Record<string, string | undefined>).GS_AGENT_CONFIG_PROC_ROOT;
  const { checks } = await doctor(env);
  assert.equal(checks['kernel-args'].status, 'unknown');
  assert.equal(
    checks['kernel-args'].evidence,
    `/proc not read: /sys is simulated (${fx.sb.sysRoot}) and neither --proc-root nor GS_AGENT_CONFIG_PROC_ROOT is set`,
  );
  // --proc-root wins over the environment.
  const flagged = await doctor(env, ['--proc-root', fx.sb.procRoot]);
  assert.equal(flagged.checks['kernel-args'].status, 'ok');
});

test('a program that hangs is cut off by its timeout; garbage output is a reason, not a value', async () => {
  const bin = await mkdtemp(join(tmpdir(), 'gsac-bin-'));
  try {
    await writeFile(join(bin, 'systemctl'), '#!/bin/sh\nexec sleep 30\n');
    await writeFile(join(bin, 'ethtool'), '#!/bin/sh\necho "<html>not ethtool</html>"\n');
    await writeFile(join(bin, 'rpm'), '#!/bin/sh\nprintf "1.0 ; rm -rf /\\n"\n');
    for (const p of ['systemctl', 'ethtool', 'rpm']) await chmod(join(bin, p), 0o755);
    const { checks } = await doctor({ ...fx.sb.env, GS_AGENT_CONFIG_BIN_DIR: bin });
    assert.match(checks.irqbalance.evidence, /systemctl is-active irqbalance.service did not finish \(SIGTERM\)/);
    assert.equal(checks['ring-max'].status, 'unknown');
    assert.match(checks['ring-max'].evidence, /^ethtool -g eth0: unexpected output/);
    assert.equal(checks['agent-installed'].status, 'unknown');
    assert.match(checks['agent-installed'].evidence, /unexpected answer/);
  } finally {
    await rm(bin, { recursive: true, force: true });
  }
});

test('malformed /proc and /sys files are reasons naming the file', async () => {
  const proc = await mkdtemp(join(tmpdir(), 'gsac-proc-'));
  try {
    await mkdir(join(proc, 'sys/net/ipv4'), { recursive: true });
    await writeFile(join(proc, 'sys/net/ipv4/ip_local_reserved_ports'), 'forty-two\n');
    await writeFile(join(proc, 'cpuinfo'), 'nothing useful\n');
    await writeFile(join(proc, 'cmdline'), 'ro quiet\n');
    const { checks } = await doctor({ ...fx.sb.env, GS_AGENT_CONFIG_PROC_ROOT: proc });
    assert.equal(checks['cpu-generation'].evidence, `${join(proc, 'cpuinfo')} has no vendor_id or model line`);
    assert.match(checks['tuning-live'].evidence, /ip_local_reserved_ports is not a port list: "forty-two\\n"/);
    assert.equal(checks['kernel-args'].status, 'fail');
  } finally {
    await rm(proc, { recursive: true, force: true });
  }
});

test("EC2 refusing the doctor's calls: the network checks are unknown and name the missing permission", async () => {
  fx.sb.ec2.deny = ['DescribeRouteTables', 'DescribeSecurityGroups'];
  try {
    const { code, checks } = await doctor(fx.sb.env);
    assert.equal(code, 0);
    assert.equal(checks['eip-public-subnet'].evidence, 'the role in use lacks ec2:DescribeRouteTables (UnauthorizedOperation)');
    assert.equal(checks['sg-outbound-443'].evidence, 'the role in use lacks ec2:DescribeSecurityGroups (UnauthorizedOperation)');
    assert.equal(checks['sg-inbound'].status, 'unknown');
  } finally {
    fx.sb.ec2.deny = false;
  }
});

test('EC2 refusing DescribeAddresses: the host is still checked, the Elastic IP checks say why they cannot be made', async () => {
  fx.sb.ec2.deny = ['DescribeAddresses'];
  try {
    const { code, checks } = await doctor(fx.sb.env);
    assert.equal(code, 0);
    assert.equal(checks['kernel-args'].status, 'ok');
    assert.equal(checks['tuning-live'].status, 'ok');
    // Without DescribeAddresses the public IP is taken unverified; the route of its subnet is still known.
    assert.equal(checks['eip-public-subnet'].status, 'ok');
    assert.equal(checks['sg-inbound'].status, 'unknown');
  } finally {
    fx.sb.ec2.deny = false;
  }
});

test('IMDS unreachable: every check that needs the host says so; the local ones still run', async () => {
  const { code, checks } = await doctor({ ...fx.sb.env, AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' }, ['--skip-ec2-checks']);
  assert.equal(code, 0);
  for (const id of ['eip-public-subnet', 'nic-naming', 'sg-inbound', 'tuning-live']) {
    assert.equal(checks[id].status, 'unknown', id);
    assert.match(checks[id].evidence, /^host facts unavailable: /, id);
  }
  assert.equal(checks['kernel-args'].status, 'ok');
  assert.equal(checks.irqbalance.status, 'ok');
});

test('a bad mission file is exit 2, as everywhere', async () => {
  const r = await runMain(['doctor', join(fx.root, 'no-such-mission.yaml')], fx.sb.env);
  assert.equal(r.code, 2);
});
