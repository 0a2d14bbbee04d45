/** Issue 20 (h20-last): agent-files (rpm -V) through main() against the sandbox: clean → ok; --break agent-files → warn naming the file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../../sandbox/server.ts';
import type { CheckResult } from '../../src/doctor/types.ts';
import { example, runMain } from '../helpers/cli.ts';

const MISSION = example('wideband-downlink.yaml');

async function agentFilesOn(breaks: string[]): Promise<{ check: CheckResult; text: string }> {
  const sb = await startSandbox({ breaks });
  try {
    const r = await runMain(['doctor', MISSION, '--json'], sb.env);
    assert.ok(r.code === 0 || r.code === 6, r.err);
    const check = (JSON.parse(r.out).checks as CheckResult[]).find((c) => c.id === 'agent-files')!;
    const text = await runMain(['doctor', MISSION], sb.env);
    return { check, text: text.out + text.err };
  } finally {
    await sb.close();
  }
}

test('default sandbox: rpm -V verifies clean, agent-files is ok', async () => {
  const { check } = await agentFilesOn([]);
  assert.deepEqual([check.status, check.evidence], ['ok', 'rpm -V aws-groundstation-agent: every file of the package is as installed']);
});

test('--break agent-files: set_irq_affinity.sh edited since install warns, naming the file and what changed', async () => {
  const { check, text } = await agentFilesOn(['agent-files']);
  assert.equal(check.status, 'warn');
  assert.equal(
    check.evidence,
    'rpm -V aws-groundstation-agent: files changed since install: /opt/aws/groundstation/bin/set_irq_affinity.sh (size, digest, mtime)',
  );
  assert.match(check.fix, /sudo yum reinstall -y aws-groundstation-agent outside a contact/);
  assert.match(
    text,
    /agent-files\s+warn\s+rpm -V aws-groundstation-agent: files changed since install: \/opt\/aws\/groundstation\/bin\/set_irq_affinity\.sh/,
  );
});

test('--break agent-installed: agent-files is unknown and points at agent-installed', async () => {
  const { check } = await agentFilesOn(['agent-installed']);
  assert.deepEqual([check.status, check.evidence], ['unknown', 'aws-groundstation-agent is not installed: see agent-installed']);
});
