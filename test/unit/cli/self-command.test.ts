/** The program as the demo's hints print it, and the one quoting of words printed for a shell. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { exampleMissionFile, selfCommand } from '../../../src/cli/self-command.ts';
import { shellQuote } from '../../../src/shell-quote.ts';
import { REPO } from '../../helpers/cli.ts';

test('from the sources: bin/gs-agent-config as reached from the working directory, never a bare name', () => {
  assert.equal(selfCommand(REPO), 'bin/gs-agent-config');
  assert.equal(selfCommand(join(REPO, 'bin')), './gs-agent-config');
  assert.equal(selfCommand(join(REPO, 'test')), join(REPO, 'bin', 'gs-agent-config'));
  // A directory beside the checkout: ../ paths would be longer to read than the absolute one.
  assert.equal(selfCommand(join(REPO, '..', 'elsewhere')), join(REPO, 'bin', 'gs-agent-config'));
  assert.equal(exampleMissionFile(REPO), 'examples/missions/uplink-and-downlink.yaml');
});

test('shellQuote: safe words as they are, anything else in single quotes', () => {
  assert.equal(shellQuote('bin/gs-agent-config'), 'bin/gs-agent-config');
  assert.equal(shellQuote('/tmp/a b'), "'/tmp/a b'");
  assert.equal(shellQuote("it's"), "'it'\\''s'");
  assert.equal(shellQuote('$(reboot)'), "'$(reboot)'");
  assert.equal(shellQuote(''), "''");
});
