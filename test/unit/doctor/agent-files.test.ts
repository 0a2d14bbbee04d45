/** Issue 20: agent-files as a pure check: clean ok, changed warns naming files and tests, config apart, unread unknown. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notRead, unreadDoctorFacts } from '../../helpers/doctor-facts.ts';
import { agentFiles, MAX_FILES_NAMED } from '../../../src/doctor/checks/agent-files-check.ts';
import { formatChecks } from '../../../src/doctor/run-checks.ts';
import type { DoctorInput } from '../../../src/doctor/types.ts';
import type { AgentFileChange, DoctorFacts } from '../../../src/facts/types.ts';

const input = (over: Partial<DoctorFacts>): DoctorInput => ({
  host: notRead(),
  plan: { ok: false, reason: 'no plan' },
  doctor: unreadDoctorFacts(over),
});
const files = (installed: boolean, changes: AgentFileChange[]) => input({ agentFiles: { ok: true, value: { installed, changes } } });
const change = (path: string, o: Partial<AgentFileChange> = {}): AgentFileChange => ({
  path,
  attr: '',
  changed: ['size', 'digest', 'mtime'],
  untested: [],
  missing: false,
  ...o,
});
const IRQ = '/opt/aws/groundstation/bin/set_irq_affinity.sh';
const CONFIG = '/opt/aws/groundstation/etc/aws-gs-agent-config.json';

test('a clean verify is ok', () => {
  const r = agentFiles(files(true, []));
  assert.deepEqual([r.status, r.evidence, r.fix], ['ok', 'rpm -V aws-groundstation-agent: every file of the package is as installed', '']);
});

test('a changed shipped file warns, naming it and what changed, with the reinstall outside a contact', () => {
  const r = agentFiles(files(true, [change(IRQ), change('/opt/x', { missing: true, changed: [] })]));
  assert.equal(r.status, 'warn');
  assert.equal(r.evidence, `rpm -V aws-groundstation-agent: files changed since install: ${IRQ} (size, digest, mtime); /opt/x missing`);
  assert.match(r.fix, /^if the change is not yours .*sudo yum reinstall -y aws-groundstation-agent outside a contact/);
});

test('config files are said apart; config alone is ok; untested tests are named', () => {
  const both = agentFiles(files(true, [change(IRQ, { untested: ['user'] }), change(CONFIG, { attr: 'c', changed: ['mtime'] })]));
  assert.equal(both.status, 'warn');
  assert.match(
    both.evidence,
    new RegExp(`${IRQ} \\(size, digest, mtime; not tested: user\\); config files changed .*: ${CONFIG} \\(mtime\\)$`),
  );
  const cfg = agentFiles(files(true, [change(CONFIG, { attr: 'c' })]));
  assert.equal(cfg.status, 'ok');
  assert.match(cfg.evidence, /config files changed \(the package marks them as config, meant to be edited\)/);
});

test('many files: the first ones named, the rest counted', () => {
  const many = Array.from({ length: MAX_FILES_NAMED + 5 }, (_, i) => change(`/opt/f${i}`));
  const r = agentFiles(files(true, many));
  assert.match(r.evidence, /\/opt\/f9 \(size, digest, mtime\); and 5 more$/);
  assert.doesNotMatch(r.evidence, /\/opt\/f10 /);
});

test('not installed, not read, unsound: unknown with the reason', () => {
  assert.deepEqual(
    [agentFiles(files(false, [])), agentFiles(input({})), agentFiles(input({ agentFiles: notRead('rpm hung') }))].map(
      (r) => `${r.status} ${r.evidence}`,
    ),
    ['unknown aws-groundstation-agent is not installed: see agent-installed', 'unknown rpm -V not run', 'unknown rpm hung'],
  );
});

test('a path with control characters is escaped on the terminal', () => {
  const line = formatChecks([agentFiles(files(true, [change('/opt/a\u001b]0;owned\u0007b')]))]);
  const raw = [...line].filter((c) => c !== '\n' && (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f));
  assert.deepEqual(raw, [], `escaped: ${JSON.stringify(line)}`);
  assert.match(line, /agent-files\s+warn/);
});
