/**
 * upgrade-agent's paths the first tests left out, through the real binary against the sandbox:
 * the agent config put back after the RPM reset it; a failing daemon-reload (rolled back, as a
 * failed install or start is); a failed rollback (the install fails half-way and the previous
 * version's reinstall fails too: exit 3, the state named, what to do by hand); and
 * --wait-for-contacts (a contact that ends within --wait-max: the upgrade runs after it; one
 * that does not: exit 8, nothing touched).
 */
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CancelContactCommand } from '@aws-sdk/client-groundstation';
import { agentRpm, RPM_DEFAULT_CONFIG } from '../../sandbox/agent-package.ts';
import { runBin, spawnCollect } from '../helpers/cli.ts';
import { applyRenamedExample, reserveContactOn, sdkClient } from '../helpers/contacts-fixtures.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';

const OLD = '1.0.4382.0';
const NEW = '1.0.5953.0';
const f = useSandbox('upgrade-paths', { agentVersion: `${OLD}-1` });
const shaOf = (version: string) => createHash('sha256').update(agentRpm(version, 'al2')).digest('hex');
const CONFIG = 'opt/aws/groundstation/etc/aws-gs-agent-config.json';
const STOP = 'systemctl stop aws-groundstation-agent.service';
const START = 'systemctl start aws-groundstation-agent.service';
const RELOAD = 'systemctl daemon-reload';

let host: Awaited<ReturnType<typeof applyRenamedExample>> | undefined;

async function appliedHost() {
  if (!host) {
    host = await applyRenamedExample(f.sb, 'upgrade-paths', 'paths-host');
    await mkdir(join(host.root, 'etc'), { recursive: true });
    await writeFile(join(host.root, 'etc/os-release'), 'NAME="Amazon Linux"\nID="amzn"\nVERSION_ID="2"\n');
  }
  return host;
}

function upgrade(...extra: string[]) {
  return runBin(
    ['upgrade-agent', '--root', host!.root, '--sha256', shaOf(NEW), '--previous-sha256', shaOf(OLD), ...extra],
    f.sb.env,
    150_000,
  );
}

beforeEach(async () => {
  await f.sb.agentPackage.reset(`${OLD}-1`);
});

afterEach(async () => {
  const client = sdkClient(f.sb);
  for (const id of f.sb.contacts.contacts.keys()) await client.send(new CancelContactCommand({ contactId: id }));
  f.sb.contacts.clock.set(Date.now());
});

test('the agent config the RPM reset on install is put back before the agent starts', async () => {
  const h = await appliedHost();
  const configPath = join(h.root, CONFIG);
  const before = await readFile(configPath, 'utf8');
  await f.sb.agentPackage.resetConfigOnInstall(configPath);
  const r = await upgrade('--json');
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out);
  assert.equal(report.outcome, 'upgraded');
  assert.equal(report.configRestored, true);
  // Restored after the install, before daemon-reload and start.
  assert.deepEqual(
    report.steps.map((s: { step: string }) => s.step),
    ['stop', 'install', 'config', 'daemon-reload', 'start', 'wait-active'],
  );
  assert.equal(await readFile(configPath, 'utf8'), before);
  assert.notEqual(before.trim(), RPM_DEFAULT_CONFIG);
  assert.equal(await f.sb.agentPackage.installed(), `${NEW}-1`);
  // The text report says it too.
  await f.sb.agentPackage.reset(`${OLD}-1`);
  await f.sb.agentPackage.resetConfigOnInstall(configPath);
  const text = await upgrade();
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /restored .*aws-gs-agent-config\.json/);
  assert.equal(await readFile(configPath, 'utf8'), before);
});

test('a failing daemon-reload: the previous version put back and started, exit 6 naming the step', async () => {
  await appliedHost();
  await f.sb.agentPackage.failNext('daemon-reload');
  const r = await upgrade();
  assert.equal(r.code, 6, r.err);
  assert.match(r.err, /upgrade to 1\.0\.5953\.0 failed at daemon-reload/);
  assert.match(r.err, /state: rolled back, 1\.0\.4382\.0 installed and the agent started/);
  const steps = await f.sb.agentPackage.steps();
  assert.deepEqual(
    steps.map((s) => s.replace(/ -y \S+$/, ' -y RPM')),
    [STOP, 'yum install -y RPM', RELOAD, STOP, 'yum downgrade -y RPM', RELOAD, START],
  );
  assert.equal(await f.sb.agentPackage.installed(), `${OLD}-1`);
  assert.match(f.sb.agentPackage.unitState(), /^active#/);
});

test('daemon-reload failing again in the rollback: still rolled back and started, and the operator told to reload by hand', async () => {
  await appliedHost();
  await f.sb.agentPackage.failInOrder(['daemon-reload', 'daemon-reload']);
  const r = await upgrade();
  assert.equal(r.code, 6, r.err);
  assert.match(r.err, /daemon-reload failed in the rollback too: systemd may run a stale unit/);
  assert.match(r.err, /run \S*systemctl daemon-reload by hand/);
  assert.equal(await f.sb.agentPackage.installed(), `${OLD}-1`);
  assert.match(f.sb.agentPackage.unitState(), /^active#/);
});

test('a failed rollback: the install fails half-way and the reinstall of the previous version fails too: exit 3, state and fix named', async () => {
  const h = await appliedHost();
  await f.sb.agentPackage.failedInstallErases();
  await f.sb.agentPackage.failInOrder(['install', 'install']);
  const r = await upgrade();
  assert.equal(r.code, 3, r.err);
  assert.match(r.err, /upgrade to 1\.0\.5953\.0 failed at install, and the rollback to 1\.0\.4382\.0 failed too/);
  assert.match(
    r.err,
    /state: ROLLBACK FAILED \(reinstalling 1\.0\.4382\.0: .*\); what rpm -q says: nothing \(or unknown\); the agent is inactive/,
  );
  // Nothing is installed, so by hand it is `install` (not `downgrade`) of the kept, verified RPM, then reload and start.
  const kept = join(h.root, 'var/lib/gs-agent-config/upgrade');
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  assert.match(
    r.err,
    new RegExp(
      `fix by hand, as root, outside a contact: \\S*yum install -y ${esc(kept)}/\\S+1\\.0\\.4382\\.0\\S*\\.rpm; \\S*systemctl daemon-reload; \\S*systemctl start aws-groundstation-agent\\.service; then gs-agent-config doctor`,
    ),
  );
  assert.doesNotMatch(r.err, /^\s+at .+:\d+:\d+\)?$/m);
  const steps = await f.sb.agentPackage.steps();
  assert.deepEqual(
    steps.map((s) => s.replace(/ -y \S+$/, ' -y RPM')),
    [STOP, 'yum install -y RPM', STOP, 'yum install -y RPM'],
  );
  assert.equal(await f.sb.agentPackage.installed(), '');
  // The fix by hand works as printed (run under sh, against the stand-ins): the previous version back and running.
  const byHand = /fix by hand, as root, outside a contact: (.*); then gs-agent-config doctor/.exec(r.err)![1];
  const rpm = /yum install -y ([^;\s]+)/.exec(byHand)![1];
  assert.equal(
    createHash('sha256')
      .update(await readFile(rpm))
      .digest('hex'),
    shaOf(OLD),
  );
  const sh = await spawnCollect('/bin/sh', ['-c', byHand], { env: { PATH: process.env.PATH ?? '' } });
  assert.equal(sh.code, 0, sh.out + sh.err);
  assert.equal(await f.sb.agentPackage.installed(), `${OLD}-1`);
  assert.match(f.sb.agentPackage.unitState(), /^active#/);
});

async function contactOnHost(startMs: number, endMs: number, post: number): Promise<string> {
  f.sb.hostAgent.running = true;
  return reserveContactOn(f.sb, host!.names, startMs, endMs, { pre: 120, post });
}

test('--wait-for-contacts: a contact whose post-pass ends within --wait-max is waited for, then the upgrade runs', async () => {
  await appliedHost();
  const now = Date.now();
  // The pass is over; its post-pass ends about 30 s from now (room for the first run on a busy machine).
  const id = await contactOnHost(now - 120_000, now - 1_000, 31);
  const postPassEnd = now + 30_000;
  const held = await upgrade();
  assert.equal(held.code, 8, held.err);
  assert.deepEqual(await f.sb.agentPackage.steps(), []);
  const r = await upgrade('--wait-for-contacts', '--wait-max', '90');
  assert.equal(r.code, 0, r.err);
  assert.match(
    r.err,
    new RegExp(`waiting: contact ${id} .* holds this host until \\S+ \\(end of post-pass\\); waiting until \\S+Z at most \\(--wait-max\\)`),
  );
  assert.ok(Date.now() >= postPassEnd, 'the upgrade ended after the post-pass');
  assert.equal(await f.sb.agentPackage.installed(), `${NEW}-1`);
  const steps = await f.sb.agentPackage.steps();
  assert.equal(steps[0], STOP);
  assert.equal(steps.at(-1), START);
});

test('--wait-for-contacts: a contact that outlasts --wait-max: exit 8, nothing stopped or installed', async () => {
  await appliedHost();
  const now = Date.now();
  const id = await contactOnHost(now - 60_000, now + 600_000, 60);
  const t0 = Date.now();
  const r = await upgrade('--wait-for-contacts', '--wait-max', '6');
  assert.equal(r.code, 8, r.err);
  assert.match(r.err, new RegExp(`contact ${id}`));
  assert.match(r.err, /nothing was stopped or installed/);
  assert.ok(Date.now() - t0 < 60_000, 'bounded by --wait-max');
  assert.deepEqual(await f.sb.agentPackage.steps(), []);
  assert.equal(await f.sb.agentPackage.installed(), `${OLD}-1`);
  assert.match(f.sb.agentPackage.unitState(), /^active#/);
});
