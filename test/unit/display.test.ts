/** display() shows control characters as escapes and leaves ordinary text alone; shellQuote() makes one POSIX word. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { display, needsEscape } from '../../src/display.ts';
import { shellQuote } from '../../src/shell-quote.ts';

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
