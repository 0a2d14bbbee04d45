/**
 * Evidence or a reason: a host program's answer is used only when it ran to its end by itself,
 * with its whole output, exiting with a status it documents (systemctl 0–4, rpm -q 0/1) and
 * saying a word it documents. Real /bin/sh stand-ins in a bin dir, run through the runner.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAgentPackage } from '../../../../src/facts/linux/agent-package.ts';
import { readRing } from '../../../../src/facts/linux/ethtool.ts';
import type { ProgramOptions } from '../../../../src/facts/linux/host-programs.ts';
import { readUnitState } from '../../../../src/facts/linux/systemctl-state.ts';

let bin: string;
before(async () => {
  bin = await mkdtemp(join(tmpdir(), 'gsac-evidence-'));
});
after(async () => {
  await rm(bin, { recursive: true, force: true });
});

/** A fresh bin dir whose `name` runs `script` (its arguments in "$@"). */
async function programs(scripts: Record<string, string>): Promise<ProgramOptions> {
  const dir = await mkdtemp(join(bin, 'p-'));
  for (const [name, script] of Object.entries(scripts)) {
    await writeFile(join(dir, name), `#!/bin/sh\n${script}\n`);
    await chmod(join(dir, name), 0o755);
  }
  return { binDir: dir, timeoutMs: 2000 };
}

const reason = (f: { ok: boolean; reason?: string }) => (f.ok ? 'ok' : f.reason);

test('systemctl as documented: inactive (3) and disabled (1) are answers', async () => {
  const o = await programs({ systemctl: 'case "$1" in is-active) echo inactive; exit 3;; *) echo disabled; exit 1;; esac' });
  assert.deepEqual(await readUnitState('irqbalance.service', o), { ok: true, value: { active: 'inactive', enabled: 'disabled' } });
});

test('systemctl killed by SIGKILL is no answer (never "irqbalance inactive")', async () => {
  const o = await programs({ systemctl: 'kill -9 $$' });
  assert.equal(
    reason(await readUnitState('irqbalance.service', o)),
    `${join(o.binDir!, 'systemctl')} is-active irqbalance.service was killed by SIGKILL`,
  );
});

test('systemctl exiting 137 (a wrapper whose child was killed) or 5: statuses it does not document', async () => {
  const killed = await programs({ systemctl: 'echo inactive; echo "Killed" >&2; exit 137' });
  assert.equal(
    reason(await readUnitState('irqbalance.service', killed)),
    `${join(killed.binDir!, 'systemctl')} is-active irqbalance.service exited 137, a status it does not document (0, 1, 2, 3, 4): "Killed"`,
  );
  const five = await programs({ systemctl: 'echo inactive; exit 5' });
  assert.match(reason(await readUnitState('irqbalance.service', five))!, /exited 5, a status it does not document \(0, 1, 2, 3, 4\)$/);
});

test('a state word systemd does not document is no answer', async () => {
  const o = await programs({ systemctl: 'echo sleeping; exit 3' });
  assert.equal(
    reason(await readUnitState('irqbalance.service', o)),
    'systemctl is-active irqbalance.service: unexpected answer "sleeping" (not a state systemd documents)',
  );
});

test('rpm -q as documented: the version (0), or "package … is not installed" (1)', async () => {
  const installed = await programs({ rpm: 'echo 1.0.5953.0-1' });
  assert.deepEqual(await readAgentPackage(installed), {
    ok: true,
    value: { installed: true, version: '1.0.5953.0-1', detail: 'rpm -q: 1.0.5953.0-1' },
  });
  const missing = await programs({ rpm: 'echo "package aws-groundstation-agent is not installed"; exit 1' });
  assert.deepEqual(await readAgentPackage(missing), {
    ok: true,
    value: { installed: false, detail: 'package aws-groundstation-agent is not installed' },
  });
});

test('rpm -q failing is never "not installed": exit 1 without its words, an undocumented status, SIGKILL', async () => {
  const locked = await programs({ rpm: 'echo "error: rpmdb: BDB0113 Thread/process 4242 failed" >&2; exit 1' });
  assert.match(
    reason(await readAgentPackage(locked))!,
    /rpm -q .* exited 1 without saying the package is not installed: "error: rpmdb: BDB0113/,
  );
  const two = await programs({ rpm: 'exit 2' });
  assert.match(reason(await readAgentPackage(two))!, /exited 2, a status it does not document \(0, 1\)$/);
  const killed = await programs({ rpm: 'kill -9 $$' });
  assert.match(reason(await readAgentPackage(killed))!, /rpm -q .* was killed by SIGKILL$/);
});

test('ethtool that ignores SIGTERM is killed, and the ring is unknown with the reason', async () => {
  const o = await programs({ ethtool: "trap '' TERM; sleep 30" });
  const t0 = performance.now();
  const r = await readRing('eth0', { ...o, timeoutMs: 300 });
  assert.ok(performance.now() - t0 < 2500);
  assert.equal(reason(r), `${join(o.binDir!, 'ethtool')} -g eth0 did not finish (SIGKILL) after 0.3 s: it ignored SIGTERM for 1 s`);
});

test('ethtool printing megabytes: cut, so no answer', async () => {
  const o = await programs({ ethtool: 'while :; do echo "RX: 4096"; done' });
  assert.match(reason(await readRing('eth0', o))!, /-g eth0 printed more than 262144 bytes: its output was cut there$/);
});
