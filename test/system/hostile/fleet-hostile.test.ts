/**
 * Hostile answers for the fleet's boundaries, through our own proxy: SSM (PutComplianceItems for
 * `--report-compliance`, ListResourceComplianceSummaries for `fleet`) garbled, huge, throttled,
 * hanging, with an unknown enum and another resource id; tagging, EC2 and ListContacts garbled
 * or hanging for `fleet`. Each: the documented exit code, one message or a warning (never a
 * stack), done within --deadline, no raw control characters printed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { example, runMain, type CliResult } from '../../helpers/cli.ts';
import { useSandbox } from '../../helpers/sandbox-fixture.ts';
import { startHostileProxy, type Corruption, type Reply, type Upstream } from './aws-proxy.ts';
import { assertOneMessage } from './run-aws-scenario.ts';
import { needsEscape } from '../../../src/display.ts';

const fx = useSandbox('fleet-hostile', { fleet: 2, agentHealthy: true });
const roots: string[] = [];

const pass: Reply = { kind: 'pass' };
const on =
  (action: string, f: (up: () => Promise<Upstream>, n: number) => Promise<Reply> | Reply): Corruption =>
  ({ action: a, n, upstream }) =>
    a === action || (action.endsWith('*') && a.startsWith(action.slice(0, -1))) ? f(upstream, n) : pass;
const answer = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  kind: 'answer',
  status,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'content-type': 'application/x-amz-json-1.1', ...headers },
});
const editJson = (action: string, f: (b: Record<string, unknown>) => unknown): Corruption =>
  on(action, async (up) => {
    const u = await up();
    return answer(u.status, f(JSON.parse(u.body.toString('utf8') || '{}') as Record<string, unknown>));
  });
const HTML = answer(500, '<html><body>\u001b[31mInternal Server Error\u001b[0m</body></html>', { 'content-type': 'text/html' });
const THROTTLED = answer(400, { __type: 'ThrottlingException', message: 'Rate exceeded' }, { 'x-amzn-errortype': 'ThrottlingException' });

let ready: Promise<void> | undefined;
/** Both hosts applied and reported once (run by the first test, after the sandbox fixture started). */
const setup = () => (ready ??= prepare());

async function prepare(): Promise<void> {
  const mission = join(await mkdtemp(join(tmpdir(), 'gsac-fleet-hostile-m-')), 'mission.yaml');
  await writeFile(mission, await readFile(example('wideband-downlink.yaml'), 'utf8'));
  for (const m of [fx.sb, ...fx.sb.fleet]) {
    const root = await mkdtemp(join(tmpdir(), 'gsac-fleet-hostile-'));
    roots.push(root);
    const r = await runMain(['apply', mission, '--root', root], m.env);
    assert.equal(r.code, 0, r.err);
    const s = await runMain(['status', '--root', root, '--report-compliance'], m.env);
    assert.equal(s.code, 0, s.err);
    assert.equal(s.err, '');
  }
  const fleet = await runMain(['fleet'], fx.sb.env);
  assert.equal(fleet.code, 0, fleet.out + fleet.err);
}

async function through(corrupt: Corruption, argv: string[], deadline: number, env = fx.sb.env): Promise<CliResult & { ms: number }> {
  await setup();
  const proxy = await startHostileProxy(fx.sb.url, corrupt);
  const t0 = Date.now();
  try {
    const r = await runMain([...argv, '--deadline', String(deadline)], {
      ...env,
      AWS_ENDPOINT_URL_GROUNDSTATION: proxy.url,
      AWS_ENDPOINT_URL_EC2: proxy.url,
      AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: proxy.url,
      AWS_ENDPOINT_URL_SSM: proxy.url,
    });
    const ms = Date.now() - t0;
    assert.ok(ms <= deadline * 1000 + 1500, `took ${ms} ms with --deadline ${deadline}`);
    assert.ok(
      !(r.out + r.err).split('\n').some((l) => needsEscape(l.replace(/\\/g, ''))),
      `raw control characters printed:\n${JSON.stringify(r.out + r.err)}`,
    );
    return { ...r, ms };
  } finally {
    await proxy.close();
  }
}

const PUT = 'ssm:PutComplianceItems';
const SUMMARIES = 'ssm:ListResourceComplianceSummaries';

const reportScenarios: Array<[string, Corruption, number]> = [
  ['garbled (HTML 500)', on(PUT, () => HTML), 20],
  ['throttled every time', on(PUT, () => THROTTLED), 20],
  ['huge (50 MB)', on(PUT, () => ({ kind: 'flood', status: 200, bytes: 50 * 1024 * 1024, declare: true })), 20],
  ['hanging', on(PUT, () => ({ kind: 'hang' })), 6],
];

for (const [name, corrupt, deadline] of reportScenarios) {
  test(`status --report-compliance, SSM ${name}: a warning, the status's own exit code`, async () => {
    await setup();
    const r = await through(corrupt, ['status', '--root', roots[0], '--report-compliance'], deadline);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /^warning: compliance not reported to SSM \(the run's result stands\): /m);
    assertOneMessage(r);
  });
}

/** Every fleet scenario keeps the fleet not ok (exit 6) with a note, or fails with one message (exit 5). */
const fleetScenarios: Array<{ name: string; corrupt: Corruption; exit: number; note?: RegExp; message?: RegExp; deadline?: number }> = [
  { name: 'SSM summaries garbled', corrupt: on(SUMMARIES, () => HTML), exit: 6, note: /compliance not read/ },
  { name: 'SSM summaries throttled', corrupt: on(SUMMARIES, () => THROTTLED), exit: 6, note: /compliance not read/ },
  {
    name: 'SSM summaries huge',
    corrupt: on(SUMMARIES, () => ({ kind: 'flood', status: 200, bytes: 50 * 1024 * 1024, declare: false })),
    exit: 6,
    note: /compliance not read/,
  },
  { name: 'SSM summaries hanging', corrupt: on(SUMMARIES, () => ({ kind: 'hang' })), exit: 6, note: /compliance not read/, deadline: 6 },
  {
    name: 'SSM summaries with an unknown Status enum',
    corrupt: editJson(SUMMARIES, (b) => ({
      ...b,
      ResourceComplianceSummaryItems: (b.ResourceComplianceSummaryItems as Array<Record<string, unknown>>).map((i) => ({
        ...i,
        Status: 'SORT_OF\u001b[2J',
      })),
    })),
    exit: 6,
    note: /compliance not read: .*Status/,
  },
  {
    name: 'SSM summaries naming another resource than the fleet',
    corrupt: editJson(SUMMARIES, (b) => ({
      ...b,
      ResourceComplianceSummaryItems: (b.ResourceComplianceSummaryItems as Array<Record<string, unknown>>).map((i) => ({
        ...i,
        ResourceId: 'i-0123456789abcdef0',
      })),
    })),
    exit: 6,
    note: /no compliance report yet/,
  },
  { name: 'ListContacts garbled', corrupt: on('groundstation:ListContacts', () => HTML), exit: 6, note: /contacts not read/ },
  { name: 'tagging garbled', corrupt: on('tagging:GetResources', () => HTML), exit: 5, message: /GetResources/ },
  { name: 'tagging hanging', corrupt: on('tagging:GetResources', () => ({ kind: 'hang' })), exit: 5, message: /deadline/, deadline: 6 },
  // No answer is no evidence: every instance `unknown` (never an orphan), the fleet not ok.
  {
    name: 'EC2 DescribeInstances garbled',
    corrupt: on('ec2:DescribeInstances', () => HTML),
    exit: 6,
    note: /state unknown \(DescribeInstances gave no answer/,
  },
  {
    name: 'EC2 DescribeInstances hanging',
    corrupt: on('ec2:DescribeInstances', () => ({ kind: 'hang' })),
    exit: 5,
    message: /deadline/,
    deadline: 6,
  },
];

for (const s of fleetScenarios) {
  test(`fleet, ${s.name}: exit ${s.exit}`, async () => {
    const r = await through(s.corrupt, ['fleet'], s.deadline ?? 20);
    assert.equal(r.code, s.exit, r.out + r.err);
    // Exit 6 is a report (problems found), not an error: no `error:` line, no stack either.
    if (s.exit === 6) assert.doesNotMatch(r.err, /^\s+at .+:\d+:\d+\)?$|this is a bug/im, r.err);
    else assertOneMessage(r, s.message);
    if (s.note) assert.match(r.out, s.note);
  });
}
