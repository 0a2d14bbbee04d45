/**
 * apply --apply-tuning runs sysctl and systemctl with argument arrays, only for --root /.
 * The host is never touched: a recording runner, or fake programs on PATH run by the real
 * execFile runner.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyTuning, execFileRunner, planTuningCommands, TUNING_UNIT } from '../../../src/apply/apply-tuning.ts';
import type { FileChange } from '../../../src/apply/file-changes.ts';
import { AGENT_CONFIG_PATH, SYSCTL_PATH, TUNING_UNIT_PATH } from '../../../src/host-paths.ts';

const change = (path: string, changed: boolean): FileChange => ({
  path,
  written: path,
  changed,
  created: false,
  diff: '',
  file: { path, content: '', mode: 0o644 },
});
const files = (unitChanged: boolean) => [
  change(AGENT_CONFIG_PATH, true),
  change(SYSCTL_PATH, false),
  change(TUNING_UNIT_PATH, unitChanged),
];

function recorder() {
  const calls: string[][] = [];
  return {
    calls,
    runner: async (file: string, args: string[]) => {
      calls.push([file, ...args]);
    },
  };
}

test('a changed unit: load sysctl, daemon-reload, enable, restart (a oneshot stays active, start would not re-run it)', async () => {
  const r = recorder();
  const report = await applyTuning('/', files(true), r.runner);
  const expected = [
    ['sysctl', '-p', SYSCTL_PATH],
    ['systemctl', 'daemon-reload'],
    ['systemctl', 'enable', TUNING_UNIT],
    ['systemctl', 'restart', TUNING_UNIT],
  ];
  assert.deepEqual(r.calls, expected);
  assert.deepEqual(report, { ran: expected });
});

test('an unchanged unit is enabled and started (no-op when it already ran), no daemon-reload', () => {
  assert.deepEqual(planTuningCommands(files(false)), [
    ['sysctl', '-p', SYSCTL_PATH],
    ['systemctl', 'enable', TUNING_UNIT],
    ['systemctl', 'start', TUNING_UNIT],
  ]);
  // No CPU topology → no unit rendered → only the sysctl file.
  assert.deepEqual(planTuningCommands([change(SYSCTL_PATH, true)]), [['sysctl', '-p', SYSCTL_PATH]]);
});

test('any other --root: nothing runs, the report says it was skipped', async () => {
  const r = recorder();
  const report = await applyTuning('/tmp/rehearsal', files(true), r.runner);
  assert.deepEqual(r.calls, []);
  assert.match(report.skipped ?? '', /--root \/tmp\/rehearsal is not \/: the live host is not touched/);
});

describe('fake sysctl/systemctl on PATH', () => {
  let bin: string;
  let log: string;
  before(async () => {
    bin = await mkdtemp(join(tmpdir(), 'gsac-fakebin-'));
    log = join(bin, 'calls.log');
    // Each fake records its name and every argument between | so a split or joined argument shows.
    for (const name of ['sysctl', 'systemctl']) {
      const fail =
        name === 'systemctl' ? '[ "$1" = restart ] && [ -n "$FAIL_RESTART" ] && { echo "Job failed: unit exited 1" >&2; exit 1; }\n' : '';
      await writeFile(join(bin, name), `#!/bin/sh\nprintf '%s|' "${name}" "$@" >> "$LOG"\necho >> "$LOG"\n${fail}exit 0\n`);
      await chmod(join(bin, name), 0o755);
    }
  });
  after(async () => {
    await rm(bin, { recursive: true, force: true });
  });

  test('the real execFile runner passes argument arrays to the programs on PATH', async () => {
    const report = await applyTuning('/', files(true), execFileRunner({ PATH: bin, LOG: log }));
    assert.equal(report.failed, undefined);
    assert.deepEqual((await readFile(log, 'utf8')).trim().split('\n'), [
      `sysctl|-p|${SYSCTL_PATH}|`,
      'systemctl|daemon-reload|',
      `systemctl|enable|${TUNING_UNIT}|`,
      `systemctl|restart|${TUNING_UNIT}|`,
    ]);
  });

  test('a failing command is reported with its stderr; nothing after it runs', async () => {
    await writeFile(log, '');
    const report = await applyTuning('/', files(true), execFileRunner({ PATH: bin, LOG: log, FAIL_RESTART: '1' }));
    assert.deepEqual(report.failed, { command: ['systemctl', 'restart', TUNING_UNIT], error: 'Job failed: unit exited 1' });
    assert.equal(report.ran.length, 3);
    const missing = await applyTuning('/', files(true), execFileRunner({ PATH: join(bin, 'nowhere') }));
    assert.deepEqual(missing.failed?.command, ['sysctl', '-p', SYSCTL_PATH]);
    assert.match(missing.failed?.error ?? '', /ENOENT/);
  });
});
