/**
 * The upgrade-agent use-case: upgrade aws-groundstation-agent on this host without losing a pass.
 *
 * Under the run lock (apply's): the installed version (`rpm -q`), the OS build (os-build.ts),
 * the target (the newest release of the table for that build, or `--rpm FILE`); then, before
 * anything is stopped, the target RPM (downloaded from AWS's regional bucket when no file is
 * given) and a copy of the installed version's RPM (its version folder, for a rollback) are
 * verified: SHA-256 against the release table (or --sha256 / --previous-sha256), a hash of the
 * other OS build is named "wrong build", `rpm -K --nosignature` (the RPM's own digests) and
 * `rpm -qp` (package, version, arch). Then, while no contact holds the host (the contact
 * guard: exit 8, --wait-for-contacts, --force), AWS's documented order ("Manage the agent"):
 * stop → install (yum on Amazon Linux 2, dnf on 2023; `downgrade` for an older version) →
 * the agent config put back if the RPM replaced it → daemon-reload → start → wait until the
 * group's endpoints report the agent ACTIVE. A failed install or start reinstalls the kept
 * RPM and starts it; the error names the step and the state the host is left in. Prints nothing.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AGENT_RELEASES,
  compareAgentVersions,
  newestFor,
  OS_BUILDS,
  OS_PATH,
  parseAgentVersion,
  releaseOf,
  type OsBuild,
} from '../agent-releases.ts';
import { agentObject, s3Url, type AgentDownloadPort } from '../aws/agent-download.ts';
import type { ContactsPort } from '../aws/contacts.ts';
import type { GroundStationPort } from '../aws/groundstation.ts';
import { createHoldCheck, hostAddresses, refuseWhileHeld, type GuardPolicy } from '../contacts/hold-check.ts';
import { describeHold, holdDetails, type Hold } from '../contacts/hold.ts';
import { DeferredError, HostFactsError, ProblemsFoundError, TransientError, UsageError } from '../errors.ts';
import { readAgentPackage, AGENT_PACKAGE } from '../facts/linux/agent-package.ts';
import type { HostIdentity } from '../facts/imds/host-identity.ts';
import { AGENT_CONFIG_PATH, LOCK_PATH, underRoot } from '../host-paths.ts';
import type { RunContext } from '../run-context.ts';
import { monotonicNow, remainingMs, sleepWithin, WAIT_MARGIN_MS } from '../run-deadline.ts';
import { writeFileAtomic } from '../apply/atomic-write.ts';
import { getGroupIfExists } from '../apply/find-groups.ts';
import { acquireLock } from '../apply/lock.ts';
import { readIfExists } from '../apply/read-if-exists.ts';
import { readOwnState } from '../apply/state-file.ts';
import { STEP_TIMEOUT_MS, stepRunner, type StepRunner } from './host-steps.ts';
import { readOsBuild } from './os-build.ts';

export const AGENT_UNIT = 'aws-groundstation-agent.service';
/** Where the verified RPMs are kept (under --root): the target, and the installed version for a rollback. */
export const UPGRADE_DIR = '/var/lib/gs-agent-config/upgrade';
/** An --rpm FILE larger than this is not an agent RPM (the same cap as a download). */
const RPM_FILE_MAX_BYTES = 256 * 1024 * 1024;
/** How long the agent may take to report ACTIVE after its start (within the run's deadline). */
export const ACTIVE_WAIT_MS = 300_000;

export interface UpgradePorts {
  hostIdentity: () => Promise<HostIdentity>;
  groundStation: (region: string) => GroundStationPort;
  contacts: (region: string) => ContactsPort;
  download: (region: string) => AgentDownloadPort;
  /** Says a warning at once (a --force override). */
  notify: (warning: string) => void;
}

export interface UpgradeOptions {
  root: string;
  /** GS_AGENT_CONFIG_BIN_DIR: where rpm, yum, dnf and systemctl are (default /usr/bin). */
  binDir?: string;
  rpmFile?: string;
  sha256?: string;
  previousSha256?: string;
  dryRun: boolean;
  allowDowngrade: boolean;
  regionOverride?: string;
  lockWaitSeconds: number;
  guard: GuardPolicy;
}

export interface UpgradeStep {
  /** stop, install, config, daemon-reload, start, wait-active, and the rollback's. */
  step: string;
  /** The command line (shell-quoted), or what was done. */
  command: string;
  ok?: boolean;
}

export interface UpgradeReport {
  instanceId: string;
  build: OsBuild;
  installed: string;
  target: string;
  /** upgraded, downgraded, current (nothing to do), dry-run. */
  outcome: 'upgraded' | 'downgraded' | 'current' | 'dry-run';
  /** Where the target RPM came from (an s3:// URL or the --rpm file). */
  source?: string;
  sha256?: string;
  /** The verified copy of the installed version kept for a rollback. */
  rollbackRpm?: string;
  /** The agent config was replaced by the install and put back. */
  configRestored?: boolean;
  steps: UpgradeStep[];
  warnings: string[];
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const versionOf = (versionRelease: string) => versionRelease.replace(/-[^-]*$/, '');

/** What the table (or the operator) says the RPM of `version` for `build` hashes to. */
function expectedSha(version: string, build: OsBuild, given: string | undefined): string | undefined {
  return given?.toLowerCase() ?? releaseOf(version)?.sha256[build];
}

/** Refuses the bytes unless their SHA-256 is the one expected (judgeSha). */
function verifySha(bytes: Buffer, what: string, version: string, build: OsBuild, expected: string | undefined, flag: string): string {
  const got = sha256(bytes);
  judgeSha(got, what, version, build, expected, flag);
  return got;
}

/** Throws unless `got` is the SHA-256 expected; a hash the table has for the other OS build is named "wrong build". */
export function judgeSha(got: string, what: string, version: string, build: OsBuild, expected: string | undefined, flag: string): void {
  if (expected === undefined)
    throw new UsageError(`no SHA-256 known for ${what} (${version}, ${build}): the release table has none; nothing was stopped`, [
      `give the SHA-256 AWS publishes for it with ${flag} HEX (the "Agent release notes" page)`,
    ]);
  if (got === expected) return;
  const other = OS_BUILDS.filter((b) => b !== build).find((b) => AGENT_RELEASES.some((r) => r.sha256[b] === got));
  if (other)
    throw new ProblemsFoundError(`wrong build: ${what} is the ${other} build of the agent, this host needs ${build}; nothing was stopped`, [
      `sha256 ${got}`,
      'the Amazon Linux 2 and 2023 builds are not binary-compatible ("Install the agent")',
    ]);
  throw new ProblemsFoundError(`checksum mismatch: ${what} is not the RPM AWS published; nothing was stopped`, [
    `sha256 ${got}, expected ${expected}`,
    'do not install it; delete it and download it again ("RPM installation validation")',
  ]);
}

/** `rpm -K --nosignature` (the RPM's own header and payload digests) and `rpm -qp` (it is the agent, this version, x86_64). */
async function verifyRpm(steps: StepRunner, file: string, version: string | undefined): Promise<string> {
  const k = await steps.run('rpm', ['-K', '--nosignature', file], STEP_TIMEOUT_MS.query);
  if (!k.ok) throw new ProblemsFoundError(`the RPM's own digests do not check out: ${k.reason}; nothing was stopped`, [file]);
  const q = await steps.run('rpm', ['-qp', '--queryformat', '%{NAME} %{VERSION} %{RELEASE} %{ARCH}\\n', file], STEP_TIMEOUT_MS.query);
  if (!q.ok) throw new ProblemsFoundError(`cannot read the RPM's header: ${q.reason}; nothing was stopped`, [file]);
  const [name, v, release, arch] = q.stdout.trim().split(' ');
  if (name !== AGENT_PACKAGE || !parseAgentVersion(v ?? '') || arch !== 'x86_64' || !release)
    throw new ProblemsFoundError(
      `${file} is not an x86_64 ${AGENT_PACKAGE} RPM (it says ${JSON.stringify(q.stdout.trim().slice(0, 80))}); nothing was stopped`,
    );
  if (version !== undefined && v !== version)
    throw new ProblemsFoundError(`${file} holds version ${v}, not ${version}; nothing was stopped`);
  return v;
}

/** Exit 8: a contact holds this host; nothing was downloaded past verification, stopped or installed. */
function upgradeRefused(hold: Hold): DeferredError {
  return new DeferredError(`refused: ${describeHold(hold)}; upgrade-agent would stop the agent it uses`, [
    ...holdDetails(hold),
    'nothing was stopped or installed',
    'run upgrade-agent again after it, or add --wait-for-contacts to wait for it; --force upgrades now and breaks the contact',
  ]);
}

interface Prepared {
  file: string;
  version: string;
  source: string;
  sha: string;
}

export async function upgradeAgent(ports: UpgradePorts, o: UpgradeOptions, run: RunContext): Promise<UpgradeReport> {
  const release = await acquireLock(underRoot(o.root, LOCK_PATH), o.lockWaitSeconds * 1000, { progress: run.progress });
  try {
    return await upgradeLocked(ports, o, run);
  } finally {
    await release();
  }
}

async function upgradeLocked(ports: UpgradePorts, o: UpgradeOptions, run: RunContext): Promise<UpgradeReport> {
  const steps = stepRunner(o.binDir, run.deadline);
  const warnings: string[] = [];
  const notify = (w: string) => {
    warnings.push(w);
    ports.notify(w);
  };
  const identity = await ports.hostIdentity();
  const region = o.regionOverride || identity.region;
  const build = readOsBuild(o.root);
  const arch = await steps.run('rpm', ['--eval', '%{_arch}'], STEP_TIMEOUT_MS.query);
  if (!arch.ok || arch.stdout.trim() !== 'x86_64')
    throw new HostFactsError(
      `no agent build for this host's architecture: ${arch.ok ? JSON.stringify(arch.stdout.trim().slice(0, 40)) : arch.reason}`,
      ['AWS publishes the agent for x86_64 only'],
    );
  const pkg = await readAgentPackage({ binDir: o.binDir, deadline: run.deadline, timeoutMs: STEP_TIMEOUT_MS.query });
  if (!pkg.ok) throw new HostFactsError(`cannot tell the installed agent version: ${pkg.reason}`);
  if (!pkg.value.installed || !pkg.value.version)
    throw new HostFactsError(`${AGENT_PACKAGE} is not installed: upgrade-agent upgrades an installed agent`, [
      'install it as AWS documents ("Install the agent"), then apply the mission',
    ]);
  const installed = versionOf(pkg.value.version);
  if (!parseAgentVersion(installed))
    throw new HostFactsError(`rpm -q says the agent is ${JSON.stringify(installed.slice(0, 40))}, not an agent version`);

  // The target: --rpm FILE (its header says which version), else the newest release of this build.
  let rpmBytes: Buffer | undefined;
  let target: string;
  if (o.rpmFile) {
    rpmBytes = await readRpmFile(o.rpmFile);
    target = await verifyRpm(steps, o.rpmFile, undefined);
  } else {
    const newest = newestFor(build);
    if (!newest) throw new HostFactsError(`the release table has no ${build} build`);
    target = newest.version;
  }
  const cmp = compareAgentVersions(target, installed);
  const base = { instanceId: identity.instanceId, build, installed, target, warnings };
  if (cmp === 0) return { ...base, outcome: 'current', steps: [] };
  if (cmp < 0 && !o.allowDowngrade)
    throw new UsageError(`${target} is older than the installed ${installed}: a downgrade needs --allow-downgrade; nothing was done`);
  const verb = cmp < 0 ? 'downgrade' : 'install';
  const pm = build === 'al2023' ? 'dnf' : 'yum';
  const dir = underRoot(o.root, UPGRADE_DIR);
  const targetFile = o.rpmFile ?? join(dir, `${AGENT_PACKAGE}-${target}-${build}.rpm`);
  const previousFile = join(dir, `${AGENT_PACKAGE}-${installed}-${build}.rpm`);
  const group = await ownGroup(o.root, identity, o.guard.force === true);
  const plan: UpgradeStep[] = [
    ...(o.rpmFile ? [] : [{ step: 'download', command: `${s3Url(agentObject(region, target, OS_PATH[build]))} → ${targetFile}` }]),
    { step: 'verify', command: `sha256 and ${steps.line('rpm', ['-K', '--nosignature', targetFile])}` },
    { step: 'keep', command: `${s3Url(agentObject(region, installed, OS_PATH[build]))} → ${previousFile} (verified, for a rollback)` },
    { step: 'guard', command: 'no contact holds this host (else exit 8)' },
    { step: 'stop', command: steps.line('systemctl', ['stop', AGENT_UNIT]) },
    { step: 'install', command: steps.line(pm, [verb, '-y', targetFile]) },
    { step: 'config', command: `put ${underRoot(o.root, AGENT_CONFIG_PATH)} back if the RPM replaced it` },
    { step: 'daemon-reload', command: steps.line('systemctl', ['daemon-reload']) },
    { step: 'start', command: steps.line('systemctl', ['start', AGENT_UNIT]) },
    {
      step: 'wait-active',
      command: group
        ? `GetDataflowEndpointGroup ${group.groupId} until every endpoint's agent is ACTIVE`
        : 'skipped: no group recorded (--force)',
    },
  ];
  if (o.dryRun) return { ...base, outcome: 'dry-run', steps: plan };

  // Before anything stops: the target and the rollback copy, both verified.
  const prepared: Prepared = o.rpmFile
    ? {
        file: o.rpmFile,
        version: target,
        source: o.rpmFile,
        sha: verifySha(rpmBytes!, o.rpmFile, target, build, expectedSha(target, build, o.sha256), '--sha256'),
      }
    : await fetchVerified(ports.download(region), steps, region, target, build, targetFile, o.sha256, '--sha256');
  const previous = await fetchVerified(
    ports.download(region),
    steps,
    region,
    installed,
    build,
    previousFile,
    o.previousSha256,
    '--previous-sha256',
  ).catch((err: unknown) => {
    if (!(err instanceof Error)) throw err;
    throw Object.assign(err, {
      message: `cannot keep the installed ${installed} for a rollback: ${err.message}`,
    });
  });

  // The guard: nothing disruptive while a contact holds the host.
  const gs = ports.groundStation(region);
  if (group) {
    const read = (id: string) => getGroupIfExists(gs, id);
    const current = await read(group.groupId);
    const check = createHoldCheck(o.guard, {
      contacts: ports.contacts(region),
      addresses: () => hostAddresses(read, [], [group.groupId, ...group.retiring]),
      prePassSeconds: current?.contactPrePassDurationSeconds ?? 120,
      deadline: run.deadline,
      run,
      warn: notify,
    });
    await refuseWhileHeld(check, ['upgrade'], upgradeRefused);
  } else notify('--force: no group of this host is recorded, so no contact was checked and the agent is not waited for');

  const configPath = underRoot(o.root, AGENT_CONFIG_PATH);
  const config = (await readIfExists(configPath)) ?? undefined;
  const done: UpgradeStep[] = [];
  const step = async (name: string, p: 'systemctl' | 'yum' | 'dnf', args: string[], timeoutMs: number) => {
    const r = await steps.run(p, args, timeoutMs);
    done.push({ step: name, command: steps.line(p, args), ok: r.ok });
    return r;
  };
  const stopped = await step('stop', 'systemctl', ['stop', AGENT_UNIT], STEP_TIMEOUT_MS.unit);
  if (!stopped.ok || (await unitState(steps)) === 'active')
    throw new HostFactsError(`upgrade failed at stop: ${stopped.reason ?? 'the agent is still active'}`, [
      `state: ${installed} installed, nothing was installed; the agent was not stopped (or is running again)`,
    ]);
  let configRestored = false;
  const failAndRollBack = async (at: string, reason: string | undefined): Promise<never> => {
    const back = await rollBack(steps, {
      binDir: o.binDir,
      deadline: run.deadline,
      pm,
      file: previous.file,
      version: installed,
      config,
      configPath,
      done,
    });
    const state = back.ok
      ? `state: rolled back, ${installed} installed and the agent started (exit 6: the upgrade did not happen)${
          back.reloadFailed
            ? `; systemctl daemon-reload failed in the rollback too: systemd may run a stale unit, so check it (systemctl status ${AGENT_UNIT}) and run ${steps.line('systemctl', ['daemon-reload'])} by hand`
            : ''
        }`
      : `state: ROLLBACK FAILED (${back.reason}); what rpm -q says: ${back.installed}; the agent is ${back.unit}`;
    const details = [state, ...done.map((s) => `${s.ok ? 'ok  ' : 'FAIL'} ${s.step}: ${s.command}`)];
    if (back.ok) throw new ProblemsFoundError(`upgrade to ${target} failed at ${at}: ${reason ?? 'see the steps'}`, details);
    // By hand, as root: put the kept version back the way rpm's state asks (nothing installed: install;
    // another version: downgrade; the kept one already: only reload and start), outside a contact.
    const put = parseAgentVersion(back.installed) === undefined ? 'install' : back.installed === installed ? undefined : 'downgrade';
    const byHand = [
      ...(put ? [steps.line(pm, [put, '-y', previous.file])] : []),
      steps.line('systemctl', ['daemon-reload']),
      steps.line('systemctl', ['start', AGENT_UNIT]),
    ];
    throw new HostFactsError(`upgrade to ${target} failed at ${at}, and the rollback to ${installed} failed too`, [
      ...details,
      `fix by hand, as root, outside a contact: ${byHand.join('; ')}; then gs-agent-config doctor (the kept RPM, verified: ${previous.file})`,
    ]);
  };
  const inst = await step('install', pm, [verb, '-y', prepared.file], STEP_TIMEOUT_MS.install);
  const nowVersion = await installedVersion({ binDir: o.binDir, deadline: run.deadline });
  if (!inst.ok || nowVersion !== target)
    await failAndRollBack('install', inst.reason ?? `rpm -q says ${nowVersion ?? 'nothing'} is installed, not ${target}`);
  // An RPM install can reset the agent config (AWS: a reinstall writes defaults): put apply's back.
  if (config !== undefined && (await readIfExists(configPath)) !== config) {
    await writeFileAtomic(configPath, config, 0o644);
    configRestored = true;
    done.push({ step: 'config', command: `restored ${configPath} (the install had replaced it)`, ok: true });
  }
  const reload = await step('daemon-reload', 'systemctl', ['daemon-reload'], STEP_TIMEOUT_MS.unit);
  if (!reload.ok) await failAndRollBack('daemon-reload', reload.reason);
  const start = await step('start', 'systemctl', ['start', AGENT_UNIT], STEP_TIMEOUT_MS.unit);
  if (!start.ok || (await unitState(steps)) !== 'active')
    await failAndRollBack('start', start.reason ?? 'the agent is not active after its start');
  if (group) {
    await waitActive(gs, group.groupId, run, target);
    done.push({ step: 'wait-active', command: `every endpoint of ${group.groupId} reports the agent ACTIVE`, ok: true });
  }
  return {
    ...base,
    outcome: verb === 'downgrade' ? 'downgraded' : 'upgraded',
    source: prepared.source,
    sha256: prepared.sha,
    rollbackRpm: previous.file,
    ...(configRestored && { configRestored }),
    steps: done,
  };
}

async function readRpmFile(file: string): Promise<Buffer> {
  try {
    const b = await readFile(file);
    if (b.length > RPM_FILE_MAX_BYTES) throw new UsageError(`${file} is ${b.length} bytes, more than an agent RPM (${RPM_FILE_MAX_BYTES})`);
    return b;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read --rpm ${file}: ${(err as Error).message}`);
  }
}

/** The version's RPM from AWS's bucket, SHA-256 and rpm checked, written (0600) to `file`. */
async function fetchVerified(
  dl: AgentDownloadPort,
  steps: StepRunner,
  region: string,
  version: string,
  build: OsBuild,
  file: string,
  given: string | undefined,
  flag: string,
): Promise<Prepared> {
  const obj = agentObject(region, version, OS_PATH[build]);
  const expected = expectedSha(version, build, given);
  // Known before the download: no checksum, no download.
  if (expected === undefined) verifySha(Buffer.alloc(0), s3Url(obj), version, build, undefined, flag);
  const bytes = await dl.get(obj);
  const sha = verifySha(bytes, s3Url(obj), version, build, expected, flag);
  await writeFileAtomic(file, bytes, 0o600);
  await verifyRpm(steps, file, version);
  return { file, version, source: s3Url(obj), sha };
}

/** The group this host manages (the state file), or undefined with --force; else exit 3. */
async function ownGroup(root: string, identity: HostIdentity, force: boolean) {
  const { own } = await readOwnState(root, identity.instanceId);
  if (own) return own;
  if (force) return undefined;
  throw new HostFactsError(
    'no group of this host is recorded: upgrade-agent cannot tell which contacts use this host, nor wait for the agent',
    [
      'apply the mission on this host first (the state file records its group)',
      '--force upgrades without the contact check and without waiting for the agent to register',
    ],
  );
}

async function unitState(steps: StepRunner): Promise<string> {
  const r = await steps.run('systemctl', ['is-active', AGENT_UNIT], STEP_TIMEOUT_MS.query);
  return r.stdout.trim().split('\n')[0] || 'unknown';
}

interface RollBackInput {
  binDir: string | undefined;
  deadline: RunContext['deadline'];
  pm: 'yum' | 'dnf';
  file: string;
  version: string;
  config: string | undefined;
  configPath: string;
  done: UpgradeStep[];
}

/** The installed agent's version (without its release), or undefined when none or rpm cannot tell. */
async function installedVersion(o: { binDir: string | undefined; deadline: RunContext['deadline'] }): Promise<string | undefined> {
  const now = await readAgentPackage({ binDir: o.binDir, deadline: o.deadline, timeoutMs: STEP_TIMEOUT_MS.query });
  return now.ok && now.value.installed && now.value.version ? versionOf(now.value.version) : undefined;
}

/** Puts the kept version back (when rpm -q says another is installed) and starts it. */
async function rollBack(
  steps: StepRunner,
  i: RollBackInput,
): Promise<{ ok: true; reloadFailed: boolean } | { ok: false; reason: string; installed: string; unit: string }> {
  const log = (step: string, p: 'systemctl' | 'yum' | 'dnf', args: string[], ok: boolean) =>
    i.done.push({ step: `rollback ${step}`, command: steps.line(p, args), ok });
  const fail = async (reason: string) => ({
    ok: false as const,
    reason,
    installed: (await installedVersion(i)) ?? 'nothing (or unknown)',
    unit: await unitState(steps),
  });
  const stop = await steps.run('systemctl', ['stop', AGENT_UNIT], STEP_TIMEOUT_MS.unit);
  log('stop', 'systemctl', ['stop', AGENT_UNIT], stop.ok);
  const now = await installedVersion(i);
  if (now !== i.version) {
    const verb = now === undefined ? 'install' : 'downgrade';
    const args = [verb, '-y', i.file];
    const r = await steps.run(i.pm, args, STEP_TIMEOUT_MS.install);
    log('install', i.pm, args, r.ok);
    if (!r.ok) return fail(`reinstalling ${i.version}: ${r.reason}`);
  }
  if (i.config !== undefined && (await readIfExists(i.configPath)) !== i.config) await writeFileAtomic(i.configPath, i.config, 0o644);
  const reload = await steps.run('systemctl', ['daemon-reload'], STEP_TIMEOUT_MS.unit);
  log('daemon-reload', 'systemctl', ['daemon-reload'], reload.ok);
  const start = await steps.run('systemctl', ['start', AGENT_UNIT], STEP_TIMEOUT_MS.unit);
  log('start', 'systemctl', ['start', AGENT_UNIT], start.ok);
  if (!start.ok) return fail(`starting ${i.version}: ${start.reason}`);
  return { ok: true, reloadFailed: !reload.ok };
}

/** Polls the group (back-off 1 s doubling to 10 s) until every endpoint's agent is ACTIVE, within ACTIVE_WAIT_MS and the deadline. */
async function waitActive(gs: GroundStationPort, groupId: string, run: RunContext, target: string): Promise<void> {
  const started = monotonicNow();
  const endsAt = started + Math.min(ACTIVE_WAIT_MS, Math.max(0, remainingMs(run.deadline) - WAIT_MARGIN_MS / 2));
  let pause = 1000;
  for (;;) {
    const g = await gs.getGroup(groupId);
    const waiting = g.endpoints.filter((e) => e.agentStatus !== 'ACTIVE');
    if (waiting.length === 0) return;
    run.progress.line(
      `waiting for the agent to register: ${waiting.map((e) => `${e.name} (${e.agentStatus ?? 'not registered'})`).join(', ')}`,
    );
    if (monotonicNow() + pause > endsAt)
      throw new TransientError(
        `${target} is installed and started, but the agent did not report ACTIVE within ${Math.round((monotonicNow() - started) / 1000)} s`,
        [
          `still waiting for: ${waiting.map((e) => `${e.name} (${e.agentStatus ?? 'not registered'})`).join(', ')}`,
          'check `journalctl -u aws-groundstation-agent` and `gs-agent-config status --wait 300`',
        ],
      );
    await sleepWithin(run.deadline, pause, 'the agent to register');
    pause = Math.min(pause * 2, 10_000);
  }
}
