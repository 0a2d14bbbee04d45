/**
 * One vocabulary across commands: files are `created` / `changed` / `unchanged` / `missing` in plan,
 * apply, status and their JSON; status prints each unhealthy endpoint once; a missing agent
 * config is reported as missing (not as "does not name the group").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import { example, runMain } from '../helpers/cli.ts';

const fx = useSandbox('vocab');
const AGENT_CONFIG = '/opt/aws/groundstation/etc/aws-gs-agent-config.json';

test('the same words for file states in plan, apply, status and JSON', async () => {
  const root = join(fx.root, 'root');
  const mission = example('uplink-and-downlink.yaml');
  const run = (...argv: string[]) => runMain([...argv, '--root', root], fx.sb.env);

  const plan = await run('plan', mission);
  assert.match(plan.out, new RegExp(`^ {4}\\+ create {4}${AGENT_CONFIG}$`, 'm'));
  assert.deepEqual(
    JSON.parse((await run('plan', mission, '--json')).out).files.map((f: { state: string }) => f.state),
    ['created', 'created', 'created'],
  );
  const first = await run('apply', mission);
  assert.match(first.out, new RegExp(`^ {4}\\+ created {3}${AGENT_CONFIG}$`, 'm'));
  const again = JSON.parse((await run('apply', mission, '--json')).out);
  assert.deepEqual(
    again.files.map((f: { state: string }) => f.state),
    ['unchanged', 'unchanged', 'unchanged'],
  );
  assert.match((await run('plan', mission)).out, new RegExp(`^ {4}= unchanged ${AGENT_CONFIG}$`, 'm'));

  const status = await run('status');
  assert.equal(status.code, 6);
  assert.match(status.out, new RegExp(`^ {2}file = unchanged ${AGENT_CONFIG}$`, 'm'));
  for (const name of ['tt-and-c-cmd-uplink', 'tt-and-c-tlm-downlink']) {
    assert.equal(status.out.split(name).length - 1, 1, `${name} printed more than once:\n${status.out}`);
  }
  assert.match(status.out, /^ {4}- 2 endpoints not ready \(see above\)$/m);
  assert.deepEqual(
    JSON.parse((await run('status', '--json')).out).groups[0].files.map((f: { state: string }) => f.state),
    ['unchanged', 'unchanged', 'unchanged'],
  );

  await rm(join(root, AGENT_CONFIG));
  const gone = await run('status');
  assert.match(gone.out, new RegExp(`^ {2}file ! missing {3}${AGENT_CONFIG}$`, 'm'));
  assert.match(gone.out, new RegExp(`- ${AGENT_CONFIG} is missing since the last apply; run apply to restore it`));
  assert.doesNotMatch(gone.out, /does not name/);
  assert.equal(JSON.parse((await run('status', '--json')).out).groups[0].files[0].state, 'missing');

  // Found by tags (no state file, so no recorded files): still "missing", once.
  const bare = await mkdtemp(join(fx.root, 'bare-'));
  const byTags = await runMain(['status', mission, '--root', bare], fx.sb.env);
  assert.match(byTags.out, new RegExp(`- ${AGENT_CONFIG} is missing: the agent has no config; run apply to write it`));
  assert.doesNotMatch(byTags.out, /does not name/);
});
