/**
 * doctor's nic-numa on real kernels' /sys (issue 20), through main() against the sandbox:
 * with sub-NUMA clustering the plan's own choice passes; a mission that pins cores on the
 * other node fails with a cpuCores line that, pasted under agent:, makes the check pass; a
 * NUMA topology that contradicts itself never feeds the check (unknown, the file named).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import type { CheckResult } from '../../src/doctor/types.ts';
import { example, runMain } from '../helpers/cli.ts';

async function nicNuma(sb: Sandbox, mission: string, root: string): Promise<CheckResult> {
  const r = await runMain(['doctor', mission, '--root', root, '--json'], sb.env);
  return (JSON.parse(r.out).checks as CheckResult[]).find((c) => c.id === 'nic-numa')!;
}

/** The wideband example with `cpuCores: auto` replaced by `line`. */
async function missionWith(dir: string, line: string): Promise<string> {
  const text = (await readFile(example('wideband-downlink.yaml'), 'utf8')).replace(/^ {2}cpuCores: auto.*$/m, `  ${line}`);
  const file = join(dir, 'mission.yaml');
  await writeFile(file, text);
  return file;
}

describe('sub-NUMA clustering, the NIC on node 3 (c5.24xlarge --sys snc)', () => {
  let sb: Sandbox;
  let dir: string;
  before(async () => {
    sb = await startSandbox({ sys: ['snc'] });
    dir = await mkdtemp(join(tmpdir(), 'gsac-numa-'));
  });
  after(async () => {
    await sb.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("cpuCores: auto: the plan's own choice is on the NIC's node, so nic-numa passes", async () => {
    const c = await nicNuma(sb, example('wideband-downlink.yaml'), join(dir, 'auto'));
    assert.equal(c.status, 'ok', c.evidence);
    assert.match(c.evidence, /eth0 is on NUMA node 3 \(CPUs 36-47,84-95\); agent cores 36-45,84-93/);
  });

  test('cores pinned on node 2: fail, and the fix is a cpuCores line that, pasted under agent:, passes', async () => {
    const pinned = await missionWith(dir, 'cpuCores: "24-33,72-81"');
    const c = await nicNuma(sb, pinned, join(dir, 'pinned'));
    assert.equal(c.status, 'fail');
    const m =
      /^under agent: in the mission, set {3}(cpuCores: "[0-9,-]+") {3}\(10 whole hyperthread pairs on NUMA node 3\), then re-run gs-agent-config apply /.exec(
        c.fix,
      );
    assert.ok(m, c.fix);
    assert.equal(m[1], 'cpuCores: "36-45,84-93"');
    const fixed = await missionWith(dir, m[1]);
    const again = await nicNuma(sb, fixed, join(dir, 'fixed'));
    assert.equal(again.status, 'ok', again.evidence);
  });
});

test('every NUMA node listing every CPU: nic-numa is unknown with the file named, never judged from it', async () => {
  const sb = await startSandbox({ sys: ['numa-every-cpu'] });
  const root = await mkdtemp(join(tmpdir(), 'gsac-numa-'));
  try {
    const c = await nicNuma(sb, example('wideband-downlink.yaml'), root);
    assert.equal(c.status, 'unknown', c.evidence);
    assert.match(c.evidence, /node1\/cpulist lists CPU 0, which .*node0\/cpulist lists too/);
  } finally {
    await sb.close();
    await rm(root, { recursive: true, force: true });
  }
});
