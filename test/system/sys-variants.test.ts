/**
 * Golden core plans on the /sys trees real kernels show (sandbox --sys VARIANT, issue 20):
 * `plan --json` through main() against the sandbox; the CPU part of the plan (agent and IRQ
 * cores, the CPU notes, the warnings) or the error must equal test/system/golden/sys/<case>.json
 * (the temp /sys path scrubbed). `UPDATE_GOLDEN=1` rewrites them (review the diff).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../../sandbox/server.ts';
import { formatCpuList } from '../../src/cpu-list.ts';
import { example, runMain } from '../helpers/cli.ts';

const GOLDEN = fileURLToPath(new URL('./golden/sys/', import.meta.url));

interface Case {
  name: string;
  profile: string;
  sys: string[];
  mission: string;
  /** What the case shows, for the reader of the golden file. */
  shows: string;
}

const CASES: Case[] = [
  {
    name: 'default-c5',
    profile: 'c5.24xlarge',
    sys: [],
    mission: 'wideband-downlink.yaml',
    shows: 'the tidy tree: socket 1, NUMA node 1 (the NIC)',
  },
  {
    name: 'nul-lists',
    profile: 'c5.24xlarge',
    sys: ['nul-lists'],
    mission: 'wideband-downlink.yaml',
    shows: 'lists ending "\\n\\0" read as the tidy tree',
  },
  {
    name: 'offline-cpus-fits',
    profile: 'c5.24xlarge',
    sys: ['offline-cpus'],
    mission: 'wideband-downlink.yaml',
    shows: 'CPUs 84-95 offline: 12 whole pairs left on socket 1, enough',
  },
  {
    name: 'offline-cpus-too-few',
    profile: 'm5.4xlarge',
    sys: ['offline-cpus'],
    mission: 'narrowband.json',
    shows: 'only 2 whole pairs online where 4 are needed: the cause named',
  },
  {
    name: 'partial-ht-fits',
    profile: 'c6i.32xlarge',
    sys: ['partial-ht'],
    mission: 'multi-downlink.yaml',
    shows: 'only some cores have two threads: whole pairs only',
  },
  {
    name: 'partial-ht-too-few',
    profile: 'm5.4xlarge',
    sys: ['partial-ht'],
    mission: 'narrowband.json',
    shows: 'single-thread cores, not offline CPUs: the cause named',
  },
  {
    name: 'compute-units',
    profile: 'c5.24xlarge',
    sys: ['compute-units'],
    mission: 'wideband-downlink.yaml',
    shows: 'siblings with different core ids are not hyperthread pairs',
  },
  {
    name: 'numa-every-cpu',
    profile: 'c5.24xlarge',
    sys: ['numa-every-cpu'],
    mission: 'wideband-downlink.yaml',
    shows: 'every node lists every CPU: refused, the files named',
  },
  {
    name: 'snc-nic-node',
    profile: 'c5.24xlarge',
    sys: ['snc'],
    mission: 'wideband-downlink.yaml',
    shows: "sub-NUMA clustering: the cores on the NIC's node 3, not the lowest of the L3",
  },
  {
    name: 'snc-must-cross',
    profile: 'c5.24xlarge',
    sys: ['snc'],
    mission: 'multi-downlink.yaml',
    shows: "the NIC's node holds 12 of the 14 cores: the plan warns",
  },
  {
    name: 'cpuset',
    profile: 'c5.24xlarge',
    sys: ['cpuset'],
    mission: 'wideband-downlink.yaml',
    shows: "the agent unit's cpuset leaves out 24-27,72-75: the choice moves inside it",
  },
  {
    name: 'l3-unlisted',
    profile: 'c5.24xlarge',
    sys: ['l3-unlisted'],
    mission: 'wideband-downlink.yaml',
    shows: 'an L3 without shared_cpu_list: one domain per package, said in a warning',
  },
  {
    name: 'snc-cpuset-nul-c6i',
    profile: 'c6i.32xlarge',
    sys: ['snc', 'cpuset', 'nul-lists'],
    mission: 'multi-downlink.yaml',
    shows: 'all at once on a c6i.32xlarge',
  },
];

const CPU_NOTE = /^(agent cores|IRQ\/OS cores|only whole|the agent's cores are chosen)/;

async function planOf(c: Case): Promise<object> {
  const sb = await startSandbox({ profile: c.profile, sys: c.sys });
  try {
    const r = await runMain(['plan', example(c.mission), '--json'], sb.env);
    const scrub = (t: string) => t.split(sb.sysRoot).join('<sys>');
    const doc = JSON.parse(scrub(r.out));
    if (r.code !== 0) return { shows: c.shows, exit: r.code, error: doc.error.message, details: doc.error.details };
    return {
      shows: c.shows,
      exit: 0,
      agentCpuCores: formatCpuList(doc.device.agentCpuCores),
      irqCores: formatCpuList(doc.tuning.irqCores),
      notes: (doc.notes as string[]).filter((n) => CPU_NOTE.test(n)),
      warnings: doc.warnings,
    };
  } finally {
    await sb.close();
  }
}

describe("golden core plans on real kernels' /sys (sandbox --sys)", () => {
  for (const c of CASES) {
    test(`${c.name}: ${c.profile} --sys ${c.sys.join(',') || '(none)'} ${c.mission}`, { timeout: 60_000 }, async () => {
      const got = `${JSON.stringify(await planOf(c), null, 2)}\n`;
      const file = join(GOLDEN, `${c.name}.json`);
      if (process.env.UPDATE_GOLDEN) await writeFile(file, got);
      assert.equal(got, await readFile(file, 'utf8'), c.name);
    });
  }
});

describe('what the golden plans must hold, whatever their wording', () => {
  test('NUL-terminated lists plan exactly as the tidy tree', async () => {
    const [a, b] = await Promise.all([readFile(join(GOLDEN, 'default-c5.json'), 'utf8'), readFile(join(GOLDEN, 'nul-lists.json'), 'utf8')]);
    const strip = (t: string) => ({ ...JSON.parse(t), shows: '' });
    assert.deepEqual(strip(a), strip(b));
  });
  test("the cpuset plan stays inside the cpuset; the SNC plan sits on the NIC's node; the crossing one warns", async () => {
    const read = async (n: string) => JSON.parse(await readFile(join(GOLDEN, `${n}.json`), 'utf8'));
    assert.equal((await read('cpuset')).agentCpuCores, '28-37,76-85');
    assert.equal((await read('snc-nic-node')).agentCpuCores, '36-45,84-93');
    assert.match((await read('snc-must-cross')).warnings.join('\n'), /cross NUMA nodes: eth0 is on node 3, 12 of the 14 cores are/);
    assert.match(
      (await read('offline-cpus-too-few')).error,
      /only 2 whole hyperthread pairs are online .*CPUs 12-15 offline.*the mission needs 4/,
    );
    assert.match((await read('compute-units')).error, /hyperthreading is off.*different|core ids 0 and 1/);
    assert.equal((await read('numa-every-cpu')).exit, 3);
  });
});

test("sandbox --sys through the real binary's table: an unknown variant is exit 2 naming the valid ones", async () => {
  const root = await mkdtemp(join(tmpdir(), 'gsac-sys-'));
  try {
    const r = await runMain(['sandbox', '--sys', 'bogus'], {});
    assert.equal(r.code, 2);
    assert.match(r.err, /--sys "bogus": not a \/sys variant/);
    assert.match(r.err, /nul-lists, offline-cpus, partial-ht, compute-units, numa-every-cpu, snc, cpuset, l3-unlisted/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
