/** The plan's readiness lines and legacy-tuning warnings: derived by the planner from the host facts alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plan } from '../../../src/plan/plan.ts';
import { aHost, aMission } from '../../helpers/builders.ts';

test('a ready host (no /proc readings, no EC2 network figure) gives no readiness line', () => {
  assert.deepEqual(plan(aMission(), aHost()).readiness, []);
});

test("kernel arguments and the CPU generation are judged from the facts' /proc readings, as doctor judges them", () => {
  const proc = {
    cmdline: 'BOOT_IMAGE=/vmlinuz ro console=tty0',
    cpuInfo: { vendor: 'GenuineIntel', family: 6, model: 79, stepping: 1, modelName: 'Intel(R) Xeon(R) CPU E5-2686 v4' },
  };
  const lines = plan(aMission(), aHost('c5.24xlarge', undefined, { proc })).readiness;
  assert.equal(lines.length, 2, lines.join('\n'));
  assert.match(
    lines[0],
    /^doctor kernel-args: \/proc\/cmdline lacks console=ttyS0,115200n8 net\.ifnames=0 .*\. Fix: sudo grubby --update-kernel=ALL --args="console=ttyS0,115200n8 /,
  );
  assert.match(
    lines[1],
    /^doctor cpu-generation: Intel\(R\) Xeon\(R\) CPU E5-2686 v4 \(family 6 model 79 stepping 1\) on c5\.24xlarge: Broadwell, older than Cascade Lake/,
  );
});

test('an adapter set_irq_affinity.sh does not tune, and a mission faster than the instance, fail', () => {
  const host = aHost('c5.24xlarge', undefined, {
    instanceTypeInfo: { instanceType: 'c5.24xlarge', networkPerformance: 'Up to 1 Gigabit' },
  });
  host.interfaces[0].linuxName = 'ens5';
  const lines = plan(aMission(), host).readiness;
  assert.deepEqual(
    lines.map((l) => l.split(':')[0]),
    ['doctor nic-naming', 'doctor instance-bandwidth'],
  );
  assert.match(lines[0], /networkAdapters ens5: set_irq_affinity\.sh tunes eth\* interfaces only/);
});

test('legacy tuning in the facts becomes the last warnings: one per line, one per file not read', () => {
  const legacyTuning = {
    sysctlConf: { path: '/etc/sysctl.conf', lines: [{ line: 4, text: 'net.ipv4.ip_local_reserved_ports=42000-50000' }] },
    rootCrontab: { path: '/var/spool/cron/root', lines: [], unreadable: 'EACCES' },
  };
  const warnings = plan(aMission(), aHost('c5.24xlarge', undefined, { legacyTuning })).warnings;
  assert.deepEqual(warnings.slice(-2), [
    'legacy tuning /etc/sysctl.conf:4 "net.ipv4.ip_local_reserved_ports=42000-50000" overrides /etc/sysctl.d/90-gs-agent-config-ports.conf (sysctl.conf is loaded last); remove the line',
    '/var/spool/cron/root not checked for legacy tuning (EACCES)',
  ]);
  assert.equal(
    plan(aMission(), aHost()).warnings.some((w) => w.includes('legacy tuning')),
    false,
  );
});

test('a Plan is read-only once plan() returns: tsc refuses an edit (npm run typecheck checks this file)', () => {
  const p = plan(aMission(), aHost());
  const edit = () => {
    // @ts-expect-error the plan's warnings are a ReadonlyArray: a use-case reports its own warnings beside them
    p.warnings.push('edited');
  };
  assert.equal(typeof edit, 'function');
});
