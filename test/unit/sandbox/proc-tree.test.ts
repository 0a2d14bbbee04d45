/** The simulated host beside /sys: /proc, the NIC's sysfs files and the stand-in programs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseCpuInfo } from '../../../src/facts/linux/proc-files.ts';
import { parseRing } from '../../../src/facts/linux/ethtool.ts';
import { startSandbox } from '../../../sandbox/server.ts';

const run = promisify(execFile);

test('the c6i host: Ice Lake cpuinfo, 128 CPUs, rx ring 8192, IRQs on the IRQ cores, one RPS mask per rx queue', async () => {
  const sb = await startSandbox({ profile: 'c6i.32xlarge' });
  try {
    const cpuinfo = await readFile(join(sb.procRoot, 'cpuinfo'), 'utf8');
    assert.equal(cpuinfo.match(/^processor\t: /gm)?.length, 128);
    assert.deepEqual(parseCpuInfo(cpuinfo), {
      vendor: 'GenuineIntel',
      modelName: 'Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz',
      family: 6,
      model: 106,
      stepping: 6,
    });
    const irqs = await readdir(join(sb.sysRoot, 'class/net/eth0/device/msi_irqs'));
    for (const irq of irqs) assert.equal(await readFile(join(sb.procRoot, 'irq', irq, 'smp_affinity_list'), 'utf8'), '0-1,64-65\n');
    assert.equal(await readFile(join(sb.sysRoot, 'class/net/eth0/queues/rx-0/rps_cpus'), 'utf8'), 'ffffffff,ffffffff,ffffffff,ffffffff\n');
    const { stdout } = await run(join(sb.binDir, 'ethtool'), ['-g', 'eth0']);
    assert.deepEqual(parseRing(stdout), { rxMax: 8192, rxCurrent: 8192 });
  } finally {
    await sb.close();
  }
  assert.equal(existsSync(sb.procRoot), false, 'the simulated /proc is removed on close');
});

test('the stand-ins answer only what they simulate, and never run their arguments', async () => {
  const sb = await startSandbox();
  const dir = await mkdtemp(join(tmpdir(), 'gsac-standin-'));
  const marker = join(dir, 'pwned');
  try {
    for (const args of [['-g', `$(touch ${marker})`], ['-g', `eth0; touch ${marker}`], [`\`touch ${marker}\``]]) {
      await assert.rejects(
        run(join(sb.binDir, 'ethtool'), args),
        (e: { code?: number; stderr?: string }) => e.code === 2 && /not simulated/.test(e.stderr ?? ''),
      );
    }
    assert.equal(existsSync(marker), false);
    const active = await run(join(sb.binDir, 'systemctl'), ['is-active', 'aws-groundstation-agent.service']);
    assert.equal(active.stdout, 'active\n');
    await assert.rejects(
      run(join(sb.binDir, 'systemctl'), ['is-active', 'irqbalance.service']),
      (e: { code?: number; stdout?: string }) => e.code === 3 && e.stdout === 'inactive\n',
    );
  } finally {
    await sb.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('an unknown --break id is refused naming the valid ones', async () => {
  await assert.rejects(startSandbox({ breaks: ['kernel-argz'] }), /unknown check id "kernel-argz" for --break; valid: eip-public-subnet, /);
});
