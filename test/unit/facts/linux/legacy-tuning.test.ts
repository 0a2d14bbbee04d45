/** Legacy tuning lines under --root are reported with file:line; comments and other lines are not. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLegacyTuning } from '../../../../src/facts/linux/legacy-tuning.ts';
import { legacyTuningWarnings } from '../../../../src/plan/legacy-tuning-warnings.ts';

/** What the host fact becomes in the plan: the warnings. */
const warningsUnder = async (root: string) => legacyTuningWarnings(await readLegacyTuning(root));

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'gsac-legacy-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

test('a clean root gives no warning', async () => {
  assert.deepEqual(await warningsUnder(root), []);
});

test("AWS's UserData lines: the sysctl.conf reservation and the @reboot cron lines", async () => {
  await mkdir(join(root, 'etc'), { recursive: true });
  await mkdir(join(root, 'var/spool/cron'), { recursive: true });
  await writeFile(
    join(root, 'etc/sysctl.conf'),
    '# kernel tuning\n# net.ipv4.ip_local_reserved_ports=1-2\nvm.swappiness = 10\nnet.ipv4.ip_local_reserved_ports=42000-50000\n',
  );
  await writeFile(
    join(root, 'var/spool/cron/root'),
    [
      "@reboot sudo /opt/aws/groundstation/bin/set_irq_affinity.sh '0,1,48,49' 'ffffffff,ffffffff,ffffffff' >> /var/log/user-data.log 2>&1",
      '0 3 * * * /usr/bin/logrotate /etc/logrotate.conf',
      '@reboot sudo ethtool -G eth0 rx 16384',
      '',
    ].join('\n'),
  );
  const warnings = await warningsUnder(root);
  assert.equal(warnings.length, 3);
  assert.match(
    warnings[0],
    /^legacy tuning \/etc\/sysctl\.conf:4 "net\.ipv4\.ip_local_reserved_ports=42000-50000" overrides \/etc\/sysctl\.d\/90-gs-agent-config-ports\.conf/,
  );
  assert.match(
    warnings[1],
    /^legacy tuning \/var\/spool\/cron\/root:1 "@reboot sudo \/opt\/aws\/groundstation\/bin\/set_irq_affinity\.sh .*fights gs-agent-config-tuning\.service; remove the line \(crontab -e\)$/,
  );
  assert.match(warnings[2], /^legacy tuning \/var\/spool\/cron\/root:3 "@reboot sudo ethtool -G eth0 rx 16384"/);
});

test('an unreadable file is reported as not checked, not as a failure', async () => {
  // A directory where the crontab should be: unreadable even for root (EISDIR), unlike a chmod 000 file.
  await rm(join(root, 'var/spool/cron/root'));
  await mkdir(join(root, 'var/spool/cron/root'));
  const warnings = await warningsUnder(root);
  assert.ok(warnings.includes('/var/spool/cron/root not checked for legacy tuning (EISDIR)'), warnings.join('\n'));
});
