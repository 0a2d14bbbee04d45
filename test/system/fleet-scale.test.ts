/**
 * Scale: 30 simulated hosts applied concurrently (real processes of the binary, at most 6 at a
 * time) with Ground Station throttling injected on every host's endpoint: every host converges
 * (exit 0), with exactly one group each and no duplicate; then `fleet` sees all 30 converged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { example, runBin, runMain } from '../helpers/cli.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import { TAG_INSTANCE } from '../../src/ownership-tags.ts';
import type { FleetOutcome } from '../../src/fleet/read-fleet.ts';

const HOSTS = 30;
const PARALLEL = 6;
const fx = useSandbox('fleet-scale', { fleet: HOSTS, agentHealthy: true });

test(`${HOSTS} hosts applied concurrently under throttling: all converge, one group each`, async () => {
  const members = [fx.sb, ...fx.sb.fleet];
  assert.equal(members.length, HOSTS);
  for (const m of members) {
    // Throttled twice on reads and once on the create: the SDK's retries and the tool's own recovery absorb it.
    m.injectFault({ action: 'groundstation:GetDataflowEndpointGroup', status: 429, code: 'ThrottlingException', count: 2 });
    m.injectFault({ action: 'tagging:GetResources', status: 400, code: 'ThrottlingException', count: 1 });
    m.injectFault({ action: 'groundstation:CreateDataflowEndpointGroupV2', status: 429, code: 'ThrottlingException', count: 1 });
  }
  const roots = await Promise.all(members.map((_, i) => mkdtemp(join(tmpdir(), `gsac-scale-${i + 1}-`))));
  try {
    const results: Array<{ code: number; err: string }> = new Array<{ code: number; err: string }>(HOSTS);
    let next = 0;
    const worker = async () => {
      while (next < HOSTS) {
        const i = next++;
        const r = await runBin(
          ['apply', example('wideband-downlink.yaml'), '--root', roots[i], '--report-compliance', '--quiet'],
          members[i].env,
          180_000,
        );
        results[i] = r;
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    results.forEach((r, i) => assert.equal(r.code, 0, `host ${i + 1}: ${r.err}`));
    const perInstance = new Map<string, number>();
    for (const g of fx.sb.groundStation.groups.values())
      perInstance.set(g.tags[TAG_INSTANCE], (perInstance.get(g.tags[TAG_INSTANCE]) ?? 0) + 1);
    assert.equal(perInstance.size, HOSTS);
    assert.deepEqual([...new Set(perInstance.values())], [1], 'exactly one group per host');
    const fleet = await runMain(['fleet', '--json'], fx.sb.env);
    assert.equal(fleet.code, 0, fleet.out + fleet.err);
    const o = JSON.parse(fleet.out) as FleetOutcome;
    assert.equal(o.summary.hosts, HOSTS);
    assert.equal(o.summary.converged, HOSTS);
  } finally {
    await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
  }
});
