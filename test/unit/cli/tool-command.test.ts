/** The gs-agent-config lines printed for pasting repeat where the run acts, with absolute paths, quoted. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeholder } from '../../../src/shell-quote.ts';
import { toolCommand, whereaboutsFlags, whereaboutsOf } from '../../../src/cli/tool-command.ts';
import { isRealRoot, refuseRealRootInRehearsal, rehearsalWarning, sandboxMetadataService } from '../../../src/cli/rehearsal-guard.ts';
import { profileNames } from '../../../src/cli/profile-credentials.ts';
import { UsageError } from '../../../src/errors.ts';
import { shellWords } from '../../helpers/shell-words.ts';

test('whereaboutsOf keeps only the flags given; toolCommand repeats them with absolute paths', () => {
  const where = whereaboutsOf({ root: 'rehearsal', sysRoot: '/tmp/sys', procRoot: 'p', region: 'us-east-2', profile: 'ops', deadline: 5 });
  assert.deepEqual(where, { root: 'rehearsal', sysRoot: '/tmp/sys', procRoot: 'p', region: 'us-east-2', profile: 'ops' });
  assert.deepEqual(whereaboutsOf({ mission: 'x' }), {});
  const line = toolCommand({ where, cwd: '/home/op' }, 'apply', 'my mission.yaml', ['--apply-tuning']);
  assert.deepEqual(shellWords(line), {
    words: [
      'gs-agent-config',
      'apply',
      '/home/op/my mission.yaml',
      '--root',
      '/home/op/rehearsal',
      '--sys-root',
      '/tmp/sys',
      '--proc-root',
      '/home/op/p',
      '--region',
      'us-east-2',
      '--profile',
      'ops',
      '--apply-tuning',
    ],
    unsafe: [],
  });
  assert.equal(toolCommand({ where: {}, cwd: '/' }, 'apply', placeholder('<mission>')), 'gs-agent-config apply <mission>');
  assert.deepEqual(whereaboutsFlags({ root: '/' }, '/x'), ['--root', '/'], 'an explicit --root / is repeated too');
});

test('a mission path or profile with shell syntax stays one word', () => {
  const line = toolCommand({ where: { profile: '$(reboot)' }, cwd: '/w' }, 'destroy', '`id`.yaml', ['--yes']);
  const parsed = shellWords(line);
  assert.deepEqual(parsed.unsafe, []);
  assert.deepEqual(parsed.words, ['gs-agent-config', 'destroy', '/w/`id`.yaml', '--profile', '$(reboot)', '--yes']);
});

test('rehearsal guard: a loopback metadata service with --root left at / refuses; --root DIR or an explicit --root / passes', () => {
  const env = { AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:4566' };
  assert.equal(sandboxMetadataService(env), '127.0.0.1:4566');
  for (const endpoint of ['http://localhost:1', 'http://[::1]:2', 'http://127.8.9.10/'])
    assert.ok(sandboxMetadataService({ AWS_EC2_METADATA_SERVICE_ENDPOINT: endpoint }), endpoint);
  for (const endpoint of [undefined, 'http://169.254.169.254', 'http://[fd00:ec2::254]', 'not a url'])
    assert.equal(sandboxMetadataService({ AWS_EC2_METADATA_SERVICE_ENDPOINT: endpoint }), undefined, endpoint);
  assert.throws(
    () => refuseRealRootInRehearsal(env, {}),
    (e: unknown) =>
      e instanceof UsageError &&
      e.message ===
        'the metadata service is 127.0.0.1:4566 (a sandbox) and --root is the real /: pass --root DIR for a rehearsal, or --root / to act on this machine',
  );
  refuseRealRootInRehearsal(env, { root: '/' });
  refuseRealRootInRehearsal(env, { root: '/tmp/r' });
  refuseRealRootInRehearsal({}, {});
  assert.match(rehearsalWarning(env, {}) ?? '', /pass --root DIR for a rehearsal/);
  assert.equal(rehearsalWarning(env, { root: '/tmp/r' }), undefined);
  assert.ok(isRealRoot('/') && isRealRoot('//') && !isRealRoot('/tmp'));
});

test('profileNames: [name] in the credentials file, [profile name] and [default] in the config file', () => {
  assert.deepEqual(profileNames('[default]\nk=v\n[ ops ] # c\n[broken\n', false), ['default', 'ops']);
  assert.deepEqual(profileNames('[profile ops]\n[default]\n[sso-session s]\n[services x]\n', true), ['ops', 'default']);
});
