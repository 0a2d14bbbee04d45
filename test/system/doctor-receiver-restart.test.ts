/** Issue 20 (h20-rest): receiver-listening and agent-restarted through main() against the sandbox. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../../sandbox/server.ts';
import type { CheckResult } from '../../src/doctor/types.ts';
import { example, runMain } from '../helpers/cli.ts';

const MISSION = example('wideband-downlink.yaml');

async function checksOn(breaks: string[]): Promise<Map<string, CheckResult>> {
  const sb = await startSandbox({ breaks });
  try {
    const r = await runMain(['doctor', MISSION, '--json'], sb.env);
    assert.ok(r.code === 0 || r.code === 6, r.err);
    return new Map((JSON.parse(r.out).checks as CheckResult[]).map((c) => [c.id, c]));
  } finally {
    await sb.close();
  }
}

test('default sandbox: the receiver is bound and the agent started after its install', async () => {
  const c = await checksOn([]);
  assert.equal(c.get('receiver-listening')?.status, 'ok');
  assert.equal(c.get('agent-restarted')?.status, 'ok');
  assert.match(c.get('agent-restarted')!.evidence, /installed 2025-01-15 09:00:00 UTC .* started 2025-01-15 10:00:00 UTC/);
});

test('--break receiver-listening / agent-restarted: warnings naming the port and dataflow, the restart', async () => {
  const c = await checksOn(['receiver-listening', 'agent-restarted']);
  const r = c.get('receiver-listening')!;
  assert.equal(r.status, 'warn');
  assert.match(r.evidence, /^no UDP socket bound for dataflow \S+ of mission \S+: deliverTo 127\.0\.0\.1:55000 /);
  const a = c.get('agent-restarted')!;
  assert.equal(a.status, 'warn');
  assert.match(a.evidence, /installed 2025-01-16 09:00:00 UTC .* started 2025-01-15 10:00:00 UTC/);
});
