/** Issue 20: rpm -V of the agent package parsed strictly (every test flag, missing, attributes; garbage, NUL, huge: reasons). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_VERIFY_LINES, parseRpmVerify, parseVerifyLine, VERIFY_TESTS } from '../../../../src/facts/linux/agent-files.ts';
import type { ProgramOutput } from '../../../../src/facts/linux/host-programs.ts';

const LABEL = '/usr/bin/rpm -V --nodeps --noscripts aws-groundstation-agent';
const out = (stdout: string, exitCode = 1, stderrLine = ''): ProgramOutput => ({ stdout, exitCode, stderrLine, label: LABEL });
const IRQ = '/opt/aws/groundstation/bin/set_irq_affinity.sh';

test('every test flag in its column is named; . passed; ? could not be tested', () => {
  for (const [i, [flag, name]] of VERIFY_TESTS.entries()) {
    const flags = '.........'.split('');
    flags[i] = flag;
    assert.deepEqual(parseVerifyLine(`${flags.join('')}    ${IRQ}`), {
      path: IRQ,
      attr: '',
      changed: [name],
      untested: [],
      missing: false,
    });
  }
  assert.deepEqual(
    parseVerifyLine(`SM5DLUGTP    ${IRQ}`)?.changed,
    VERIFY_TESTS.map(([, n]) => n),
  );
  assert.deepEqual(parseVerifyLine(`..?......    ${IRQ}`), { path: IRQ, attr: '', changed: [], untested: ['digest'], missing: false });
  assert.deepEqual(parseVerifyLine(`S.5....T.    ${IRQ}`)?.changed, ['size', 'digest', 'mtime']);
});

test('a flag in another column than its own, a letter rpm does not print, a short column: not a line of rpm -V', () => {
  for (const line of [`5S.......    ${IRQ}`, `S.5....X.    ${IRQ}`, `S.5....T    ${IRQ}`, `S.5....T.  ${IRQ}`, `S.5....T. c ${IRQ}`])
    assert.equal(parseVerifyLine(line), undefined, line);
});

test('attributes: c config, d doc, g ghost, l license, r readme, P public key; any other letter is refused', () => {
  for (const a of ['c', 'd', 'g', 'l', 'r', 'P']) assert.equal(parseVerifyLine(`S.5....T.  ${a} /etc/x`)?.attr, a);
  assert.equal(parseVerifyLine('S.5....T.  x /etc/x'), undefined);
  assert.equal(parseVerifyLine('S.5....T.  cn /etc/x'), undefined);
});

test('missing files, with and without an attribute', () => {
  assert.deepEqual(parseVerifyLine(`missing     ${IRQ}`), { path: IRQ, attr: '', changed: [], untested: [], missing: true });
  assert.deepEqual(parseVerifyLine('missing   c /opt/aws/groundstation/etc/x.json')?.attr, 'c');
  assert.equal(parseVerifyLine(`missing  ${IRQ}`), undefined);
  assert.equal(parseVerifyLine('missing     relative/path'), undefined);
});

test('a path is data: odd bytes are kept for display() to escape; a NUL is refused', () => {
  assert.equal(parseVerifyLine('S.5....T.    /opt/a\u001b[2Jb')?.path, '/opt/a\u001b[2Jb');
  assert.equal(parseVerifyLine('S.5....T.    /opt/a\u0000b'), undefined);
});

test('the whole answer: clean, changed, not installed', () => {
  assert.deepEqual(parseRpmVerify(out('', 0)), { ok: true, value: { installed: true, changes: [] } });
  const r = parseRpmVerify(
    out(`S.5....T.    ${IRQ}\n.......T.  c /opt/aws/groundstation/etc/aws-gs-agent-config.json\nmissing     /opt/x\n`),
  );
  assert.ok(r.ok);
  assert.deepEqual(
    r.value.changes.map((c) => `${c.attr || '-'} ${c.missing ? 'missing' : c.changed.join(',')} ${c.path}`),
    [`- size,digest,mtime ${IRQ}`, 'c mtime /opt/aws/groundstation/etc/aws-gs-agent-config.json', '- missing /opt/x'],
  );
  assert.deepEqual(parseRpmVerify(out('package aws-groundstation-agent is not installed\n')), {
    ok: true,
    value: { installed: false, changes: [] },
  });
});

test('what cannot be judged is a reason naming rpm -V: garbage, exit 0 with lines, exit 1 silent, other statuses, huge', () => {
  const reason = (o: ProgramOutput) => {
    const r = parseRpmVerify(o);
    assert.equal(r.ok, false);
    return r.ok ? '' : r.reason;
  };
  assert.match(reason(out(`S.5....T.    ${IRQ}\n<html>503</html>\n`)), /rpm -V .*: line 2 is not one rpm -V prints: "<html>503<\/html>"/);
  assert.match(reason(out(`S.5....T.    ${IRQ}\n`, 0)), /exited 0 \(every file verified\) yet printed/);
  assert.match(reason(out('', 1, 'error: rpmdb open failed')), /exited 1 without naming a file: "error: rpmdb open failed"/);
  assert.match(reason(out('', 2)), /exited 2, a status it does not document \(0, 1\)/);
  assert.match(reason(out('', 137)), /exited 137/);
  assert.match(reason(out(`S.5....T.    ${IRQ}\n`.repeat(MAX_VERIFY_LINES + 1))), /more than 10000: not judged/);
  assert.match(reason(out('S.5....T.    /opt/a\u0000b\n')), /line 1 is not one rpm -V prints/);
  // Dependency lines (rpm -V without --nodeps) are not file lines: refused, not skipped.
  assert.match(reason(out('Unsatisfied dependencies for aws-groundstation-agent-1.0-1.x86_64:\n')), /line 1 is not one/);
  // Not installed said with more around it is not rpm's plain answer.
  assert.match(reason(out('package aws-groundstation-agent is not installed\nmore\n')), /line 1 is not one/);
});
