/**
 * examples/ssm/gs-agent-config-upgrade-agent.json: the fleet upgrade's Command document. Checked
 * like the apply document (ssm.test.ts): its shape, every parameter validated and pasted only
 * inside single quotes, hostile values refused, and the script run under sh as SSM renders it
 * (a recording gs-agent-config): the command lines it builds are ones the real parser accepts
 * for upgrade-agent, and a deferral (exit 8) is reported as "deferred … retry later" with exit 0.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../../helpers/cli.ts';
import { makeFakePrograms, type FakePrograms } from './fake-programs.ts';
import { accepts, documentScript, parsedArgs, readSsmDocument, renderDocument, runScript, type SsmDocument } from './ssm-document.ts';

const DOC = join(REPO, 'examples/ssm/gs-agent-config-upgrade-agent.json');
let doc: SsmDocument;
let fakes: FakePrograms;
let work: string;

before(async () => {
  doc = await readSsmDocument(DOC);
  work = await mkdtemp(join(tmpdir(), 'gsac-ssm-upgrade-'));
  fakes = await makeFakePrograms({ 'gs-agent-config': 'exit "${GSAC_FAKE_EXIT:-0}"' });
});
after(async () => {
  await fakes.cleanup();
  await rm(work, { recursive: true, force: true });
});

const script = () => documentScript(doc);

async function runDocument(values: Record<string, string>, exit = 0) {
  const file = join(work, 'script.sh');
  await writeFile(file, renderDocument(doc, values));
  const before = (await fakes.calls()).length;
  const { code, stdout: out, stderr: err } = await runScript(file, { PATH: fakes.path, GSAC_FAKE_EXIT: String(exit) });
  return { code, out, err, calls: (await fakes.calls()).slice(before) };
}

test('a Command document: schema 2.2, one aws:runShellScript step whose timeout outlasts the longest wait and the upgrade', () => {
  assert.equal(doc.schemaVersion, '2.2');
  assert.equal(doc.mainSteps.length, 1);
  assert.equal(doc.mainSteps[0].action, 'aws:runShellScript');
  assert.ok(Number(doc.mainSteps[0].inputs.timeoutSeconds) >= 2999 + 600 + 30);
});

test('every parameter is validated, used, and pasted only inside single quotes', () => {
  const used = [...script().matchAll(/\{\{ *(\w+) *\}\}/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(used)].sort(), Object.keys(doc.parameters).sort());
  for (const m of script().matchAll(/(.)\{\{ *\w+ *\}\}(.)/g)) assert.deepEqual([m[1], m[2]], ["'", "'"], m[0]);
  for (const [name, p] of Object.entries(doc.parameters)) {
    assert.equal(p.type, 'String', name);
    assert.ok(p.allowedPattern || p.allowedValues, name);
    assert.ok(accepts(p, p.default), name);
    if (p.allowedPattern) assert.match(p.allowedPattern, /^\^.*\$$/);
  }
  // --force is never one click away for a whole fleet.
  assert.ok(!script().includes('--force'));
});

test('waitForContactsSeconds refuses shell metacharacters, leading zeros (octal in $((…))) and what would pass --deadline 3600', () => {
  const p = doc.parameters.waitForContactsSeconds;
  for (const ok of ['0', '1', '600', '2999']) assert.ok(accepts(p, ok), ok);
  for (const bad of ['', '-1', '08', '0600', '3000', '9999', '60 ', '60;id', '$(id)', "'", '1e3', '60\n'])
    assert.ok(!accepts(p, bad), JSON.stringify(bad));
});

test('defaults: upgrade-agent --deadline 600, accepted by the real parser; exit 0 passes through', async () => {
  const r = await runDocument({});
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.calls, [['gs-agent-config', 'upgrade-agent', '--deadline', '600']]);
  const args = await parsedArgs(r.calls[0].slice(1));
  assert.equal(args.deadline, 600);
  assert.equal(args.waitForContacts, false);
});

test('a deferral (exit 8) is "deferred … retry later" with exit 0; any other failure keeps its exit code', async () => {
  const deferred = await runDocument({}, 8);
  assert.equal(deferred.code, 0);
  assert.match(deferred.out, /^deferred: a contact holds this host; nothing was stopped or installed; retry later$/m);
  for (const code of [2, 3, 5, 6]) {
    const r = await runDocument({}, code);
    assert.equal(r.code, code);
    assert.doesNotMatch(r.out, /deferred/);
  }
});

test('waitForContactsSeconds, allowDowngrade, dryRun map to the flags upgrade-agent documents', async () => {
  const r = await runDocument({ waitForContactsSeconds: '1800', allowDowngrade: 'true' });
  assert.equal(r.code, 0, r.err);
  const argv = r.calls[0].slice(1);
  assert.deepEqual(argv, ['upgrade-agent', '--deadline', '2400', '--allow-downgrade', '--wait-for-contacts', '--wait-max', '1800']);
  const args = await parsedArgs(argv);
  assert.equal(args.waitMax, 1800);
  assert.equal(args.allowDowngrade, true);
  const dry = await runDocument({ dryRun: 'true' }, 0);
  assert.deepEqual(dry.calls[0].slice(1), ['upgrade-agent', '--dry-run', '--deadline', '600']);
  assert.equal((await parsedArgs(dry.calls[0].slice(1))).dryRun, true);
});
