/** What the doctor changes in plan and apply: failing checks as plan warnings, and the rx ring capped at the NIC's maximum. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../sandbox/server.ts';
import { example, runMain } from '../helpers/cli.ts';

const MISSION = example('wideband-downlink.yaml');

async function on(breaks: string[], fn: (env: Record<string, string>, root: string) => Promise<void>) {
  const sb = await startSandbox({ breaks });
  const root = await mkdtemp(join(tmpdir(), 'gsac-plan-ring-'));
  try {
    await fn(sb.env, root);
  } finally {
    await sb.close();
    await rm(root, { recursive: true, force: true });
  }
}

test('plan warns with the failing checks it can compute (nic-naming, instance-bandwidth)', () =>
  on(['nic-naming', 'instance-bandwidth'], async (env, root) => {
    const r = await runMain(['plan', MISSION, '--root', root, '--json'], env);
    assert.equal(r.code, 0, r.err);
    const warnings: string[] = JSON.parse(r.out).warnings;
    assert.ok(
      warnings.includes(
        'doctor nic-naming: networkAdapters ens5: set_irq_affinity.sh tunes eth* interfaces only, so IRQ and RPS tuning miss ens5. Fix: sudo grubby --update-kernel=ALL --args="net.ifnames=0 biosdevname=0" && sudo reboot, then re-run apply (the NIC is then eth0)',
      ),
      warnings.join('\n'),
    );
    assert.ok(warnings.some((w) => w.startsWith('doctor instance-bandwidth: mission noaa20-wideband: 1 dataflow(s), 8000 Mb/s')));
  }));

test('plan warns about missing kernel arguments and an old CPU from /proc (two file reads, no program)', () =>
  on(['kernel-args', 'cpu-generation'], async (env, root) => {
    const warnings: string[] = JSON.parse((await runMain(['plan', MISSION, '--root', root, '--json'], env)).out).warnings;
    assert.ok(
      warnings.includes(
        'doctor kernel-args: /proc/cmdline lacks intel_idle.max_cstate=1 processor.max_cstate=1 max_cstate=1. Fix: sudo grubby --update-kernel=ALL --args="intel_idle.max_cstate=1 processor.max_cstate=1 max_cstate=1" && sudo reboot',
      ),
      warnings.join('\n'),
    );
    assert.ok(warnings.some((w) => w.startsWith('doctor cpu-generation: Intel(R) Xeon(R) CPU E5-2686 v4')));
  }));

test('plan on a ready host adds no doctor warning', () =>
  on([], async (env, root) => {
    const r = await runMain(['plan', MISSION, '--root', root, '--json'], env);
    assert.deepEqual(
      JSON.parse(r.out).warnings.filter((w: string) => w.startsWith('doctor ')),
      [],
    );
  }));

test("a NIC whose ring maximum is below AWS's value gets its maximum in the tuning unit", () =>
  on(['ring-max'], async (env, root) => {
    const r = await runMain(['apply', MISSION, '--root', root, '--json'], env);
    assert.equal(r.code, 0, r.err);
    const unit = await readFile(join(root, 'etc/systemd/system/gs-agent-config-tuning.service'), 'utf8');
    assert.match(unit, /^ExecStart=-\/usr\/sbin\/ethtool -G eth0 rx 4096$/m);
    const facts = JSON.parse((await runMain(['facts'], env)).out);
    assert.deepEqual(facts.nicRingMax, { eth0: 4096 });
    const plan = JSON.parse((await runMain(['plan', MISSION, '--root', root, '--json'], env)).out);
    assert.equal(plan.tuning.ringBuffer, 4096);
    assert.ok(
      plan.warnings.includes(
        "doctor ring-max: rx ring 4096, the NIC's maximum (eth0 4096, ethtool -g), is below AWS's 16384 for c5.24xlarge: the tuning unit sets 4096",
      ),
      plan.warnings.join('\n'),
    );
  }));

test('the tuning unit stops and disables irqbalance before pinning', () =>
  on([], async (env, root) => {
    assert.equal((await runMain(['apply', MISSION, '--root', root, '--quiet'], env)).code, 0);
    const unit = await readFile(join(root, 'etc/systemd/system/gs-agent-config-tuning.service'), 'utf8');
    assert.match(unit, /^Conflicts=irqbalance\.service$/m);
    assert.match(unit, /^After=irqbalance\.service$/m);
    assert.ok(
      unit.indexOf('ExecStartPre=-/usr/bin/systemctl disable irqbalance.service') <
        unit.indexOf('ExecStart=/opt/aws/groundstation/bin/set_irq_affinity.sh'),
    );
  }));

test('sandbox --break with an unknown id is exit 2 naming the valid ids', async () => {
  const r = await runMain(['sandbox', '--break', 'nope']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--break "nope": not a doctor check id/);
  assert.match(r.err, /valid: eip-public-subnet, sg-inbound/);
});
