/** upgrade-agent's pure judgements: the OS build from /etc/os-release, and the SHA-256 verdict (wrong build, mismatch, unknown). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AGENT_RELEASES } from '../../../src/agent-releases.ts';
import { EXIT, GsAgentConfigError } from '../../../src/errors.ts';
import { buildOf, parseOsRelease } from '../../../src/upgrade/os-build.ts';
import { judgeSha } from '../../../src/upgrade/upgrade-agent.ts';

test('os-release: Amazon Linux 2023 and 2 (quoted or not); anything else has no build', () => {
  assert.equal(buildOf(parseOsRelease('NAME="Amazon Linux"\nVERSION="2023"\nID="amzn"\nVERSION_ID="2023"\n')), 'al2023');
  assert.equal(buildOf(parseOsRelease('ID=amzn\nVERSION_ID=2\n')), 'al2');
  assert.equal(buildOf(parseOsRelease("ID='amzn'\nVERSION_ID='2'\n")), 'al2');
  for (const text of [
    'ID=ubuntu\nVERSION_ID="22.04"\n',
    'ID="amzn"\nVERSION_ID="2018.03"\n',
    'ID="rhel"\nVERSION_ID="9"\n',
    '',
    'ID_LIKE="amzn"\nVERSION_ID="2"\n',
  ])
    assert.equal(buildOf(parseOsRelease(text)), undefined, text);
});

const newest = AGENT_RELEASES[0];
const code = (f: () => void) => {
  try {
    f();
  } catch (err) {
    assert.ok(err instanceof GsAgentConfigError);
    return { exit: err.exitCode, message: err.message };
  }
  return undefined;
};

test('the SHA-256 verdict: equal passes; the other build is "wrong build"; another hash is a mismatch; none known is exit 2', () => {
  const al2023 = newest.sha256.al2023!;
  const al2 = newest.sha256.al2!;
  assert.equal(
    code(() => judgeSha(al2023, 'x.rpm', newest.version, 'al2023', al2023, '--sha256')),
    undefined,
  );
  const wrong = code(() => judgeSha(al2023, 'x.rpm', newest.version, 'al2', al2, '--sha256'));
  assert.equal(wrong?.exit, EXIT.problems);
  assert.match(wrong.message, /^wrong build: x\.rpm is the al2023 build of the agent, this host needs al2; nothing was stopped$/);
  const other = code(() => judgeSha('0'.repeat(64), 'x.rpm', newest.version, 'al2', al2, '--sha256'));
  assert.equal(other?.exit, EXIT.problems);
  assert.match(other.message, /^checksum mismatch/);
  const none = code(() => judgeSha('0'.repeat(64), 'x.rpm', '1.0.9999.0', 'al2023', undefined, '--previous-sha256'));
  assert.equal(none?.exit, EXIT.badInput);
  assert.match(none.message, /no SHA-256 known/);
});
