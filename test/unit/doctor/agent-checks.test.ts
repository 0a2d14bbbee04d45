/** Issue 20: the agent's unit, its version and the host's OS, as pure checks: ok / warn / fail / unknown. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notRead, unreadDoctorFacts } from '../../helpers/doctor-facts.ts';
import { agentRunning, agentVersion, osSupport } from '../../../src/doctor/checks/agent-checks.ts';
import type { DoctorInput } from '../../../src/doctor/types.ts';
import type { AgentServiceFacts, DoctorFacts, Fact, OsReleaseFacts } from '../../../src/facts/types.ts';

const no = notRead;
const yes = <T>(value: T): Fact<T> => ({ ok: true, value });

function input(over: Partial<DoctorFacts> = {}, today: string | null = '2026-12-06'): DoctorInput {
  const doctor = unreadDoctorFacts(over);
  return { host: no(), plan: { ok: false, reason: 'no plan' }, doctor, root: '/', ...(today !== null && { today }) };
}

const unit = (o: Partial<AgentServiceFacts>): Fact<AgentServiceFacts> =>
  yes({
    loadState: 'loaded',
    activeState: 'active',
    subState: 'running',
    result: 'success',
    execMainStatus: 0,
    startedMonotonicUs: 1,
    ...o,
  });

test('agent-running: active is ok; unreadable is unknown; not installed is unknown naming agent-installed', () => {
  assert.equal(agentRunning(input({ agentService: unit({}) })).status, 'ok');
  assert.deepEqual(agentRunning(input({ agentService: no('systemctl hung') })), {
    id: 'agent-running',
    status: 'unknown',
    evidence: 'systemctl hung',
    fix: '',
  });
  const missing = agentRunning(input({ agentService: unit({ loadState: 'not-found', activeState: 'inactive', subState: 'dead' }) }));
  assert.equal(missing.status, 'unknown');
  assert.match(missing.evidence, /see agent-installed/);
});

test('agent-running: crash-looping with 101 after "Loading Config" fails, quoting the journal, fix resets then starts', () => {
  const journal = yes(['Starting', 'Loading Config', "thread 'main' panicked", 'status=101/n/a']);
  const r = agentRunning(
    input({
      agentService: unit({ activeState: 'activating', subState: 'auto-restart', result: 'exit-code', execMainStatus: 101, journal }),
    }),
  );
  assert.equal(r.status, 'fail');
  assert.match(
    r.evidence,
    /activating \(auto-restart\), its last run exited 101 \(the agent panicked after "Loading Config": most often a bad config/,
  );
  assert.match(r.evidence, /journal: "Loading Config" \| "thread 'main' panicked" \| "status=101\/n\/a"$/);
  assert.match(r.fix, /sudo systemctl reset-failed aws-groundstation-agent && sudo systemctl start aws-groundstation-agent$/);
});

test('agent-running: failed with another status fails; the journal not read is said; inactive fails with start; activating warns', () => {
  const failed = agentRunning(
    input({
      agentService: unit({
        activeState: 'failed',
        subState: 'failed',
        result: 'signal',
        execMainStatus: 9,
        journal: no('journalctl hung'),
      }),
    }),
  );
  assert.equal(failed.status, 'fail');
  assert.match(failed.evidence, /result signal, its last run exited 9; journal not read: journalctl hung$/);
  const dead = agentRunning(input({ agentService: unit({ activeState: 'inactive', subState: 'dead' }) }));
  assert.deepEqual([dead.status, dead.fix], ['fail', 'sudo systemctl start aws-groundstation-agent']);
  assert.equal(agentRunning(input({ agentService: unit({ activeState: 'activating', subState: 'start' }) })).status, 'warn');
});

const pkg = (version: string) => yes({ installed: true, version, detail: `rpm -q: ${version}` });

test('agent-version: supported ok, deprecated warns with its date, past end of support fails, unknown versions say why', () => {
  assert.equal(agentVersion(input({ agentPackage: pkg('1.0.5953.0-1') })).status, 'ok');
  const dep = agentVersion(input({ agentPackage: pkg('1.0.4382.0-1') }, '2026-06-01'));
  assert.equal(dep.status, 'warn');
  assert.match(dep.evidence, /1\.0\.4382\.0 is deprecated; its support ends on 2026-06-30/);
  const past = agentVersion(input({ agentPackage: pkg('1.0.4382.0-1') }, '2026-07-01'));
  assert.equal(past.status, 'fail');
  assert.match(past.evidence, /1\.0\.4382\.0 reached its end of support on 2026-06-30/);
  assert.match(past.fix, /^install agent 1\.0\.5953\.0/);
  // The last day of support is still supported (deprecated).
  assert.equal(agentVersion(input({ agentPackage: pkg('1.0.4382.0-1') }, '2026-06-30')).status, 'warn');
  const newer = agentVersion(input({ agentPackage: pkg('1.0.9999.0-1') }));
  assert.equal(newer.status, 'unknown');
  assert.match(newer.evidence, /newer than every release in the table/);
  assert.equal(agentVersion(input({ agentPackage: pkg('1.0.1000.0-1') })).status, 'unknown');
  assert.equal(agentVersion(input({ agentPackage: pkg('garbage') })).status, 'unknown');
  assert.equal(agentVersion(input({ agentPackage: pkg('1.0.5953.0-1') }, null)).status, 'unknown');
  assert.equal(agentVersion(input({ agentPackage: yes({ installed: false, detail: 'not installed' }) })).status, 'unknown');
  assert.equal(agentVersion(input({ agentPackage: no('rpmdb locked') })).evidence, 'rpmdb locked');
});

const os = (id: string, versionId: string): Fact<OsReleaseFacts> => yes({ id, versionId, path: '/etc/os-release' });

test("os-support: Amazon Linux 2 warns after 2026-06-30 (the run's AWS-corrected day), AL2023 ok, unread unknown", () => {
  assert.equal(osSupport(input({ osRelease: os('amzn', '2023') })).status, 'ok');
  const al2 = osSupport(input({ osRelease: os('amzn', '2') }, '2026-07-01'));
  assert.equal(al2.status, 'warn');
  assert.match(al2.evidence, /Amazon Linux 2, which reached its end of support on 2026-06-30/);
  assert.equal(osSupport(input({ osRelease: os('amzn', '2') }, '2026-06-30')).status, 'ok');
  assert.equal(osSupport(input({ osRelease: os('amzn', '2') }, null)).status, 'unknown');
  assert.equal(osSupport(input({ osRelease: no('/etc/os-release: no such file') })).status, 'unknown');
});
