/**
 * examples/ssm/gs-agent-config-apply.json: an SSM Command document whose parameters SSM pastes
 * into a shell script. Checked: its shape, that every parameter is validated and quoted, that
 * hostile values are refused, and, by running the script as SSM would render it (with
 * recording fakes for aws and gs-agent-config), that the command lines it builds are ones the
 * real parser accepts, with the meaning the parameters promise.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandNamed } from '../../../src/cli/command-table.ts';
import { BIN, REPO, example } from '../../helpers/cli.ts';
import { makeFakePrograms, type FakePrograms } from './fake-programs.ts';
import { accepts, documentScript, parsedArgs, readSsmDocument, renderDocument, runScript, type SsmDocument } from './ssm-document.ts';

const DOC = join(REPO, 'examples/ssm/gs-agent-config-apply.json');
/** Parameters that choose the mission; every other one is an apply flag. */
const MISSION_SOURCES = ['missionS3Uri', 'missionBase64'];
/** apply flags the fleet document leaves out on purpose: --facts reads a local file. */
// The contact-guard flags are not SSM parameters: a fleet rollout during a pass
// gets exit 8 per host and is re-run; --force must never be one click away for a whole fleet.
// --detailed-exitcode is not a parameter either: dryRun=true always uses it (9 = changes pending, reported as success).
const NOT_FOR_FLEET = ['facts', 'force', 'wait-for-contacts', 'wait-max', 'guard-minutes', 'detailed-exitcode'];
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** apply --json's report of a deferral (src/cli/format-apply.ts), trimmed to the fields the script reads. */
const DEFERRED_REPORT = JSON.stringify({
  action: 'replace',
  deferred: {
    contactId: '3f2c1a9e-1b2c-4d5e-8f90-123456789abc',
    satelliteArn: null,
    status: 'PASS',
    until: '2026-12-06T14:05:00.000Z',
    steps: ['agent-config', 'restart'],
    message: 'contact … holds this host',
  },
});

let doc: SsmDocument;
let fakes: FakePrograms;
let work: string;
before(async () => {
  doc = await readSsmDocument(DOC);
  work = await mkdtemp(join(tmpdir(), 'gsac-ssm-'));
  fakes = await makeFakePrograms({
    // validate is the real one: a bad mission must stop the script.
    // apply exits $GSAC_FAKE_APPLY_EXIT (default 0): a failed apply must not install the mission.
    // Exit 8 prints apply's --json report with its deferral, as the real one does.
    'gs-agent-config': `if [ "$1" = validate ]; then exec "${process.execPath}" "${BIN}" "$@"; fi\nif [ "\${GSAC_FAKE_APPLY_EXIT:-0}" = 8 ]; then printf '%s\\n' '${DEFERRED_REPORT}'; fi\nexit "\${GSAC_FAKE_APPLY_EXIT:-0}"`,
    // `aws s3 cp --only-show-errors URI DEST`: the "object" is a local file.
    aws: 'cp "$GSAC_FAKE_S3_OBJECT" "$5"',
  });
});
after(async () => {
  await fakes.cleanup();
  await rm(work, { recursive: true, force: true });
});

const script = () => documentScript(doc);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  calls: string[][];
  confDir: string;
}

/** Runs the rendered script with sh (dash here: POSIX only), its config dir moved into a temp dir. */
async function runDocument(
  values: Record<string, string>,
  s3Object = '',
  opts: { applyExit?: number; installed?: string } = {},
): Promise<Run> {
  const confDir = await mkdtemp(join(work, 'etc-'));
  if (opts.installed !== undefined) await writeFile(join(confDir, 'mission.yaml'), opts.installed, { mode: 0o644 });
  const text = renderDocument(doc, values).replace(/^conf_dir=\/etc\/gs-agent-config$/m, `conf_dir='${confDir}'`);
  assert.ok(text.includes(`conf_dir='${confDir}'`));
  const file = join(work, 'script.sh');
  await writeFile(file, text);
  const before = (await fakes.calls()).length;
  const { code, stdout, stderr } = await runScript(file, {
    PATH: fakes.path,
    GSAC_FAKE_S3_OBJECT: s3Object,
    GSAC_FAKE_APPLY_EXIT: String(opts.applyExit ?? 0),
  });
  return { code, stdout, stderr, calls: (await fakes.calls()).slice(before), confDir };
}

/** Long options of `apply` itself, from the command table: not the global ones, not the host-wide shared ones. */
async function applyFlags(): Promise<string[]> {
  return Object.keys(commandNamed('apply')!.options);
}

test('a Command document: schema 2.2, one aws:runShellScript step with a timeout', () => {
  assert.equal(doc.schemaVersion, '2.2');
  assert.equal(doc.mainSteps.length, 1);
  assert.equal(doc.mainSteps[0].action, 'aws:runShellScript');
  assert.ok(Number(doc.mainSteps[0].inputs.timeoutSeconds) >= 360, 'longer than the boot unit allows apply');
});

test('every parameter is validated, used, and pasted only inside single quotes, which no valid value contains', () => {
  const used = [...script().matchAll(/\{\{ *(\w+) *\}\}/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(used)].sort(), Object.keys(doc.parameters).sort());
  for (const m of script().matchAll(/(.)\{\{ *\w+ *\}\}(.)/g)) assert.deepEqual([m[1], m[2]], ["'", "'"], m[0]);
  for (const [name, p] of Object.entries(doc.parameters)) {
    assert.equal(p.type, 'String', name);
    assert.ok(p.allowedPattern || p.allowedValues, `${name} has no allowedPattern/allowedValues`);
    assert.ok(accepts(p, p.default), `${name}: default ${p.default} is not allowed`);
    if (p.allowedPattern) assert.match(p.allowedPattern, /^\^.*\$$/, `${name}: pattern must be anchored`);
  }
});

test('allowedPattern refuses shell metacharacters, quotes, whitespace and newlines', () => {
  const hostile = [
    "'",
    '"',
    '`',
    '$(id)',
    '${IFS}',
    ';',
    '|',
    '&',
    '>',
    '<',
    ' ',
    '\t',
    '\n',
    '\\',
    '*',
    '?',
    '~',
    '!',
    '#',
    '(',
    ')',
    '{',
    '}',
  ];
  const valid: Record<string, string> = {
    missionS3Uri: 's3://my-bucket/missions/host-a.yaml',
    missionBase64: 'bmFtZTogeAo=',
    lockWait: '120',
  };
  for (const [name, p] of Object.entries(doc.parameters)) {
    if (!p.allowedPattern) continue;
    assert.ok(accepts(p, valid[name]), `${name} refuses a valid value`);
    for (const bad of hostile) {
      for (const value of [valid[name] + bad, bad + valid[name], `${valid[name]}${bad}x`]) {
        assert.ok(!accepts(p, value), `${name} accepts ${JSON.stringify(value)}`);
      }
    }
  }
});

test('the parameters cover the apply flags one to one (a new apply flag needs a decision here)', async () => {
  const fromDoc = Object.keys(doc.parameters)
    .filter((n) => !MISSION_SOURCES.includes(n))
    .map(kebab);
  assert.deepEqual(fromDoc.sort(), (await applyFlags()).filter((f) => !NOT_FOR_FLEET.includes(f)).sort());
});

test('inline mission, defaults: validated, applied with the default flags, then installed 0644 as the boot mission', async () => {
  const mission = await readFile(example('wideband-downlink.yaml'), 'utf8');
  const r = await runDocument({ missionBase64: Buffer.from(mission).toString('base64') });
  assert.equal(r.code, 0, r.stderr);
  const installed = join(r.confDir, 'mission.yaml');
  assert.equal(await readFile(installed, 'utf8'), mission);
  assert.equal((await stat(installed)).mode & 0o777, 0o644);
  assert.deepEqual(await readdir(r.confDir), ['mission.yaml'], 'no temp file left');
  assert.equal(r.calls.length, 2);
  assert.equal(r.calls[0][1], 'validate');
  const apply = r.calls[1].slice(1);
  // The new file is applied where it was checked; it becomes mission.yaml only afterwards.
  const candidate = r.calls[0][2];
  assert.ok(candidate.startsWith(join(r.confDir, '.mission.')), candidate);
  assert.deepEqual(apply, ['apply', candidate, '--lock-wait', '120', '--json']);
  const args = await parsedArgs(apply);
  assert.equal(args.mission, candidate);
  assert.deepEqual([args.dryRun, args.skipEc2Checks, args.restartAgent, args.applyTuning, args.lockWait], [false, false, true, false, 120]);
});

test('mission from S3 with every switch flipped: dry run of the downloaded file, nothing installed', async () => {
  const uri = 's3://my-bucket/missions/host-a.yaml';
  const values = { missionS3Uri: uri, dryRun: 'true', skipEc2Checks: 'true', restartAgent: 'false', applyTuning: 'true', lockWait: '30' };
  const r = await runDocument(values, example('multi-downlink.yaml'));
  assert.equal(r.code, 0, r.stderr);
  const [aws, validate, apply] = r.calls;
  assert.deepEqual(aws.slice(0, 5), ['aws', 's3', 'cp', '--only-show-errors', uri]);
  assert.deepEqual(validate, ['gs-agent-config', 'validate', aws[5]]);
  const args = await parsedArgs(apply.slice(1));
  assert.deepEqual([(args._ as string[])[0], args.mission], ['apply', aws[5]]);
  assert.deepEqual([args.dryRun, args.skipEc2Checks, args.restartAgent, args.applyTuning, args.lockWait], [true, true, false, true, 30]);
  assert.equal(args.detailedExitcode, true, 'a dry run says whether this host would change');
  assert.match(r.stdout, /^no changes: this host already runs this mission$/m);
  assert.deepEqual(await readdir(r.confDir), [], 'a dry run installs nothing and leaves no temp file');
});

test('an invalid mission stops before apply (exit 2 from validate) and leaves the installed one alone', async () => {
  const r = await runDocument({ missionBase64: Buffer.from('name: [unclosed\n').toString('base64') });
  assert.equal(r.code, 2);
  assert.deepEqual(
    r.calls.map((c) => c[1]),
    ['validate'],
  );
  assert.deepEqual(await readdir(r.confDir), []);
});

test('both mission sources, or none with nothing installed: exit 2 before any call', async () => {
  const both = await runDocument({ missionS3Uri: 's3://b-1/m.yaml', missionBase64: 'eA==' });
  assert.equal(both.code, 2);
  assert.match(both.stderr, /not both/);
  const none = await runDocument({});
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no mission given/);
  assert.deepEqual([...both.calls, ...none.calls], []);
});

test('dryRun=true: changes pending (9) is success with a line; any other code stays the failure it is', async () => {
  const missionBase64 = Buffer.from(await readFile(example('wideband-downlink.yaml'), 'utf8')).toString('base64');
  const pending = await runDocument({ missionBase64, dryRun: 'true' }, '', { applyExit: 9 });
  assert.equal(pending.code, 0, pending.stderr);
  assert.match(pending.stdout, /^changes pending: apply would change this host/m);
  for (const rc of [2, 4, 5, 8]) assert.equal((await runDocument({ missionBase64, dryRun: 'true' }, '', { applyExit: rc })).code, rc);
});

test('reportCompliance=true passes --report-compliance to apply (a real apply only)', async () => {
  const missionBase64 = Buffer.from(await readFile(example('wideband-downlink.yaml'), 'utf8')).toString('base64');
  const r = await runDocument({ missionBase64, reportCompliance: 'true' });
  assert.equal(r.code, 0, r.stderr);
  const args = await parsedArgs(r.calls[1].slice(1));
  assert.equal(args.reportCompliance, true);
});

test('a failed apply keeps the previous boot mission (and its exit code); a deferred one (8) installs the new one', async () => {
  const previous = await readFile(example('uplink-and-downlink.yaml'), 'utf8');
  const next = await readFile(example('wideband-downlink.yaml'), 'utf8');
  const missionBase64 = Buffer.from(next).toString('base64');
  for (const [applyExit, installed] of [
    [4, previous],
    [5, previous],
    [8, next],
    [0, next],
  ] as const) {
    const r = await runDocument({ missionBase64 }, '', { applyExit, installed: previous });
    // 8 (deferred by a contact) is success for SSM, with a line saying what waits and until when.
    assert.equal(r.code, applyExit === 8 ? 0 : applyExit, r.stderr);
    if (applyExit === 8)
      assert.match(
        r.stdout,
        /^deferred: contact 3f2c1a9e-1b2c-4d5e-8f90-123456789abc holds this host until 2026-12-06T14:05:00.000Z; agent-config,restart wait for the next run/m,
      );
    assert.deepEqual(
      r.calls.map((c) => c[1]),
      ['validate', 'apply'],
    );
    assert.equal(await readFile(join(r.confDir, 'mission.yaml'), 'utf8'), installed, `apply exit ${applyExit}`);
    assert.deepEqual(await readdir(r.confDir), ['mission.yaml'], 'no temp file left');
    if (installed === previous)
      assert.match(r.stderr, /apply failed \(exit \d\); .*mission\.yaml, the mission applied at boot, is unchanged/);
  }
});

test('lockWait: every value SSM accepts is one apply accepts (apply checks --lock-wait 0-3600)', () => {
  const p = doc.parameters.lockWait;
  assert.ok(accepts(p, '999') && accepts(p, '0'));
  assert.ok(!accepts(p, '3601') && !accepts(p, '9999'), 'a value apply would refuse with exit 2');
});
