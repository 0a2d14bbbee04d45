/**
 * `--report-compliance` carries doctor's failing checks: the same verdicts `doctor` prints, one
 * NON_COMPLIANT item each (Custom:GsAgentConfig), next to the group's health and the files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../sandbox/server.ts';
import { example, runMain } from '../helpers/cli.ts';

test('apply and status --report-compliance send doctor failing checks as NON_COMPLIANT items', async () => {
  const sb = await startSandbox({ breaks: ['irqbalance'] });
  const root = await mkdtemp(join(tmpdir(), 'gsac-compliance-doctor-'));
  try {
    for (const argv of [
      ['apply', example('wideband-downlink.yaml'), '--root', root, '--report-compliance', '--quiet'],
      ['status', '--root', root, '--report-compliance', '--quiet'],
    ]) {
      const r = await runMain(argv, sb.env);
      assert.ok(r.code === 0 || r.code === 6, `${argv[0]}: exit ${r.code}\n${r.err}`);
      assert.doesNotMatch(r.err, /compliance not reported|could not be run/, r.err);
      const [report] = [...sb.ssm.reports.values()].filter((x) => x.resourceId === sb.host.instanceId);
      assert.equal(report.complianceType, 'Custom:GsAgentConfig');
      const doctor = report.items.filter((i) => i.Id.startsWith('doctor:'));
      assert.deepEqual(
        doctor.map((i) => [i.Id, i.Status, i.Severity]),
        [['doctor:irqbalance', 'NON_COMPLIANT', 'HIGH']],
        argv[0],
      );
      assert.match(doctor[0].Details.fix, /irqbalance/, 'the fix doctor prints');
      // The group's own items are there too.
      assert.ok(
        report.items.some((i) => !i.Id.startsWith('doctor:')),
        JSON.stringify(report.items.map((i) => i.Id)),
      );
    }
  } finally {
    await sb.close();
    await rm(root, { recursive: true, force: true });
  }
});
