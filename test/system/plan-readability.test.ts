/**
 * The plan reads like Terraform's: a summary line at the end, "(known after
 * apply)" for the ARN of a group not made yet, a replace names the fields that force it,
 * endpoint columns aligned, the new-ARN note in --json too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import { example, runMain } from '../helpers/cli.ts';

const fx = useSandbox('plan-read');

test('create, then replace: summary, (known after apply), the fields forcing the replace, aligned columns', async () => {
  const root = join(fx.root, 'root');
  const run = (...argv: string[]) => runMain([...argv, '--root', root], fx.sb.env);
  const mission = example('uplink-and-downlink.yaml');

  const create = await run('plan', mission);
  assert.equal(create.code, 0, create.err);
  const lines = create.out.trimEnd().split('\n');
  assert.equal(lines.at(-1), 'Plan: group create; 3 files to change; 0 tags to update');
  assert.match(create.out, /"capabilities": \["\(known after apply\)"\]/);
  assert.doesNotMatch(create.out, /00000000-0000-0000-0000-000000000000/);
  // Endpoint rows: every column starts at the same offset.
  const rows = lines.filter((l) => /^ {4}tt-and-c-/.test(l));
  assert.equal(rows.length, 2);
  for (const col of ['agent ', /[←→]/]) {
    const at = rows.map((r) => r.search(typeof col === 'string' ? new RegExp(col) : col));
    assert.equal(new Set(at).size, 1, `column ${String(col)} not aligned:\n${rows.join('\n')}`);
  }
  assert.deepEqual(JSON.parse((await run('plan', mission, '--json')).out).summary, 'group create; 3 files to change; 0 tags to update');

  assert.equal((await run('apply', mission, '--quiet')).code, 0);
  const changed = join(fx.root, 'changed.yaml');
  const text = await readFile(mission, 'utf8');
  assert.match(text, /prePassSeconds: 60\b/);
  await writeFile(changed, text.replace('prePassSeconds: 60', 'prePassSeconds: 200'));
  const replace = await run('plan', changed);
  assert.equal(replace.code, 0, replace.err);
  assert.match(replace.out, /^ {2}replace forced by:\n {4}prePassSeconds: group has 60, planned 200$/m);
  assert.match(replace.out, /note: a replaced group gets a new ARN/);
  assert.match(replace.out, /\nPlan: group replace; \d files? to change; 0 tags to update\n?$/);
  const j = JSON.parse((await run('plan', changed, '--json')).out);
  assert.equal(j.action, 'replace');
  assert.deepEqual(j.replaceReasons, ['prePassSeconds: group has 60, planned 200']);
  assert.match(j.groupNote, /a replaced group gets a new ARN/);
  assert.equal(JSON.parse((await run('plan', mission, '--json')).out).groupNote, null);
});
