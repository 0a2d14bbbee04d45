/**
 * upgrade-agent through the real binary against the sandbox: the stand-ins of rpm, yum, dnf and
 * systemctl record every step, the S3 stand-in serves fake RPMs (their SHA-256 is given with
 * --sha256 / --previous-sha256: the release table's are of AWS's real RPMs), and the agent
 * registers again a few requests after its start.
 */
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CancelContactCommand } from '@aws-sdk/client-groundstation';
import { agentRpm, type AgentBuild } from '../../sandbox/agent-package.ts';
import { runBin } from '../helpers/cli.ts';
import { applyRenamedExample, reserveContactOn, sdkClient } from '../helpers/contacts-fixtures.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';

const OLD = '1.0.4382.0';
const NEW = '1.0.5953.0';
const f = useSandbox('upgrade', { agentVersion: `${OLD}-1` });
const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const shaOf = (version: string, build: AgentBuild) => hash(agentRpm(version, build));
const ORDER = [
  'systemctl stop aws-groundstation-agent.service',
  'install -y',
  'systemctl daemon-reload',
  'systemctl start aws-groundstation-agent.service',
];

let host: Awaited<ReturnType<typeof applyRenamedExample>> | undefined;

async function appliedHost(build: AgentBuild) {
  host ??= await applyRenamedExample(f.sb, 'upgrade', 'upgrade-host');
  await mkdir(join(host.root, 'etc'), { recursive: true });
  await writeFile(
    join(host.root, 'etc/os-release'),
    build === 'al2023' ? 'NAME="Amazon Linux"\nID="amzn"\nVERSION_ID="2023"\n' : 'NAME="Amazon Linux"\nID="amzn"\nVERSION_ID="2"\n',
  );
  return host;
}

/** upgrade-agent on the applied host, the fake RPMs' checksums given. */
function upgrade(build: AgentBuild, ...extra: string[]) {
  return runBin(
    ['upgrade-agent', '--root', host!.root, '--sha256', shaOf(NEW, build), '--previous-sha256', shaOf(OLD, build), ...extra],
    f.sb.env,
    120_000,
  );
}

beforeEach(async () => {
  await f.sb.agentPackage.reset(`${OLD}-1`);
  f.sb.s3.objectsServed.splice(0);
});

afterEach(async () => {
  const client = sdkClient(f.sb);
  for (const id of f.sb.contacts.contacts.keys()) await client.send(new CancelContactCommand({ contactId: id }));
});

test('happy path on Amazon Linux 2: stop → yum install → daemon-reload → start, then the agent ACTIVE again; a second run has nothing to do', async () => {
  await appliedHost('al2');
  const r = await upgrade('al2', '--json');
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out);
  assert.equal(report.outcome, 'upgraded');
  assert.equal(report.installed, OLD);
  assert.equal(report.target, NEW);
  assert.equal(report.build, 'al2');
  assert.equal(
    report.source,
    `s3://groundstation-wb-digif-software-us-east-2/aws-groundstation-agent/${NEW}/amazon_linux_2_x86_64/aws-groundstation-agent.rpm`,
  );
  const steps = await f.sb.agentPackage.steps();
  assert.equal(steps.length, 4, steps.join('\n'));
  ORDER.forEach((s, i) => assert.ok(steps[i].includes(s), `step ${i + 1} is ${s}: ${steps[i]}`));
  assert.match(steps[1], /^yum install -y .*aws-groundstation-agent-1\.0\.5953\.0-al2\.rpm$/);
  assert.equal(await f.sb.agentPackage.installed(), `${NEW}-1`);
  assert.deepEqual(
    f.sb.s3.objectsServed.sort(),
    [
      `aws-groundstation-agent/${OLD}/amazon_linux_2_x86_64/aws-groundstation-agent.rpm`,
      `aws-groundstation-agent/${NEW}/amazon_linux_2_x86_64/aws-groundstation-agent.rpm`,
    ].sort(),
  );
  const group = f.sb.groundStation.groups.get(host!.report.dataflowEndpointGroupId)!;
  assert.equal(group.agentRegistered, true, 'the agent registered again after its start');
  assert.equal(report.steps.at(-1).step, 'wait-active');
  // The kept RPM is the verified one.
  assert.equal(hash(await readFile(report.rollbackRpm)), shaOf(OLD, 'al2'));
  const again = await upgrade('al2');
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /already the target/);
  assert.equal((await f.sb.agentPackage.steps()).length, 4, 'nothing more was run');
});

test('Amazon Linux 2023 installs with dnf (an RPM given with --rpm, newer than the table)', async () => {
  await appliedHost('al2023');
  await f.sb.agentPackage.reset(`${NEW}-1`);
  const rpm = join(host!.root, 'newer.rpm');
  await writeFile(rpm, agentRpm('1.0.6100.0', 'al2023'));
  const r = await runBin(
    [
      'upgrade-agent',
      '--root',
      host!.root,
      '--rpm',
      rpm,
      '--sha256',
      shaOf('1.0.6100.0', 'al2023'),
      '--previous-sha256',
      shaOf(NEW, 'al2023'),
    ],
    f.sb.env,
    120_000,
  );
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /upgraded aws-groundstation-agent 1\.0\.5953\.0 → 1\.0\.6100\.0 \(al2023\)/);
  const steps = await f.sb.agentPackage.steps();
  assert.equal(steps[1], `dnf install -y ${rpm}`);
  assert.equal(await f.sb.agentPackage.installed(), '1.0.6100.0-1');
  assert.deepEqual(f.sb.s3.objectsServed, [`aws-groundstation-agent/${NEW}/amazon_linux_2023_x86_64/aws-groundstation-agent.rpm`]);
});

test('a wrong checksum is refused before anything stops', async () => {
  await appliedHost('al2');
  const r = await runBin(
    ['upgrade-agent', '--root', host!.root, '--sha256', 'ab'.repeat(32), '--previous-sha256', shaOf(OLD, 'al2')],
    f.sb.env,
    120_000,
  );
  assert.equal(r.code, 6, r.err);
  assert.match(r.err, /checksum mismatch: .* is not the RPM AWS published; nothing was stopped/);
  assert.deepEqual(await f.sb.agentPackage.steps(), []);
  assert.equal(await f.sb.agentPackage.installed(), `${OLD}-1`);
  // Without --sha256 the table's checksum (of AWS's real RPM) is the one required: the sandbox's fake fails it too.
  const table = await runBin(['upgrade-agent', '--root', host!.root, '--previous-sha256', shaOf(OLD, 'al2')], f.sb.env, 120_000);
  assert.equal(table.code, 6, table.err);
  assert.match(table.err, /expected f2905ff0da26473669ac2d3c096b04c8e423166be3e5b1dcf39912a2f6002915/);
  assert.deepEqual(await f.sb.agentPackage.steps(), []);
});

async function passNow(): Promise<string> {
  f.sb.hostAgent.running = true;
  const now = Date.now();
  return reserveContactOn(f.sb, host!.names, now - 60_000, now + 600_000);
}

test('a contact in progress: exit 8, nothing stopped or installed; --force upgrades with a warning', async () => {
  await appliedHost('al2');
  const id = await passNow();
  const r = await upgrade('al2');
  assert.equal(r.code, 8, r.err);
  assert.match(r.err, new RegExp(`refused: contact ${id} .*upgrade-agent would stop the agent it uses`));
  assert.match(r.err, /nothing was stopped or installed/);
  assert.match(r.err, /the same upgrade, to run then: gs-agent-config upgrade-agent --root /);
  assert.deepEqual(await f.sb.agentPackage.steps(), []);
  assert.equal(await f.sb.agentPackage.installed(), `${OLD}-1`);
  const forced = await upgrade('al2', '--force');
  assert.equal(forced.code, 0, forced.err);
  assert.match(forced.err, /WARNING: --force: contact .*upgrade of aws-groundstation-agent.*this breaks the contact/);
  assert.equal(await f.sb.agentPackage.installed(), `${NEW}-1`);
});

test('a failed install is rolled back: the previous version started, exit 6 naming the step', async () => {
  await appliedHost('al2');
  await f.sb.agentPackage.failNext('install');
  const r = await upgrade('al2');
  assert.equal(r.code, 6, r.err);
  assert.match(r.err, /upgrade to 1\.0\.5953\.0 failed at install/);
  assert.match(r.err, /state: rolled back, 1\.0\.4382\.0 installed and the agent started/);
  const steps = await f.sb.agentPackage.steps();
  assert.ok(steps[0].startsWith('systemctl stop'), steps.join('\n'));
  assert.match(steps[1], /^yum install -y /);
  assert.equal(steps.at(-1), 'systemctl start aws-groundstation-agent.service');
  assert.equal(await f.sb.agentPackage.installed(), `${OLD}-1`);
  assert.match(f.sb.agentPackage.unitState(), /^active#/);
});

test('a failed start is rolled back: the previous version reinstalled (yum downgrade) and started', async () => {
  await appliedHost('al2');
  await f.sb.agentPackage.failNext('start');
  const r = await upgrade('al2');
  assert.equal(r.code, 6, r.err);
  assert.match(r.err, /failed at start/);
  const steps = await f.sb.agentPackage.steps();
  assert.ok(
    steps.some((s) => /^yum downgrade -y .*aws-groundstation-agent-1\.0\.4382\.0-al2\.rpm$/.test(s)),
    steps.join('\n'),
  );
  assert.equal(steps.at(-1), 'systemctl start aws-groundstation-agent.service');
  assert.equal(await f.sb.agentPackage.installed(), `${OLD}-1`);
  assert.match(f.sb.agentPackage.unitState(), /^active#/);
});

test('a host on an OS AWS publishes no agent for: a clear refusal (exit 3), nothing downloaded', async () => {
  await appliedHost('al2023');
  await writeFile(join(host!.root, 'etc/os-release'), 'NAME="Ubuntu"\nID=ubuntu\nVERSION_ID="22.04"\nPRETTY_NAME="Ubuntu 22.04.4 LTS"\n');
  const r = await upgrade('al2023');
  assert.equal(r.code, 3, r.err);
  assert.match(r.err, /no agent build for this host's OS: "Ubuntu 22\.04\.4 LTS"/);
  assert.match(r.err, /Amazon Linux 2023 .* and Amazon Linux 2 .* x86_64 only/);
  assert.deepEqual(f.sb.s3.objectsServed, []);
  assert.deepEqual(await f.sb.agentPackage.steps(), []);
});

test('--dry-run prints every step and touches nothing', async () => {
  await appliedHost('al2');
  const r = await upgrade('al2', '--dry-run');
  assert.equal(r.code, 0, r.err);
  for (const word of [
    'download: s3://',
    'verify: sha256',
    'keep: s3://',
    'guard:',
    'stop: ',
    'install: ',
    'daemon-reload: ',
    'start: ',
    'wait-active: ',
  ])
    assert.ok(r.out.includes(word), `${word} in\n${r.out}`);
  assert.match(r.out, /yum install -y /);
  assert.deepEqual(f.sb.s3.objectsServed, []);
  assert.deepEqual(await f.sb.agentPackage.steps(), []);
});

test('a downgrade needs --allow-downgrade (exit 2, nothing done); with it, dnf downgrade', async () => {
  await appliedHost('al2023');
  await f.sb.agentPackage.reset(`${NEW}-1`);
  const rpm = join(host!.root, 'older.rpm');
  await writeFile(rpm, agentRpm('1.0.5900.0', 'al2023'));
  const args = ['upgrade-agent', '--root', host!.root, '--rpm', rpm, '--sha256', shaOf('1.0.5900.0', 'al2023')];
  const r = await runBin([...args, '--previous-sha256', shaOf(NEW, 'al2023')], f.sb.env, 120_000);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /1\.0\.5900\.0 is older than the installed 1\.0\.5953\.0: a downgrade needs --allow-downgrade/);
  assert.deepEqual(await f.sb.agentPackage.steps(), []);
  const ok = await runBin([...args, '--previous-sha256', shaOf(NEW, 'al2023'), '--allow-downgrade'], f.sb.env, 120_000);
  assert.equal(ok.code, 0, ok.err);
  assert.match((await f.sb.agentPackage.steps())[1], /^dnf downgrade -y /);
  assert.equal(await f.sb.agentPackage.installed(), '1.0.5900.0-1');
});

test('rehearsal guard: with the sandbox and no --root, upgrade-agent refuses (exit 2)', async () => {
  const r = await runBin(['upgrade-agent'], f.sb.env, 60_000);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /a sandbox\) and --root is the real \//);
});
