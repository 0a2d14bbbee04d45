/**
 * Every simulated shape × every example mission, through the CLI (`plan --json`) against the
 * sandbox started as that shape. Expected plans are worked by hand from AWS's guidance (Agent
 * UG "Select Amazon EC2 instance and reserve CPU cores", "Tune your EC2 instance"):
 *
 *   cores needed = 1 management core + per dataflow the wideband row at or above its bandwidth
 *   (50→3, 100→4, 200→6, 400→9); narrowband (≤ 40 MHz) and uplink use the 50 MHz row (3).
 *     wideband-downlink   400 MHz                  → 1 + 9         = 10 cores (20 vCPUs)
 *     multi-downlink      200 + 100 + 50 MHz       → 1 + 6 + 4 + 3 = 14 cores (28 vCPUs)
 *     narrowband          20 MHz                   → 1 + 3         =  4 cores ( 8 vCPUs)
 *     uplink-and-downlink 5 MHz up + 10 MHz down   → 1 + 3 + 3     =  7 cores (14 vCPUs)
 *
 *   On these Intel shapes Linux numbers the hyperthread sibling of CPU n as n + N/2, and socket
 *   s holds cores s*C … s*C+C-1 (C cores per socket) plus their siblings; one L3 per socket.
 *   IRQ/OS cores = the first two cores of socket 0 with their siblings = 0,1,N/2,N/2+1. The
 *   agent takes the lowest whole pairs of the socket WITHOUT the IRQ cores when there is one
 *   (AWS's own example puts it on socket 1: 24–44,72–92 on a c5.24xlarge), so the expected
 *   sets below are [C … C+k-1] ∪ [N/2+C … N/2+C+k-1] for k cores.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readCpuTopology } from '../../src/facts/linux/sysfs.ts';
import { listPhysicalCores } from '../../src/plan/cpu-topology.ts';
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import { example, runMain } from '../helpers/cli.ts';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
/** k cores from core `first` on: both hyperthreads (n and n + half). */
const pairs = (first: number, k: number, half: number) => [...range(first, first + k - 1), ...range(first + half, first + half + k - 1)];

const MISSIONS = ['wideband-downlink.yaml', 'multi-downlink.yaml', 'narrowband.json', 'uplink-and-downlink.yaml'] as const;
type MissionName = (typeof MISSIONS)[number];

/** Agent port ranges (carved lowest-first from each mission's pool) and the reserved-ports value. */
const PORTS: Record<MissionName, { ranges: Array<[number, number]>; reserved: string }> = {
  'wideband-downlink.yaml': { ranges: [[42000, 42299]], reserved: '42000-42299,55000' },
  'multi-downlink.yaml': {
    ranges: [
      [42000, 42299],
      [42300, 42599],
      [42600, 42899],
    ],
    reserved: '42000-42899,55000-55002',
  },
  'narrowband.json': { ranges: [[42000, 42299]], reserved: '42000-42299,55000' },
  // The uplink's explicit 42000-42299 is kept; the downlink is carved after it.
  'uplink-and-downlink.yaml': {
    ranges: [
      [42000, 42299],
      [42300, 42599],
    ],
    reserved: '42000-42599,55000,56000',
  },
};

type Expect = number[] | RegExp;
interface Shape {
  profile: string;
  irq: number[];
  rps: string;
  ring: number;
  ip: string;
  adapter: string;
  privateIp: string;
  cores: Record<MissionName, Expect>;
}

/** uplink-and-downlink names 203.0.113.10 (the c5.24xlarge's EIP): on any other host that is an error. */
const notThisHostsIp = /agent\.publicIp 203\.0\.113\.10 is not associated with this instance/;

const SHAPES: Shape[] = [
  {
    // 2 sockets × 24 cores, N = 96: socket 1 = cores 24–47 (+72–95). AWS's table: IRQ 0,1,48,49, mask 3×ffffffff.
    profile: 'c5.24xlarge',
    irq: [0, 1, 48, 49],
    rps: 'ffffffff,ffffffff,ffffffff',
    ring: 16384,
    ip: '203.0.113.10',
    adapter: 'eth0',
    privateIp: '10.0.0.10',
    cores: {
      'wideband-downlink.yaml': pairs(24, 10, 48), // 24-33,72-81: AWS's "400 MHz → 10 cores / 20 vCPUs"
      'multi-downlink.yaml': pairs(24, 14, 48), // 24-37,72-85
      'narrowband.json': pairs(24, 4, 48), // 24-27,72-75
      'uplink-and-downlink.yaml': pairs(24, 7, 48), // 24-30,72-78
    },
  },
  {
    // 2 × 18, N = 72: socket 1 = cores 18–35 (+54–71). AWS's table: 0,1,36,37 and ff,ffffffff,ffffffff.
    profile: 'c5n.18xlarge',
    irq: [0, 1, 36, 37],
    rps: 'ff,ffffffff,ffffffff',
    ring: 16384,
    ip: '203.0.113.20',
    adapter: 'eth0',
    privateIp: '10.0.0.20',
    cores: {
      'wideband-downlink.yaml': pairs(18, 10, 36),
      'multi-downlink.yaml': pairs(18, 14, 36),
      'narrowband.json': pairs(18, 4, 36),
      'uplink-and-downlink.yaml': notThisHostsIp,
    },
  },
  {
    // 2 × 32, N = 128: socket 1 = cores 32–63 (+96–127). AWS's table: 0,1,64,65, 4×ffffffff; rx ring 8192 on c6i.
    profile: 'c6i.32xlarge',
    irq: [0, 1, 64, 65],
    rps: 'ffffffff,ffffffff,ffffffff,ffffffff',
    ring: 8192,
    ip: '203.0.113.30',
    adapter: 'eth0',
    privateIp: '10.0.0.30',
    cores: {
      'wideband-downlink.yaml': pairs(32, 10, 64),
      'multi-downlink.yaml': pairs(32, 14, 64),
      'narrowband.json': pairs(32, 4, 64),
      'uplink-and-downlink.yaml': notThisHostsIp,
    },
  },
  {
    // 1 × 8, N = 16: one socket holding the IRQ cores 0,1,8,9, so only cores 2–7 (6) are free.
    profile: 'm5.4xlarge',
    irq: [0, 1, 8, 9],
    rps: 'ffff',
    ring: 16384,
    ip: '203.0.113.40',
    adapter: 'eth0',
    privateIp: '10.0.0.40',
    cores: {
      'wideband-downlink.yaml': /needs 10 cores \(20 vCPUs\) in one L3 domain, the largest has 6 free/,
      'multi-downlink.yaml': /needs 14 cores \(28 vCPUs\) in one L3 domain, the largest has 6 free/,
      'narrowband.json': pairs(2, 4, 8), // 2-5,10-13: beside the IRQ cores, never on them
      'uplink-and-downlink.yaml': notThisHostsIp,
    },
  },
  {
    // 1 core × 2 threads: that core is the IRQ/OS core, nothing is left for the agent.
    profile: 't3.medium',
    irq: [0, 1],
    rps: '3',
    ring: 16384,
    ip: '203.0.113.50',
    adapter: 'eth0',
    privateIp: '10.0.0.50',
    cores: {
      'wideband-downlink.yaml': /needs 10 cores \(20 vCPUs\) in one L3 domain, the largest has 0 free/,
      'multi-downlink.yaml': /needs 14 cores \(28 vCPUs\) in one L3 domain, the largest has 0 free/,
      'narrowband.json': /needs 4 cores \(8 vCPUs\) in one L3 domain, the largest has 0 free/,
      'uplink-and-downlink.yaml': notThisHostsIp,
    },
  },
  {
    // A c5.24xlarge with AWS's two-ENI layout: the EIP is on eth1, so the agent listens there.
    profile: 'two-eni',
    irq: [0, 1, 48, 49],
    rps: 'ffffffff,ffffffff,ffffffff',
    ring: 16384,
    ip: '203.0.113.61',
    adapter: 'eth1',
    privateIp: '10.0.0.61',
    cores: {
      'wideband-downlink.yaml': pairs(24, 10, 48),
      'multi-downlink.yaml': pairs(24, 14, 48),
      'narrowband.json': pairs(24, 4, 48),
      'uplink-and-downlink.yaml': notThisHostsIp,
    },
  },
  {
    // Two EIPs: `publicIp: auto` cannot choose (shapes-preflight.test.ts sets it explicitly).
    profile: 'two-eip',
    irq: [0, 1, 48, 49],
    rps: 'ffffffff,ffffffff,ffffffff',
    ring: 16384,
    ip: '',
    adapter: '',
    privateIp: '',
    cores: {
      'wideband-downlink.yaml': /this instance has 2 Elastic IPs \(203\.0\.113\.70, 198\.51\.100\.71\); the agent uses one/,
      'multi-downlink.yaml': /this instance has 2 Elastic IPs/,
      'narrowband.json': /this instance has 2 Elastic IPs/,
      'uplink-and-downlink.yaml': notThisHostsIp,
    },
  },
  {
    // Only an auto-assigned public IP: it changes on stop/start, so there is nothing safe to plan on.
    profile: 'no-eip',
    irq: [0, 1, 48, 49],
    rps: 'ffffffff,ffffffff,ffffffff',
    ring: 16384,
    ip: '',
    adapter: '',
    privateIp: '',
    cores: {
      'wideband-downlink.yaml': /has no Elastic IP: its public IP 198\.51\.100\.80 is auto-assigned, not an Elastic IP/,
      'multi-downlink.yaml': /has no Elastic IP/,
      'narrowband.json': /has no Elastic IP/,
      'uplink-and-downlink.yaml': notThisHostsIp,
    },
  },
];

interface PlanJson {
  device: { agentCpuCores: number[]; networkAdapters: string[]; privateIps: string[]; publicIps: string[] };
  tuning: { irqCores: number[]; rpsMask: string; reservedPorts: string; ringBuffer: number; networkAdapters: string[] };
  endpoints: Array<{ agent: { ip: string; ports: { min: number; max: number } }; address: { port: number } }>;
  ingress: { status: string };
}

/** The rules themselves, checked on the shape's own /sys: not just "equals the table above". */
async function assertFollowsGuidance(sb: Sandbox, p: PlanJson): Promise<void> {
  const cores = listPhysicalCores(await readCpuTopology(sb.sysRoot));
  const chosen = new Set(p.device.agentCpuCores);
  const used = cores.filter((c) => c.threads.some((t) => chosen.has(t)));
  assert.ok(
    used.every((c) => c.threads.every((t) => chosen.has(t))),
    'whole hyperthread pairs',
  );
  assert.equal(new Set(used.map((c) => c.domain)).size, 1, 'one L3 domain');
  assert.ok(
    p.tuning.irqCores.every((t) => !chosen.has(t)),
    'no IRQ/OS core',
  );
  const ranges = p.endpoints.map((e) => e.agent.ports);
  for (const [i, a] of ranges.entries()) {
    assert.ok(a.max - a.min + 1 >= 300, 'at least 300 ports');
    for (const b of ranges.slice(i + 1)) assert.ok(a.max < b.min || b.max < a.min, 'ranges never overlap');
  }
  for (const e of p.endpoints)
    assert.ok(
      ranges.every((r) => e.address.port < r.min || e.address.port > r.max),
      'delivery ports outside agent ranges',
    );
}

describe('every shape × every example mission', () => {
  const sandboxes = new Map<string, Sandbox>();
  before(async () => {
    for (const s of SHAPES) sandboxes.set(s.profile, await startSandbox({ profile: s.profile }));
  });
  after(async () => {
    await Promise.all([...sandboxes.values()].map((sb) => sb.close()));
  });

  for (const shape of SHAPES) {
    for (const mission of MISSIONS) {
      const want = shape.cores[mission];
      test(`${shape.profile} × ${mission}: ${want instanceof RegExp ? 'exit 3' : `${want.length / 2} cores`}`, async () => {
        const sb = sandboxes.get(shape.profile)!;
        const r = await runMain(['plan', example(mission), '--root', `/nonexistent-${shape.profile}`, '--json'], sb.env);
        if (want instanceof RegExp) {
          assert.equal(r.code, 3, r.err);
          assert.match(r.err, want);
          return;
        }
        assert.equal(r.code, 0, r.err);
        const p = JSON.parse(r.out) as PlanJson;
        assert.deepEqual(p.device.agentCpuCores, want);
        assert.deepEqual(p.tuning.irqCores, shape.irq);
        assert.equal(p.tuning.rpsMask, shape.rps);
        assert.equal(p.tuning.ringBuffer, shape.ring);
        assert.deepEqual(p.device.publicIps, [shape.ip]);
        assert.deepEqual(p.device.networkAdapters, [shape.adapter]);
        assert.deepEqual(p.tuning.networkAdapters, [shape.adapter]);
        // AWS's documented default (127.0.0.1) unless the mission sets privateIps (issue 20).
        assert.deepEqual(p.device.privateIps, ['127.0.0.1']);
        assert.deepEqual(
          p.endpoints.map((e) => [e.agent.ports.min, e.agent.ports.max]),
          PORTS[mission].ranges,
        );
        assert.ok(p.endpoints.every((e) => e.agent.ip === shape.ip));
        assert.equal(p.tuning.reservedPorts, PORTS[mission].reserved);
        assert.equal(p.ingress.status, 'allowed', 'the simulated security group opens the whole pool');
        await assertFollowsGuidance(sb, p);
      });
    }
  }

  test('the same mission on different shapes gives different valid plans', async () => {
    const plans = await Promise.all(
      ['c5.24xlarge', 'c5n.18xlarge', 'c6i.32xlarge'].map(async (profile) => {
        const r = await runMain(
          ['plan', example('wideband-downlink.yaml'), '--root', '/nonexistent', '--json'],
          sandboxes.get(profile)!.env,
        );
        return JSON.parse(r.out) as PlanJson;
      }),
    );
    const keys = plans.map((p) => JSON.stringify([p.device, p.tuning.irqCores, p.tuning.rpsMask, p.tuning.ringBuffer]));
    assert.equal(new Set(keys).size, 3);
    // Same mission, same need: 10 cores everywhere, on the socket without the IRQ cores.
    assert.deepEqual(
      plans.map((p) => p.device.agentCpuCores.length),
      [20, 20, 20],
    );
  });
});
