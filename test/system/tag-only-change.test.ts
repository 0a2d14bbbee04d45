/**
 * A tag-only change keeps the group, and apply makes it in place; plan
 * and apply --dry-run say so (text and JSON) instead of a bare "keep", and change nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import { example, runMain } from '../helpers/cli.ts';

const fx = useSandbox('plan-tags');

test('plan and apply --dry-run show tag-only changes; apply then makes exactly those', async () => {
  const root = join(fx.root, 'root');
  const run = (...argv: string[]) => runMain([...argv, '--root', root], fx.sb.env);
  const first = await run('apply', example('wideband-downlink.yaml'), '--json');
  assert.equal(first.code, 0, first.err);
  const groupId = JSON.parse(first.out).dataflowEndpointGroupId as string;

  // Same mission, its tags changed: team edited, cost-center added.
  const edited = join(fx.root, 'retagged.yaml');
  const text = await readFile(example('wideband-downlink.yaml'), 'utf8');
  await writeFile(edited, text.replace('  team: flight-ops', '  team: ground-ops\n  cost-center: "4711"'));

  const from = fx.sb.actions.length;
  const plan = await run('plan', edited, '--json');
  assert.equal(plan.code, 0, plan.err);
  const p = JSON.parse(plan.out);
  assert.equal(p.action, 'keep');
  assert.deepEqual(p.tagsChanged, ['cost-center', 'team']);
  // Old → new, as Terraform shows a tag change.
  assert.deepEqual(p.tagChanges, [
    { key: 'cost-center', from: null, to: '4711' },
    { key: 'team', from: 'flight-ops', to: 'ground-ops' },
  ]);

  for (const argv of [
    ['plan', edited],
    ['apply', edited, '--dry-run'],
  ]) {
    const r = await run(...argv);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^ {2}group: keep the existing group/m);
    assert.match(r.out, /^ {2}tags: update in place \(2\): cost-center, team$/m, argv.join(' '));
    assert.match(r.out, /^ {4}\+ cost-center: \(none\) → "4711"$/m, argv.join(' '));
    assert.match(r.out, /^ {4}~ team: "flight-ops" → "ground-ops"$/m, argv.join(' '));
  }
  const planned = fx.sb.actions.slice(from);
  assert.ok(!planned.some((a) => /TagResource|UntagResource/.test(a)), `a dry run tagged: ${planned.join(', ')}`);
  assert.equal(fx.sb.groundStation.groups.get(groupId)?.tags.team, 'flight-ops');

  const applied = await run('apply', edited, '--json');
  assert.equal(applied.code, 0, applied.err);
  assert.deepEqual(JSON.parse(applied.out).tagsChanged, p.tagsChanged);
  assert.equal(fx.sb.groundStation.groups.get(groupId)?.tags.team, 'ground-ops');
  const after = JSON.parse((await run('plan', edited, '--json')).out);
  assert.deepEqual(after.tagsChanged, []);
});
