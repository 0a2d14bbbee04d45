/**
 * `fleet`'s AGENT column against `sandbox --fleet 4`: each host reports its agent version with
 * `--report-compliance` (the report's ExecutionId), and `fleet` judges it with the release table
 * on the run's day. Host 1 runs the newest release, host 2 a deprecated one, host 3 one past its
 * end of support, host 4 never reported. Read from "a laptop" (no IMDS) through the real binary,
 * and once through main() on a day when host 2's release is deprecated but still supported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { example, REPO, runBin, runMain } from '../helpers/cli.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import type { FleetOutcome } from '../../src/fleet/read-fleet.ts';
import { main } from '../../src/cli/main.ts';

const fx = useSandbox('fleet-agent', { fleet: 4 });

test('fleet shows each host agent version and end of support: current, deprecated, past end, not reported', async () => {
  const members = [fx.sb, ...fx.sb.fleet];
  const roots = await Promise.all(members.map((_, i) => mkdtemp(join(tmpdir(), `gsac-fleet-agent-${i + 1}-`))));
  try {
    const mission = join(roots[0], 'mission.yaml');
    await writeFile(mission, await readFile(example('wideband-downlink.yaml'), 'utf8'));
    const versions = ['1.0.5953.0-1', '1.0.4382.0-1', '1.0.2942.0-1'];
    for (const [i, m] of members.entries()) {
      if (versions[i]) await m.agentPackage.reset(versions[i]);
      const r = await runMain(['apply', mission, '--root', roots[i], ...(i < 3 ? ['--report-compliance'] : [])], m.env);
      assert.equal(r.code, 0, r.err);
      assert.doesNotMatch(r.err, /warning/, r.err);
    }
    const laptop = Object.fromEntries(
      Object.entries({ ...fx.sb.env, AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' }).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      ),
    );
    const before = fx.sb.actions.length;
    const r = await runBin(['fleet', '--json'], laptop);
    assert.equal(r.code, 6, r.err);
    const calls = fx.sb.actions.slice(before);
    // No extra call: the version rides on the compliance listing fleet already makes.
    assert.equal(calls.filter((a) => a.startsWith('ssm:')).length, 1, calls.join(' '));
    assert.equal(calls.filter((a) => a.startsWith('imds:')).length, 0);
    const o = JSON.parse(r.out) as FleetOutcome;
    const agents = members.map((m) => o.hosts.find((h) => h.instanceId === m.host.instanceId)?.agent);
    assert.deepEqual(agents[0], { version: '1.0.5953.0', endOfSupport: null, status: 'supported' });
    // Today (2026-12 or later) 1.0.4382.0 is past its end of support too.
    const today = new Date().toISOString().slice(0, 10);
    assert.deepEqual(agents[1], {
      version: '1.0.4382.0',
      endOfSupport: '2026-06-30',
      status: today > '2026-06-30' ? 'unsupported' : 'deprecated',
    });
    assert.deepEqual(agents[2], { version: '1.0.2942.0', endOfSupport: '2024-05-31', status: 'unsupported' });
    assert.equal(agents[3]?.status, 'unknown');
    assert.equal(agents[3]?.version, null);
    assert.match(agents[3]?.reason ?? '', /not reported/);

    const table = await runBin(['fleet'], laptop);
    assert.equal(table.code, 6, table.err);
    const line = (i: number) => table.out.split('\n').find((l) => l.startsWith(members[i].host.instanceId)) ?? '';
    assert.match(line(0), / 1\.0\.5953\.0 \(supported\) /);
    assert.match(line(2), / 1\.0\.2942\.0 \(support ended 2024-05-31\) /);
    assert.match(line(3), / unknown /);
    assert.match(table.out, /1\.0\.2942\.0 reached its end of support on 2024-05-31: upgrade it/);

    // On 2026-05-01 (through main(), the host wall clock given) 1.0.4382.0 is deprecated, supported until 2026-06-30.
    let out = '';
    const code = await main(['fleet'], {
      out: (t) => (out += `${t}\n`),
      err: () => undefined,
      env: laptop,
      isTTY: false,
      cwd: REPO,
      wallClock: () => Date.parse('2026-05-01T12:00:00Z'),
    });
    assert.equal(code, 6);
    const may = out.split('\n').find((l) => l.startsWith(members[1].host.instanceId)) ?? '';
    assert.match(may, / 1\.0\.4382\.0 \(support ends 2026-06-30\) /);
    assert.match(out, /agent 1\.0\.4382\.0 is deprecated; its support ends on 2026-06-30/);
  } finally {
    await Promise.all(roots.map((d) => rm(d, { recursive: true, force: true })));
  }
});
