/**
 * examples/systemd/gs-agent-config.service, checked by systemd's own tools (mandatory: .ci/run
 * installs the Debian package systemd) and against the paths the tool really writes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { AGENT_CONFIG_PATH, LOCK_PATH, OUTPUTS_PATH, STATE_PATH, SYSCTL_PATH, TUNING_UNIT_PATH } from '../../../src/host-paths.ts';
import { BIN, REPO } from '../../helpers/cli.ts';

const run = promisify(execFile);
const UNIT = join(REPO, 'examples/systemd/gs-agent-config.service');
const INSTALLED_BIN = '/usr/local/bin/gs-agent-config';

let dir: string;
let unit: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gsac-unit-'));
  unit = await readFile(UNIT, 'utf8');
});
after(() => rm(dir, { recursive: true, force: true }));

/** `key=value` lines of the unit (last one wins, as in systemd for single-valued keys). */
function directives(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (m) out.set(m[1], [...(out.get(m[1]) ?? []), m[2]]);
  }
  return out;
}

/**
 * `systemd-analyze verify` refuses an ExecStart whose program does not exist or is not
 * executable. On a test machine the tool is not installed at /usr/local/bin (and installing
 * it there would touch the host), so verify a copy whose ExecStart runs the repo's bin/,
 * which is the same program the install puts there. Everything else is byte for byte the same.
 */
async function verify(text: string): Promise<{ code: number; stderr: string }> {
  const copy = join(dir, 'gs-agent-config.service');
  await writeFile(copy, text.replaceAll(INSTALLED_BIN, BIN));
  try {
    const r = await run('systemd-analyze', ['verify', '--man=no', copy]);
    return { code: 0, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

test('systemd-analyze verify passes without a single warning', async () => {
  assert.ok(unit.includes(`ExecStart=${INSTALLED_BIN} apply /etc/gs-agent-config/mission.yaml`));
  assert.deepEqual(await verify(unit), { code: 0, stderr: '' });
});

test('verify is a real check: an unknown key and a missing program are reported', async () => {
  const typo = await verify(unit.replace('ProtectHome=yes', 'ProtectHome=yes\nProtectHomes=yes'));
  assert.match(typo.stderr, /Unknown key 'ProtectHomes'/);
  const missing = await verify(unit.replace(INSTALLED_BIN, '/nonexistent/gs-agent-config'));
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /nonexistent\/gs-agent-config/);
});

test('oneshot ordered after the network and before the agent, every boot, bounded and retried only when worth it', () => {
  const d = directives(unit);
  assert.deepEqual(d.get('Type'), ['oneshot']);
  assert.deepEqual(d.get('Wants'), ['network-online.target']);
  assert.deepEqual(d.get('After'), ['network-online.target']);
  assert.deepEqual(d.get('Before'), ['aws-groundstation-agent.service']);
  assert.equal(d.get('Requires'), undefined, 'a failed apply must not keep the agent down');
  assert.deepEqual(d.get('WantedBy'), ['multi-user.target']);
  assert.deepEqual(d.get('TimeoutStartSec'), ['6min']);
  assert.deepEqual(d.get('Restart'), ['on-failure']);
  // Only transient failures (5) and a held lock (7) are retried.
  assert.deepEqual(d.get('RestartPreventExitStatus'), ['1 2 3 4 6']);
  // Exit 8 (a contact holds the host, the switch is deferred) is a successful boot: the agent must start.
  assert.deepEqual(d.get('SuccessExitStatus'), ['8']);
});

test('writable paths are exactly the directories apply writes (README "Files"), the rest is read-only', () => {
  const d = directives(unit);
  assert.deepEqual(d.get('ProtectSystem'), ['strict']);
  const writable = d.get('ReadWritePaths')!.join(' ').split(' ');
  writable.push(`/var/lib/${d.get('StateDirectory')![0]}`);
  const written = [AGENT_CONFIG_PATH, SYSCTL_PATH, TUNING_UNIT_PATH, STATE_PATH, OUTPUTS_PATH, LOCK_PATH].map((p) => dirname(p));
  assert.deepEqual([...new Set(writable)].sort(), [...new Set(written)].sort());
  for (const key of ['PrivateTmp', 'ProtectHome', 'NoNewPrivileges', 'PrivateDevices']) assert.deepEqual(d.get(key), ['yes'], key);
  // sysctl -p (--apply-tuning) needs a writable /proc/sys; Node's JIT needs W+X memory.
  for (const key of ['ProtectKernelTunables', 'MemoryDenyWriteExecute', 'ProcSubset']) assert.equal(d.get(key), undefined, key);
});

test('systemd-analyze security rates the hardening OK (exposure at most 3.5 of 10)', async () => {
  const copy = join(dir, 'gs-agent-config.service');
  await writeFile(copy, unit.replaceAll(INSTALLED_BIN, BIN));
  const { stdout } = await run('systemd-analyze', ['security', '--offline=yes', '--no-pager', copy]);
  const m = /Overall exposure level for gs-agent-config\.service: ([\d.]+)/.exec(stdout);
  assert.ok(m, stdout);
  assert.ok(Number(m[1]) <= 3.5, `exposure ${m[1]}`);
});

test('examples/systemd/gs-agent-config.timer re-runs the unit after each run (a deferred switch finishes) and verifies clean', async () => {
  const timer = await readFile(join(REPO, 'examples/systemd/gs-agent-config.timer'), 'utf8');
  const d = directives(timer);
  assert.deepEqual(d.get('Unit'), ['gs-agent-config.service']);
  assert.deepEqual(d.get('OnUnitInactiveSec'), ['15min']);
  assert.deepEqual(d.get('WantedBy'), ['timers.target']);
  await writeFile(join(dir, 'gs-agent-config.service'), unit.replaceAll(INSTALLED_BIN, BIN));
  await writeFile(join(dir, 'gs-agent-config.timer'), timer);
  const r = await run('systemd-analyze', ['verify', '--man=no', join(dir, 'gs-agent-config.timer')]);
  assert.equal(r.stderr, '');
});
