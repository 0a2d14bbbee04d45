/**
 * apply on several simulated shapes: the agent config, the tuning unit and the sysctl drop-in
 * agree with each other, with the shape's /sys, and with the group read back from the sandbox.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGroundStationPort } from '../../src/aws/groundstation.ts';
import { parseCpuList } from '../../src/cpu-list.ts';
import { readCpuTopology } from '../../src/facts/linux/sysfs.ts';
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import type { GroupState } from '../../src/types.ts';
import { example, runMain } from '../helpers/cli.ts';

const CASES: Array<{ profile: string; mission: string; ring: number }> = [
  { profile: 'c5.24xlarge', mission: 'multi-downlink.yaml', ring: 16384 },
  { profile: 'c6i.32xlarge', mission: 'wideband-downlink.yaml', ring: 8192 },
  { profile: 'two-eni', mission: 'wideband-downlink.yaml', ring: 16384 },
  { profile: 'm5.4xlarge', mission: 'narrowband.json', ring: 16384 },
];

/** Every port a reserved-ports value (`a-b,c`) names. */
function expandPorts(value: string): Set<number> {
  const ports = new Set<number>();
  for (const part of value.split(',')) {
    const [a, b = a] = part.split('-').map(Number);
    for (let p = a; p <= b; p++) ports.add(p);
  }
  return ports;
}

function portsOfGroup(g: GroupState): Set<number> {
  const ports = new Set<number>();
  for (const e of g.endpoints) {
    for (let p = e.agent.ports.min; p <= e.agent.ports.max; p++) ports.add(p);
    ports.add(e.address.port);
  }
  return ports;
}

async function readGroup(sb: Sandbox, id: string): Promise<GroupState> {
  const creds = { accessKeyId: sb.env.AWS_ACCESS_KEY_ID, secretAccessKey: sb.env.AWS_SECRET_ACCESS_KEY };
  return createGroundStationPort({ region: sb.host.region, endpoint: sb.url, credentials: creds }).getGroup(id);
}

describe('apply: files agree with each other and with the group', () => {
  const cleanup: Array<() => Promise<void>> = [];
  after(async () => {
    for (const c of cleanup) await c();
  });

  for (const c of CASES) {
    test(`${c.profile} × ${c.mission}`, async () => {
      const sb = await startSandbox({ profile: c.profile });
      const root = await mkdtemp(join(tmpdir(), 'gsac-shape-apply-'));
      cleanup.push(
        () => sb.close(),
        () => rm(root, { recursive: true, force: true }),
      );
      const r = await runMain(['apply', example(c.mission), '--root', root, '--apply-tuning', '--json'], sb.env);
      assert.equal(r.code, 0, r.err);
      const report = JSON.parse(r.out);
      // --apply-tuning with a rehearsal root: nothing on this machine is touched, and it says so.
      assert.deepEqual(report.tuning.ran, []);
      assert.match(report.tuning.skipped, /is not \/: the live host is not touched/);
      assert.equal(report.rebootForTuning, true);

      const group = await readGroup(sb, report.dataflowEndpointGroupId);
      const config = JSON.parse(await readFile(join(root, 'opt/aws/groundstation/etc/aws-gs-agent-config.json'), 'utf8'));
      const unit = await readFile(join(root, 'etc/systemd/system/gs-agent-config-tuning.service'), 'utf8');
      const sysctl = await readFile(join(root, 'etc/sysctl.d/90-gs-agent-config-ports.conf'), 'utf8');
      const online = (await readCpuTopology(sb.sysRoot)).online;

      // Agent config ↔ group.
      assert.deepEqual(config.capabilities, [group.arn]);
      assert.deepEqual(config.device.publicIps, [...new Set(group.endpoints.map((e) => e.agent.ip))]);
      const eip = sb.host.interfaces.find((i) => i.elasticIps.some((e) => e.publicIp === config.device.publicIps[0]));
      assert.deepEqual(config.device.networkAdapters, [eip?.linuxName]);

      // Tuning unit ↔ agent config ↔ /sys.
      const [, irqList, mask] = /set_irq_affinity\.sh '([^']*)' '([^']*)'/.exec(unit) ?? [];
      const irq = parseCpuList(irqList);
      assert.ok(irq.length > 0 && irq.every((t) => !config.device.agentCpuCores.includes(t)), 'agent never on the IRQ cores');
      assert.equal(BigInt(`0x${mask.replaceAll(',', '')}`), (1n << BigInt(online.length)) - 1n, 'RPS on every online CPU');
      assert.deepEqual(
        [...unit.matchAll(/ethtool -C (\S+) /g)].map((m) => m[1]),
        config.device.networkAdapters,
      );
      assert.deepEqual(
        [...unit.matchAll(/ethtool -G (\S+) rx (\d+)/g)].map((m) => [m[1], Number(m[2])]),
        config.device.networkAdapters.map((a: string) => [a, c.ring]),
      );

      // sysctl drop-in ↔ group: exactly the agent ranges plus the delivery ports, nothing else.
      const [, reserved] = /^net\.ipv4\.ip_local_reserved_ports = (.+)$/m.exec(sysctl) ?? [];
      assert.deepEqual([...expandPorts(reserved)].sort(), [...portsOfGroup(group)].sort());
    });
  }
});
