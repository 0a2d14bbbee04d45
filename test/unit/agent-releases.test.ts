/** The agent release table stays well-formed, and its lookups answer as the release notes say. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AGENT_RELEASES,
  AL2_END_OF_SUPPORT,
  OS_BUILDS,
  OS_PATH,
  RELEASE_SOURCES,
  RELEASES_CHECKED_ON,
  compareAgentVersions,
  newestFor,
  parseAgentVersion,
  supportOf,
} from '../../src/agent-releases.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (d: string) => DAY.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

test('the table is well-formed: versions, dates, checksums, order, sources', () => {
  assert.ok(AGENT_RELEASES.length >= 1);
  assert.ok(isDay(RELEASES_CHECKED_ON) && isDay(AL2_END_OF_SUPPORT));
  assert.ok(RELEASE_SOURCES.every((s) => s.startsWith('https://docs.aws.amazon.com/ground-station/')));
  const seen = new Set<string>();
  const hashes = new Set<string>();
  for (const r of AGENT_RELEASES) {
    assert.ok(parseAgentVersion(r.version), r.version);
    assert.ok(!seen.has(r.version), `${r.version} twice`);
    seen.add(r.version);
    assert.ok(isDay(r.released), `${r.version} released ${r.released}`);
    assert.ok(r.released <= RELEASES_CHECKED_ON, `${r.version} released after the table was read`);
    if (r.endOfSupport !== undefined) {
      assert.ok(isDay(r.endOfSupport) && r.endOfSupport >= r.released, `${r.version} end of support ${r.endOfSupport}`);
      assert.ok(r.deprecated, `${r.version} has an end of support but is not marked deprecated`);
    }
    const builds = Object.entries(r.sha256);
    assert.ok(builds.length >= 1, `${r.version} has no checksum`);
    for (const [os, sha] of builds) {
      assert.ok((OS_BUILDS as readonly string[]).includes(os), `${r.version}: unknown build ${os}`);
      assert.match(sha, /^[0-9a-f]{64}$/, `${r.version} ${os}`);
      assert.ok(!hashes.has(sha), `${r.version} ${os}: a checksum used twice`);
      hashes.add(sha);
    }
  }
  const order = AGENT_RELEASES.map((r) => r.version);
  assert.deepEqual(
    order,
    [...order].sort((a, b) => compareAgentVersions(b, a)),
    'newest first',
  );
  assert.equal(AGENT_RELEASES.filter((r) => !r.deprecated).length, 1, 'one current release');
  assert.deepEqual(Object.keys(OS_PATH).sort(), [...OS_BUILDS].sort());
});

test('versions compare numerically, not as text', () => {
  assert.ok(compareAgentVersions('1.0.10000.0', '1.0.5953.0') > 0);
  assert.equal(compareAgentVersions('1.0.5953.0', '1.0.5953.0'), 0);
  assert.equal(parseAgentVersion('1.0.5953'), undefined);
  assert.equal(parseAgentVersion('1.0.5953.0-1.amzn2'), undefined);
});

test('the newest build per OS, and support on a given day', () => {
  assert.equal(newestFor('al2023')?.version, '1.0.5953.0');
  assert.equal(newestFor('al2')?.version, '1.0.5953.0');
  assert.equal(supportOf('1.0.5953.0', '2026-12-06').kind, 'supported');
  assert.deepEqual(supportOf('1.0.4382.0', '2026-06-30'), { kind: 'deprecated', release: AGENT_RELEASES[1], endOfSupport: '2026-06-30' });
  assert.equal(supportOf('1.0.4382.0', '2026-07-01').kind, 'unsupported');
  assert.equal(supportOf('1.0.2942.0', '2026-12-06').kind, 'unsupported');
  assert.match((supportOf('9.9.9.9', '2026-12-06') as { why: string }).why, /newer than every release/);
  assert.match((supportOf('1.0.1.0', '2026-12-06') as { why: string }).why, /not listed/);
  assert.match((supportOf('junk', '2026-12-06') as { why: string }).why, /not an agent version/);
});
