/** `sandbox --agent-healthy`: the simulated host's agent registers for its groups, so `status --wait` is rehearsed to success. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSandbox } from '../../src/cli/commands/sandbox.ts';
import { createRuntime } from '../../src/cli/runtime.ts';
import { REPO, example, runMain } from '../helpers/cli.ts';

test('sandbox --agent-healthy: apply, then status --wait succeeds', async () => {
  const root = await mkdtemp(join(tmpdir(), 'gsac-sb-agent-'));
  let out = '';
  let release!: () => void;
  const stop = new Promise<void>((r) => {
    release = r;
  });
  const io = {
    out: (t: string) => {
      out += t;
    },
    err: () => {},
    env: {},
    isTTY: false,
    cwd: REPO,
  };
  const served = runSandbox(
    { root: '/', deadline: 240, json: true, debug: false, quiet: false, agentHealthy: true },
    createRuntime(io),
    stop,
  );
  try {
    while (!out) await new Promise((r) => setTimeout(r, 20));
    const { env } = JSON.parse(out) as { env: Record<string, string> };
    assert.equal((await runMain(['apply', example('wideband-downlink.yaml'), '--root', root], env)).code, 0);
    const status = await runMain(['status', '--root', root, '--wait', '10'], env);
    assert.equal(status.code, 0, status.out);
    assert.match(status.out, /ok {2}noaa20-wideband-digif-downlink \(downlink\): agent ACTIVE, audit HEALTHY, health HEALTHY/);
  } finally {
    release();
    assert.equal(await served, 0);
    await rm(root, { recursive: true, force: true });
  }
});
