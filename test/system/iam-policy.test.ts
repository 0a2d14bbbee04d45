/** The IAM policy holds exactly the actions the tool calls: checked against the code and the sandbox. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { buildIamPolicy, FLEET_VIEWER_ACTIONS, ON_BEHALF_ACTIONS, TOOL_ACTIONS } from '../../src/aws/iam-policy.ts';
import { TAG_INSTANCE } from '../../src/ownership-tags.ts';
import { agentRpm } from '../../sandbox/agent-package.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import { REPO, example, runMain } from '../helpers/cli.ts';
import { createMissionProfile, reserveContact, sdkClient } from '../helpers/contacts-fixtures.ts';

const fx = useSandbox('iam');

const policyActions = () =>
  buildIamPolicy()
    .Statement.flatMap((s) => s.Action)
    .sort();

test('examples/iam/policy.json is the output of `iam-policy`', async () => {
  const r = await runMain(['iam-policy']);
  assert.equal(r.code, 0);
  assert.equal(r.out, await readFile(join(REPO, 'examples/iam/policy.json'), 'utf8'));
});

test('`iam-policy --json` prints the same JSON (it is JSON either way)', async () => {
  const plain = await runMain(['iam-policy']);
  const json = await runMain(['iam-policy', '--json']);
  assert.equal(json.code, 0);
  assert.equal(json.out, plain.out);
  assert.deepEqual(JSON.parse(json.out), buildIamPolicy());
});

test('docs/reference/iam.md lists every action with the commands that need it', async () => {
  const page = await readFile(join(REPO, 'docs/reference/iam.md'), 'utf8');
  const rows = [...page.matchAll(/^\| `([a-z0-9]+:\w+)` \| (.+) \|$/gm)].map((m) => ({ action: m[1], why: m[2] }));
  assert.deepEqual(rows, [...TOOL_ACTIONS]);
});

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...(await sourceFiles(join(dir, e.name))));
    else if (e.name.endsWith('.ts')) out.push(join(dir, e.name));
  }
  return out;
}

test('every SDK command the code sends has its action in the policy, and nothing more', async () => {
  const sent = new Set<string>();
  for (const f of await sourceFiles(join(REPO, 'src'))) {
    if (f.includes('/sandbox/')) continue;
    const service = f.endsWith('/aws/tagging.ts')
      ? 'tag'
      : f.endsWith('/aws/ssm.ts')
        ? 'ssm'
        : f.endsWith('/aws/agent-download.ts')
          ? 's3'
          : undefined;
    for (const m of (await readFile(f, 'utf8')).matchAll(/new (sdk\.)?(\w+)Command\(/g)) {
      sent.add(`${service ?? (m[1] ? 'ec2' : 'groundstation')}:${m[2]}`);
    }
  }
  // The host's policy and the fleet viewer's (iam-policy --fleet) together: every action sent, nothing more.
  // iam:CreateServiceLinkedRole is sent by no SDK command of the tool (Ground Station uses the caller's permission).
  const viewer = FLEET_VIEWER_ACTIONS.map((a) => a.action);
  assert.deepEqual([...sent].sort(), [...new Set([...policyActions().filter((a) => !ON_BEHALF_ACTIONS.includes(a)), ...viewer])].sort());
  assert.equal(new Set(TOOL_ACTIONS.map((a) => a.action)).size, TOOL_ACTIONS.length);
});

test('a whole lifecycle against the sandbox uses exactly the policy actions', async () => {
  const run = (...argv: string[]) => runMain([...argv, '--root', fx.root], fx.sb.env);
  // The operator's own setup (a mission profile, later a contact) is not the tool's: its actions are dropped.
  const client = sdkClient(fx.sb);
  const profile = await createMissionProfile(client, ['eo-multi-xband-200', 'eo-multi-xband-100', 'eo-multi-sband-50']);
  fx.sb.actions.splice(0);
  // A fresh account (issue 20): the first group makes Ground Station's service-linked role → iam:CreateServiceLinkedRole.
  fx.sb.groundStation.slr = { exists: false, callerMayCreate: true };
  const profiles = `profiles:\n  - name: pass\n    dataflows: [xband-200, xband-100, sband-50]\n    missionProfile: ${profile.arn}\n`;
  const mission = `${await readFile(example('multi-downlink.yaml'), 'utf8')}\n${profiles}`;
  const file = join(fx.root, 'mission.yaml');
  await writeFile(file, mission);
  for (const argv of [['facts'], ['plan', file], ['apply', file, '--report-compliance'], ['doctor', file]])
    assert.equal((await run(...argv)).code, 0, argv.join(' '));
  // A contact in two hours on this host's group (scheduled while its agent was registered).
  fx.sb.hostAgent.running = true;
  const before = fx.sb.actions.length;
  await reserveContact(client, profile.arn, Date.now() + 7_200_000, Date.now() + 7_500_000);
  fx.sb.actions.splice(before);
  fx.sb.hostAgent.running = false;
  for (const g of fx.sb.groundStation.groups.values()) g.agentRegistered = false;
  await writeFile(file, mission.replace(/^\s+cost-center:.*\n/m, '')); // tag removed → UntagResource
  assert.equal((await run('apply', file)).code, 0);
  await writeFile(file, mission); // tag back on the kept group → TagResource
  assert.equal((await run('apply', file)).code, 0);
  await writeFile(file, mission.replace('127.0.0.1:55000', '127.0.0.1:55020')); // replace → DeleteDataflowEndpointGroup
  // …whose create answer is lost: the group is looked for in Ground Station itself → ListDataflowEndpointGroups
  fx.sb.injectFault({ action: 'groundstation:CreateDataflowEndpointGroupV2', lostAnswer: true, count: 1 });
  assert.equal((await run('apply', file)).code, 0);
  // A group the tool made for another (replaced) host: status --all asks EC2 about its instance →
  // DescribeInstances (this host's own instance is never asked: its group is never an orphan).
  const [mine] = [...fx.sb.groundStation.groups.values()];
  const foreign = randomUUID();
  fx.sb.groundStation.groups.set(foreign, {
    ...structuredClone(mine),
    id: foreign,
    arn: mine.arn.replace(mine.id, foreign),
    tags: { ...mine.tags, [TAG_INSTANCE]: 'i-0aaaaaaaaaaaaaaa1' },
  });
  assert.equal((await run('status', '--all')).code, 6); // agent not registered: problems found
  fx.sb.groundStation.groups.delete(foreign);
  // upgrade-agent (here a downgrade to an RPM given, whose rollback copy is downloaded) → s3:GetObject.
  await mkdir(join(fx.root, 'etc'), { recursive: true });
  await writeFile(join(fx.root, 'etc/os-release'), 'ID="amzn"\nVERSION_ID="2023"\n');
  const rpm = join(fx.root, 'older.rpm');
  await writeFile(rpm, agentRpm('1.0.5900.0', 'al2023'));
  const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const upgrade = await run(
    'upgrade-agent',
    ...['--rpm', rpm, '--sha256', hash(agentRpm('1.0.5900.0', 'al2023')), '--allow-downgrade'],
    ...['--previous-sha256', hash(agentRpm('1.0.5953.0', 'al2023'))],
  );
  assert.equal(upgrade.code, 0, upgrade.err);
  assert.equal((await run('destroy', '--yes')).code, 0);
  // The sandbox names the tagging service `tagging:`; its IAM prefix is `tag:`.
  const seen = [
    ...new Set(fx.sb.actions.filter((a) => /^(groundstation|ec2|tagging|ssm|s3|iam):/.test(a)).map((a) => a.replace(/^tagging:/, 'tag:'))),
  ].sort();
  assert.deepEqual(seen, policyActions());
});

test('`fleet` uses only the fleet viewer policy (iam-policy --fleet)', async () => {
  fx.sb.actions.splice(0);
  const r = await runMain(['fleet', '--json'], fx.sb.env);
  assert.ok(r.code === 0 || r.code === 6, r.err);
  const seen = new Set(fx.sb.actions.filter((a) => !a.startsWith('imds:')).map((a) => a.replace(/^tagging:/, 'tag:')));
  assert.equal(fx.sb.actions.filter((a) => a.startsWith('imds:')).length, 0, 'fleet reads no instance metadata');
  const allowed = new Set(FLEET_VIEWER_ACTIONS.map((a) => a.action));
  assert.deepEqual(
    [...seen].filter((a) => !allowed.has(a)),
    [],
  );
  const printed = JSON.parse((await runMain(['iam-policy', '--fleet'])).out) as { Statement: Array<{ Action: string[] }> };
  assert.deepEqual(printed.Statement[0].Action, [...allowed].sort());
});
