/**
 * The agent itself: its unit running (not crash-looping after "Loading Config", AWS's documented
 * symptom of a bad config), its version judged against AWS's release table (src/agent-releases.ts),
 * and the host's OS still supported (Amazon Linux 2). Pure: the date is the run's AWS-corrected day.
 *
 * AWS pages: Troubleshooting (gs-agent-ug/troubleshooting.html), Agent release notes
 * (gs-agent-ug/agent-release-notes.html), Manage the agent (gs-agent-ug/managing-agent.html).
 */
import { AL2_END_OF_SUPPORT, newestFor, RELEASES_CHECKED_ON, supportOf } from '../../agent-releases.ts';
import { journalEvidence } from '../../facts/linux/agent-service.ts';
import { isAmazonLinux2 } from '../../facts/linux/os-release.ts';
import { AGENT_CONFIG_PATH, underRoot } from '../../host-paths.ts';
import { commandLine } from '../../shell-quote.ts';
import type { Check, CheckResult } from '../types.ts';

const result = (id: string, status: CheckResult['status'], evidence: string, fix = ''): CheckResult => ({ id, status, evidence, fix });

const UNIT = 'aws-groundstation-agent';
/** A Rust program's exit status on a panic; the agent panics on a config it cannot use. */
export const PANIC_STATUS = 101;
const START = commandLine(['sudo', 'systemctl', 'start', UNIT]);
const RESET_AND_START = `${commandLine(['sudo', 'systemctl', 'reset-failed', UNIT])} && ${START}`;
const LOGS = 'the agent log under /var/log/aws/groundstation';

const quoteJournal = (lines: readonly string[]) => lines.map((l) => JSON.stringify(l)).join(' | ');

export const agentRunning: Check = (input) => {
  const { doctor } = input;
  const id = 'agent-running';
  if (!doctor.agentService.ok) return result(id, 'unknown', doctor.agentService.reason);
  const s = doctor.agentService.value;
  const state = `${UNIT}.service is ${s.activeState} (${s.subState})`;
  if (s.loadState === 'not-found')
    return result(id, 'unknown', `${UNIT}.service is not installed (LoadState=not-found): see agent-installed`);
  if (s.loadState !== 'loaded') return result(id, 'unknown', `${UNIT}.service is not loaded (LoadState=${s.loadState})`);
  if (s.activeState === 'active') return result(id, 'ok', `${state}`);
  const crashed = s.activeState === 'failed' || (s.activeState === 'activating' && s.subState === 'auto-restart');
  if (!crashed && s.activeState === 'inactive')
    return result(id, 'fail', `${state}: the agent is not running, no contact can use this host`, START);
  if (!crashed) return result(id, 'warn', `${state}: between states; run doctor again in a minute`);
  const journal = s.journal;
  const said = !journal
    ? ''
    : journal.ok
      ? journal.value.length
        ? `; journal: ${quoteJournal(journalEvidence(journal.value))}`
        : '; the journal has no lines for the unit'
      : `; journal not read: ${journal.reason}`;
  const afterConfig = journal?.ok === true && journal.value.some((l) => l.includes('Loading Config'));
  const config = underRoot(input.root ?? '/', AGENT_CONFIG_PATH);
  if (s.execMainStatus === PANIC_STATUS) {
    return result(
      id,
      'fail',
      `${state}, its last run exited ${PANIC_STATUS} (the agent panicked${afterConfig ? ' after "Loading Config"' : ''}: most often a bad config, AWS's documented symptom)${said}`,
      `check ${config} (gs-agent-config plan MISSION shows what it should hold; ${LOGS} says what the agent refused), then ${RESET_AND_START}`,
    );
  }
  return result(
    id,
    'fail',
    `${state}, result ${s.result}, its last run exited ${s.execMainStatus}${said}`,
    `read ${LOGS} and the journal (journalctl -u ${UNIT}), fix the cause, then ${RESET_AND_START}`,
  );
};

/** `1.0.5953.0-1` (rpm's VERSION-RELEASE) → `1.0.5953.0`. */
export const agentVersionOf = (rpmVersion: string) => rpmVersion.split('-')[0];

const RELEASE_NOTES = `AWS's agent release notes, read ${RELEASES_CHECKED_ON}`;

function upgradeFix(input: Parameters<Check>[0]): string {
  const os = input.doctor.osRelease.ok && isAmazonLinux2(input.doctor.osRelease.value) ? 'al2' : 'al2023';
  const newest = newestFor(os);
  return `install agent ${newest?.version ?? 'the newest release'} for this OS (gs-agent-config upgrade-agent, or AWS's "Install the agent" page), during no contact`;
}

export const agentVersion: Check = (input) => {
  const { doctor } = input;
  const id = 'agent-version';
  if (!doctor.agentPackage.ok) return result(id, 'unknown', doctor.agentPackage.reason);
  const pkg = doctor.agentPackage.value;
  if (!pkg.installed || pkg.version === undefined) return result(id, 'unknown', `${UNIT} is not installed: see agent-installed`);
  if (input.today === undefined) return result(id, 'unknown', "the run's date is not known: no version judged");
  const version = agentVersionOf(pkg.version);
  const s = supportOf(version, input.today);
  switch (s.kind) {
    case 'unknown':
      return result(id, 'unknown', s.why);
    case 'unsupported':
      return result(id, 'fail', `${UNIT} ${version} reached its end of support on ${s.endOfSupport} (${RELEASE_NOTES})`, upgradeFix(input));
    case 'deprecated':
      return result(
        id,
        'warn',
        `${UNIT} ${version} is deprecated${s.endOfSupport ? `; its support ends on ${s.endOfSupport}` : ''} (${RELEASE_NOTES})`,
        upgradeFix(input),
      );
    case 'supported':
      return result(id, 'ok', `${UNIT} ${version}, released ${s.release.released}, is supported (${RELEASE_NOTES})`);
  }
};

export const osSupport: Check = (input) => {
  const id = 'os-support';
  const os = input.doctor.osRelease;
  if (!os.ok) return result(id, 'unknown', os.reason);
  const name = `${os.value.id} ${os.value.versionId}`.trim();
  if (!isAmazonLinux2(os.value)) return result(id, 'ok', `${os.value.path}: ${name}`);
  if (input.today === undefined) return result(id, 'unknown', `${os.value.path}: Amazon Linux 2; the run's date is not known`);
  if (input.today > AL2_END_OF_SUPPORT)
    return result(
      id,
      'warn',
      `${os.value.path}: Amazon Linux 2, which reached its end of support on ${AL2_END_OF_SUPPORT}`,
      'move the agent host to Amazon Linux 2023 (a new instance from an AL2023 AMI; gs-agent-config apply there)',
    );
  return result(id, 'ok', `${os.value.path}: Amazon Linux 2, supported until ${AL2_END_OF_SUPPORT}`);
};
