/**
 * Pre-flight paths through the CLI against simulated shapes: EC2 refusing the role (exit 4),
 * no Elastic IP (exit 3), two EIPs needing publicIp, a security group missing the agent ports,
 * instance facts cached in the facts file, legacy tuning and the reboot statement.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import { example, runMain } from '../helpers/cli.ts';

const STACK = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe('EC2 refuses, or the host has no usable Elastic IP', () => {
  let c5: Sandbox;
  let noEip: Sandbox;
  let root: string;
  before(async () => {
    [c5, noEip] = await Promise.all([startSandbox({ profile: 'c5.24xlarge' }), startSandbox({ profile: 'no-eip' })]);
    root = await mkdtemp(join(tmpdir(), 'gsac-preflight-'));
  });
  after(async () => {
    await Promise.all([c5.close(), noEip.close()]);
    await rm(root, { recursive: true, force: true });
  });

  test('a role without ec2:DescribeAddresses: exit 4, names the permission and --skip-ec2-checks; writes nothing', async () => {
    c5.ec2.deny = true;
    try {
      const r = await runMain(['apply', example('wideband-downlink.yaml'), '--root', root], c5.env);
      assert.equal(r.code, 4, r.err);
      assert.match(r.err, /^error: EC2 refused DescribeAddresses \(UnauthorizedOperation\): the role in use lacks ec2:DescribeAddresses/);
      assert.match(r.err, /re-run with --skip-ec2-checks to continue without verification/);
      assert.doesNotMatch(r.err, STACK);
      assert.deepEqual(
        (await readdir(root)).filter((f) => f !== 'run'),
        [],
      );
      const json = await runMain(['plan', example('wideband-downlink.yaml'), '--root', root, '--json'], c5.env);
      assert.equal(JSON.parse(json.out).error.exitCode, 4);

      const skipped = await runMain(['plan', example('wideband-downlink.yaml'), '--root', root, '--skip-ec2-checks'], c5.env);
      assert.equal(skipped.code, 0, skipped.err);
      assert.match(skipped.out, /203\.0\.113\.10 was not verified to be an Elastic IP/);
      assert.match(skipped.out, /security group: .*: not checked/);
    } finally {
      c5.ec2.deny = false;
    }
  });

  test('no Elastic IP (no-eip shape): exit 3 through the CLI, with what to do', async () => {
    const r = await runMain(['plan', example('wideband-downlink.yaml'), '--root', root], noEip.env);
    assert.equal(r.code, 3, r.err);
    assert.match(
      r.err,
      /^error: this instance \(i-[0-9a-f]{17}\) has no Elastic IP: its public IP 198\.51\.100\.80 is auto-assigned, not an Elastic IP/,
    );
    assert.match(r.err, /allocate an Elastic IP and associate it/);
    assert.doesNotMatch(r.err, STACK);
  });

  test('a security group without the agent ports: the plan prints the exact rule to add', async () => {
    const saved = c5.ec2.securityGroups;
    // Someone narrowed the pool rule to 42000-42100: the first range is only partly open.
    c5.ec2.securityGroups = saved.map((g) => ({
      ...g,
      inbound: g.inbound.map((r) => (r.protocol === 'udp' ? { ...r, toPort: 42100 } : r)),
    }));
    try {
      const r = await runMain(['plan', example('wideband-downlink.yaml'), '--root', root], c5.env);
      assert.equal(r.code, 0, r.err);
      const sg = c5.host.interfaces[0].securityGroupIds[0];
      assert.match(r.out, /security group: inbound UDP 42000-42299 from prefix list pl-087f83ba4f34e3bea on sg-\w+: MISSING, see warnings/);
      assert.ok(
        r.out.includes(
          `! security group ${sg} on eth0 does not allow inbound UDP 42101-42299 from com.amazonaws.global.groundstation (pl-087f83ba4f34e3bea)`,
        ),
        r.out,
      );
      assert.ok(
        r.out.includes(
          `aws ec2 authorize-security-group-ingress --group-id ${sg} --ip-permissions 'IpProtocol=udp,FromPort=42101,ToPort=42299,PrefixListIds=[{PrefixListId=pl-087f83ba4f34e3bea,Description="AWS Ground Station agent"}]'`,
        ),
        r.out,
      );
    } finally {
      c5.ec2.securityGroups = saved;
    }
  });
});

describe('shapes with several interfaces and small shapes', () => {
  let twoEip: Sandbox;
  let m5: Sandbox;
  let dir: string;
  before(async () => {
    [twoEip, m5] = await Promise.all([startSandbox({ profile: 'two-eip' }), startSandbox({ profile: 'm5.4xlarge' })]);
    dir = await mkdtemp(join(tmpdir(), 'gsac-shapes-'));
  });
  after(async () => {
    await Promise.all([twoEip.close(), m5.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  test("two-eip demands publicIp; with it, the plan uses that EIP's interface (eth1)", async () => {
    const auto = await runMain(['plan', example('wideband-downlink.yaml'), '--root', dir], twoEip.env);
    assert.equal(auto.code, 3);
    assert.match(auto.err, /set agent\.publicIp in the mission to the one Ground Station should send to/);
    const mission = join(dir, 'two-eip.yaml');
    await writeFile(
      mission,
      (await readFile(example('wideband-downlink.yaml'), 'utf8')).replace('publicIp: auto', 'publicIp: 198.51.100.71'),
    );
    const r = await runMain(['plan', mission, '--root', dir, '--json'], twoEip.env);
    assert.equal(r.code, 0, r.err);
    const p = JSON.parse(r.out);
    // privateIps: AWS's documented default (127.0.0.1) unless the mission sets it (issue 20).
    assert.deepEqual([p.device.publicIps, p.device.networkAdapters, p.device.privateIps], [['198.51.100.71'], ['eth1'], ['127.0.0.1']]);
    assert.match(p.notes.join('\n'), /public IP 198\.51\.100\.71 on device 1 \(eth1, eni-/);
  });

  test('facts are cached with the EC2 instance facts; plan --facts warns from them without asking EC2', async () => {
    const f = await runMain(['facts'], m5.env);
    assert.equal(f.code, 0, f.err);
    const facts = JSON.parse(f.out);
    assert.deepEqual([facts.instanceTypeInfo.vCpus, facts.instanceTypeInfo.networkPerformance], [16, 'Up to 10 Gigabit']);
    assert.equal(facts.groundStationPrefixListId, 'pl-087f83ba4f34e3bea');
    assert.equal(facts.securityGroups.length, 1);
    // The cached file says EC2 knows 32 vCPUs for this type while /sys shows 16.
    facts.instanceTypeInfo.vCpus = 32;
    const file = join(dir, 'facts.json');
    await writeFile(file, JSON.stringify(facts));
    const before = m5.actions.filter((a) => a.startsWith('ec2:')).length;
    const r = await runMain(['plan', example('narrowband.json'), '--facts', file, '--root', dir], {});
    assert.equal(r.code, 0, r.err);
    assert.equal(m5.actions.filter((a) => a.startsWith('ec2:')).length, before, 'no EC2 call');
    assert.match(r.out, /! instance type m5\.4xlarge is not in AWS's list of instance types for the Ground Station Agent/);
    assert.match(r.out, /! \/sys shows 16 online vCPUs but EC2 says a m5\.4xlarge has 32/);
    assert.match(
      r.out,
      /agent cores: 2-5,10-13 \(8 vCPUs\): the 4 lowest free hyperthread pairs of socket 0 \(L3 shared by CPUs 0-15\): shared with the IRQ\/OS cores \(never used\) because it is the only L3 domain/,
    );
    assert.match(r.out, /left for your SDR and other work: 6-7,14-15/);
  });

  test('legacy tuning under --root is reported; the plan says whether a reboot is needed', async () => {
    const root = join(dir, 'legacy');
    await mkdir(join(root, 'etc'), { recursive: true });
    await mkdir(join(root, 'var/spool/cron'), { recursive: true });
    await writeFile(join(root, 'etc/sysctl.conf'), 'net.ipv4.ip_local_reserved_ports=42000-50000\n');
    await writeFile(
      join(root, 'var/spool/cron/root'),
      "@reboot sudo /opt/aws/groundstation/bin/set_irq_affinity.sh '0 1 8 9' 'ffff' >> /var/log/user-data.log 2>&1\n",
    );
    const r = await runMain(['plan', example('narrowband.json'), '--root', root], m5.env);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /! legacy tuning \/etc\/sysctl\.conf:1 "net\.ipv4\.ip_local_reserved_ports=42000-50000" overrides/);
    assert.match(r.out, /! legacy tuning \/var\/spool\/cron\/root:1 "@reboot sudo \/opt\/aws\/groundstation\/bin\/set_irq_affinity\.sh/);
    assert.match(
      r.out,
      /reboot: needed after apply, the tuning files change \(\/etc\/sysctl\.d\/90-gs-agent-config-ports\.conf, \/etc\/systemd\/system\/gs-agent-config-tuning\.service\)/,
    );
    const applied = await runMain(['apply', example('narrowband.json'), '--root', root, '--json'], m5.env);
    assert.equal(applied.code, 0, applied.err);
    assert.equal(JSON.parse(applied.out).rebootForTuning, true);
    const again = await runMain(['plan', example('narrowband.json'), '--root', root, '--json'], m5.env);
    assert.equal(JSON.parse(again.out).rebootNeeded, false);
  });
});
