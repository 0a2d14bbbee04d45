import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMission } from '../../../src/mission/read-mission.ts';
import { MissionInvalidError } from '../../../src/errors.ts';
import { invalidOf, VALID } from './helpers.ts';

/** Hostile input must end in a MissionInvalidError with one-line details, quickly. */
function assertRefused(input: string | Uint8Array, expected?: RegExp): string[] {
  const started = Date.now();
  const err = invalidOf(input);
  assert.ok(Date.now() - started < 5000, 'refused within 5 s');
  assert.equal(err.exitCode, 2);
  assert.ok(err.details.length >= 1 && err.details.length <= 21);
  for (const d of err.details) assert.ok(!d.includes('\n') && d.length < 600, `one short line: ${d.slice(0, 200)}`);
  if (expected) assert.match(err.details.join('\n'), expected);
  return err.details;
}

describe('hostile mission input', () => {
  test('alias bomb (billion laughs)', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    assert.deepEqual(assertRefused(levels.join('\n') + '\n'), [
      'm.yaml:1: (root): the file expands more than 100 YAML aliases (*name); write the values out instead',
    ]);
  });

  test('duplicate keys at the top level', () => {
    assert.deepEqual(assertRefused(`${VALID}name: again\n`), [
      'm.yaml:6:1: (root): duplicate key "name"; each key may appear only once in a mapping',
    ]);
  });

  test('non-UTF-8 bytes, with the line of the first bad byte', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('name: m\nnote: caf'), 0xe9, 0x0a]);
    assert.deepEqual(assertRefused(bytes), ['m.yaml:2: (root): the file is not valid UTF-8 text; save it as UTF-8']);
  });

  test('UTF-16 is not UTF-8', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('name: m\n').flatMap((c) => [c.charCodeAt(0), 0])]);
    assertRefused(utf16, /not valid UTF-8/);
  });

  test('a 2 MiB file is refused before parsing, as text, bytes, or on disk', async () => {
    const big = `${VALID}# ${'x'.repeat(2 * 1024 * 1024)}\n`;
    const expected = /^m\.yaml: \(root\): the file is 2097\d{3} bytes; a mission file may be at most 1048576 bytes \(1 MiB\)$/;
    assertRefused(big, expected);
    assertRefused(new TextEncoder().encode(big), expected);
    const dir = mkdtempSync(join(tmpdir(), 'mission-'));
    try {
      writeFileSync(join(dir, 'big.yaml'), big);
      await assert.rejects(readMission(join(dir, 'big.yaml')), (e: unknown) => {
        assert.ok(e instanceof MissionInvalidError);
        assert.match(
          e.message,
          /^cannot read mission file .*big\.yaml: the file is 2097\d{3} bytes; a mission file may be at most 1048576 bytes \(1 MiB\)$/,
        );
        return true;
      });
      mkdirSync(join(dir, 'dir.yaml'));
      await assert.rejects(readMission(join(dir, 'dir.yaml')), /cannot read mission file .*dir\.yaml: it is a directory/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('deeply nested junk: flow brackets, dash chains, indentation', () => {
    const n = 400_000;
    assertRefused(`${'['.repeat(n)}${']'.repeat(n)}`, /^m\.yaml:1: \(root\): nested more than 64 levels deep; this is not a mission file$/);
    assertRefused(`name: m\njunk: ${'{a: '.repeat(70)}1${'}'.repeat(70)}\n`, /^m\.yaml:2: \(root\): nested more than 64 levels/);
    assertRefused(`name: m\njunk:\n  ${'- '.repeat(200_000)}x\n`, /^m\.yaml:3: \(root\): nested more than 64 levels/);
    const stairs = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    assertRefused(`${stairs} x\n`, /nested more than 64 levels/);
    // Brackets inside quotes and comments are not nesting.
    assertRefused(`${VALID}# ${'['.repeat(100)}\njunk: "${'{'.repeat(100)}"\n`, /unknown key "junk"/);
  });

  test('shell syntax and newlines in names are rejected by the name pattern, escaped in the message', () => {
    const details = assertRefused(
      'name: "$(rm -rf /)"\ndataflows:\n  - name: "a\\nb"\n    direction: downlink\n    deliverTo: 127.0.0.1:55000\n',
    );
    assert.deepEqual(details, [
      'm.yaml:1: name: must be 1–64 letters, digits, "_" or "-", starting with a letter or digit (got "$(rm -rf /)")',
      'm.yaml:3: dataflows[0].name: must be 1–64 letters, digits, "_" or "-", starting with a letter or digit (got "a\\nb")',
    ]);
  });

  test('newline and NUL in an address are rejected by the pattern', () => {
    assertRefused(VALID.replace('127.0.0.1:55000', '"127.0.0.1:55000\\n; reboot"'), /dataflows\[0\]\.deliverTo: must be host:port/);
    assertRefused(VALID.replace('127.0.0.1:55000', '"127.0.0.1\\0:55000"'), /dataflows\[0\]\.deliverTo: must be host:port/);
  });

  test('__proto__ and constructor keys are plain unknown keys, not prototype pollution', () => {
    const details = assertRefused(`${VALID}__proto__:\n  polluted: true\nconstructor: x\n`);
    assert.equal(details.length, 2);
    assert.match(details[0], /^m\.yaml:6: \(root\): unknown key "__proto__"/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('a __proto__ tag key stays an own property', async () => {
    const { parseMission } = await import('../../../src/mission/parse-mission.ts');
    const m = parseMission(`${VALID}tags:\n  __proto__: x\n`, 'm.yaml');
    assert.deepEqual(Object.keys(m.tags), ['__proto__']);
    assert.equal(Object.getPrototypeOf(m.tags), Object.prototype);
  });

  test('several documents, custom tags, binary junk', () => {
    assertRefused(
      `${VALID}---\nname: other\n`,
      /^m\.yaml:6:1: syntax error: the file holds several YAML documents \(---\); a mission is one document$/,
    );
    assertRefused(`${VALID}tags: !!binary aGVsbG8=\n`, /^m\.yaml:6: tags: expected a mapping \(key: value\) but got "aGVsbG8="$/);
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919) % 128);
    assertRefused(junk);
  });

  test('a flood of errors is capped at 20 lines plus a summary', () => {
    const dup = invalidOf(`${VALID}${'k: 1\n'.repeat(100)}`);
    assert.equal(dup.message, 'mission m.yaml is invalid (99 problems)');
    assert.equal(dup.details.length, 21);
    assert.equal(dup.details[20], 'm.yaml: … and 79 more syntax errors');
    const unknown = invalidOf(`${VALID}${Array.from({ length: 50 }, (_, i) => `k${i}: 1\n`).join('')}`);
    assert.equal(unknown.message, 'mission m.yaml is invalid (50 problems)');
    assert.equal(unknown.details.length, 21);
    assert.equal(unknown.details[20], 'm.yaml: … and 30 more problems');
  });

  test('huge numbers and long strings stay bounded in messages', () => {
    const details = assertRefused(VALID.replace('name: m', `name: ${'n'.repeat(100_000)}`).replace('55000', '99999999999'));
    assert.ok(details.every((d) => d.length < 600));
  });
});
