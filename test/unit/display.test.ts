/** display() shows control characters as escapes and leaves ordinary text alone; shellQuote() makes one POSIX word, commandLine() a line of them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { display, displayLines, needsEscape } from '../../src/display.ts';
import { commandLine, placeholder, shellQuote, singleQuote } from '../../src/shell-quote.ts';

test('display escapes ESC, CR, LF, TAB, DEL, C1 and bidi controls; plain text, UTF-8 and quotes pass', () => {
  assert.equal(display('contact-1'), 'contact-1');
  assert.equal(display('satellite ünïcode "q" \'s\''), 'satellite ünïcode "q" \'s\'');
  assert.equal(display('a\u001b[2Jb'), 'a\\x1b[2Jb');
  assert.equal(display('ok\rFAIL'), 'ok\\rFAIL');
  assert.equal(display('l1\nl2\tx\u007f\u0085'), 'l1\\nl2\\tx\\x7f\\x85');
  assert.equal(display('abc\u202edef\u2066'), 'abc\\u202edef\\u2066');
  assert.equal(display('back\\x1b'), 'back\\\\x1b', 'a literal backslash-x stays distinguishable from an escape');
  assert.equal(needsEscape('plain'), false);
  assert.equal(needsEscape('a\u001bb'), true);
  assert.equal(needsEscape('a\u001bb'), true, 'no state kept between calls');
});

test('shellQuote: safe words as they are, everything else one single-quoted word that sh reads back exactly', () => {
  assert.equal(shellQuote('rtb-0123abcd'), 'rtb-0123abcd');
  for (const word of ['rtb-1$(reboot)', "it's", 'a b', '`id`', '', '--x=1;rm -rf /', 'ü\nline']) {
    const q = shellQuote(word);
    assert.equal(execFileSync('sh', ['-c', `printf %s ${q}`], { encoding: 'utf8' }), word, q);
  }
});

test('display doubles a backslash only where it would read as an escape: quoted shell words and JSON quotes pass as they are', () => {
  assert.equal(display("'it'\\''s'"), "'it'\\''s'", 'a single-quoted shell word with a quote inside pastes as printed');
  assert.equal(display('"sg-0123\\"; rm"'), '"sg-0123\\"; rm"');
  assert.equal(display('a\\\u001bb'), 'a\\\\\\x1bb', 'a backslash before an escaped control character is doubled');
  assert.equal(display('\\\\'), '\\\\\\', 'two backslashes: the first doubled, the last as it is');
  assert.equal(display('C:\\new'), 'C:\\\\new');
  assert.equal(needsEscape("'\\''"), false);
  assert.equal(displayLines(['ok', 'a\nb', 'c\u001b']), 'ok\na\\nb\nc\\x1b', 'a line break inside a line never starts a line of its own');
});

test('commandLine: words quoted by shellQuote, placeholders as they are; sh reads back exactly the words', () => {
  const words = ['aws', 'ec2', 'x', "it's", 'a b', '$(reboot)', '`id`', ''];
  const line = commandLine([...words, placeholder('<mission>')]);
  assert.ok(line.endsWith(' <mission>'), line);
  const back = execFileSync('sh', ['-c', `for w in ${commandLine(words)}; do printf '%s\\n' "[$w]"; done`], { encoding: 'utf8' });
  assert.equal(back, `${words.map((w) => `[${w}]`).join('\n')}\n`);
  assert.equal(singleQuote('plain'), "'plain'");
});
