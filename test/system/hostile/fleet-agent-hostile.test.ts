/**
 * Hostile answers for the fleet's AGENT column, through our own proxy in front of the SSM
 * stand-in's ListResourceComplianceSummaries: a garbled version, a huge ExecutionId with huge
 * Title/Details members, an unknown enum value, a summary naming another host than the fleet's,
 * and a listing whose pages never end. Each: the version is shown only when it is four numbers,
 * otherwise `unknown` with the reason (never the text itself), exit 6, bounded, nothing raw printed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { example, runMain, type CliResult } from '../../helpers/cli.ts';
import { useSandbox } from '../../helpers/sandbox-fixture.ts';
import { startHostileProxy, type Corruption, type Reply } from './aws-proxy.ts';
import { needsEscape } from '../../../src/display.ts';
import type { FleetHost, FleetOutcome } from '../../../src/fleet/read-fleet.ts';

const fx = useSandbox('fleet-agent-hostile', { fleet: 2, agentHealthy: true });
const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const SUMMARIES = 'ssm:ListResourceComplianceSummaries';
type Item = Record<string, unknown> & { ExecutionSummary: Record<string, unknown>; ResourceId: string };

const answer = (body: unknown): Reply => ({
  kind: 'answer',
  status: 200,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/x-amz-json-1.1' },
});
/** The sandbox's summaries, each item edited. */
const editItems =
  (f: (i: Item, k: number) => Item): Corruption =>
  async ({ action, upstream }) => {
    if (action !== SUMMARIES) return { kind: 'pass' };
    const u = await upstream();
    const b = JSON.parse(u.body.toString('utf8')) as { ResourceComplianceSummaryItems: Item[] };
    return answer({ ...b, ResourceComplianceSummaryItems: b.ResourceComplianceSummaryItems.map(f) });
  };

let ready: Promise<void> | undefined;
/** Host 1 on the newest agent, host 2 on 1.0.2942.0; both applied with --report-compliance. */
const setup = () => (ready ??= prepare());
async function prepare(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'gsac-fleet-agent-hostile-'));
  dirs.push(dir);
  const mission = join(dir, 'mission.yaml');
  await writeFile(mission, await readFile(example('wideband-downlink.yaml'), 'utf8'));
  await fx.sb.fleet[0].agentPackage.reset('1.0.2942.0-1');
  for (const [i, m] of [fx.sb, ...fx.sb.fleet].entries()) {
    const root = join(dir, `root-${i}`);
    const r = await runMain(['apply', mission, '--root', root, '--report-compliance'], m.env);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
  }
}

async function fleetThrough(
  corrupt: Corruption,
  deadline = 20,
): Promise<CliResult & { o: FleetOutcome; seen: string[]; agents: FleetHost['agent'][] }> {
  await setup();
  const proxy = await startHostileProxy(fx.sb.url, corrupt);
  const t0 = Date.now();
  try {
    const env = { ...fx.sb.env, AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9', AWS_ENDPOINT_URL_SSM: proxy.url };
    const r = await runMain(['fleet', '--json', '--deadline', String(deadline)], env);
    const table = await runMain(['fleet', '--deadline', String(deadline)], env);
    const ms = Date.now() - t0;
    assert.ok(ms <= 2 * deadline * 1000 + 3000, `took ${ms} ms with --deadline ${deadline}`);
    for (const x of [r, table]) {
      assert.equal(x.code, 6, x.out + x.err);
      assert.ok(!(x.out + x.err).split('\n').some((l) => needsEscape(l.replace(/\\/g, ''))), `raw control characters printed`);
      assert.doesNotMatch(x.err, /^\s+at .+:\d+:\d+\)?$|this is a bug/im, x.err);
      assert.ok(x.out.length < 20_000, `printed ${x.out.length} characters`);
    }
    const o = JSON.parse(r.out) as FleetOutcome;
    const agents = [fx.sb, ...fx.sb.fleet].map((m) => o.hosts.find((h) => h.instanceId === m.host.instanceId)!.agent);
    return { ...r, out: table.out, o, seen: proxy.seen, agents };
  } finally {
    await proxy.close();
  }
}

test('the sound listing: host 1 supported, host 2 past its end of support', async () => {
  const r = await fleetThrough(() => ({ kind: 'pass' }));
  assert.equal(r.agents[0].status, 'supported');
  assert.deepEqual(r.agents[1], { version: '1.0.2942.0', endOfSupport: '2024-05-31', status: 'unsupported' });
});

test('a garbled version (escape codes, a fifth number, a word): unknown with the reason, never echoed', async () => {
  const bad = ['agent:1.0.\u001b[2J5953.0', 'agent:1.0.5953.0.7', 'agent:latest\u202e'];
  const r = await fleetThrough(
    editItems((i, k) => ({ ...i, ExecutionSummary: { ...i.ExecutionSummary, ExecutionId: bad[k % bad.length] } })),
  );
  for (const a of r.agents) {
    assert.equal(a.status, 'unknown');
    assert.equal(a.version, null);
    assert.match(a.reason ?? '', /not four numbers/);
  }
  assert.doesNotMatch(r.out, /latest|5953\.0\.7|\\u001b|\\x1b/);
  assert.match(r.out, /agent version unknown: the reported agent version is not four numbers/);
});

test('a huge ExecutionId and huge Title/Details members: unknown, printed short', async () => {
  const r = await fleetThrough(
    editItems((i) => ({
      ...i,
      ExecutionSummary: { ...i.ExecutionSummary, ExecutionId: `agent:${'1'.repeat(200_000)}` },
      Title: 'T'.repeat(300_000),
      Details: Object.fromEntries(Array.from({ length: 2000 }, (_, k) => [`k${k}`, 'v'.repeat(100)])),
    })),
  );
  for (const a of r.agents) assert.match(a.reason ?? '', /not four numbers \(200006 characters\)/);
});

test('an unknown Status enum value: the listing is not judged, every agent unknown (not read)', async () => {
  const r = await fleetThrough(editItems((i) => ({ ...i, Status: 'MOSTLY_COMPLIANT' })));
  for (const a of r.agents) {
    assert.equal(a.status, 'unknown');
    assert.match(a.reason ?? '', /not read \(the compliance listing could not be read\)/);
  }
  assert.ok(r.o.notes.some((n) => /compliance not read/.test(n)));
});

test("another host's id than the fleet's: its version lands on no row, that host not reported", async () => {
  const r = await fleetThrough(editItems((i, k) => (k === 0 ? { ...i, ResourceId: 'i-0fedcba9876543210' } : i)));
  const reported = new Set(r.agents.map((a) => a.status));
  // One of the two hosts lost its summary to a stranger's id; the other keeps its own.
  assert.ok(reported.has('unknown'));
  assert.ok(r.agents.some((a) => a.status === 'unknown' && /not reported/.test(a.reason ?? '')));
  assert.ok(!r.o.hosts.some((h) => h.instanceId === 'i-0fedcba9876543210'));
});

test('a listing whose pages never end: stopped at the page bound, every agent unknown, within the deadline', async () => {
  let first: string | undefined;
  const r = await fleetThrough(async ({ action, n, upstream }) => {
    if (action !== SUMMARIES) return { kind: 'pass' };
    first ??= (await upstream()).body.toString('utf8');
    return answer({ ...(JSON.parse(first) as object), NextToken: `page-${n}` });
  }, 30);
  const calls = r.seen.filter((a) => a === SUMMARIES).length;
  // Two fleet runs, each stopped at 40 pages (src/aws/ssm.ts MAX_SUMMARY_PAGES).
  assert.ok(calls <= 2 * 40, `${calls} calls`);
  for (const a of r.agents) assert.match(a.reason ?? '', /not read/);
  assert.ok(
    r.o.notes.some((n) => /more than 40 pages/.test(n)),
    r.o.notes.join('\n'),
  );
});
