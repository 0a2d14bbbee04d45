/**
 * Mission files: a `.json` mission is parsed as JSON (a trailing comma is an error with
 * line:column, as every JSON reader would say); `validate --json` names the fields as the file
 * does (deliverTo, localMtu), not by internal names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trailingCommaAt } from '../../src/mission/json-syntax.ts';
import { example, runMain } from '../helpers/cli.ts';

test('a .json mission with a trailing comma: exit 2 at its line:column; the same text as .yaml is accepted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gsac-json-'));
  try {
    const good = await readFile(example('narrowband.json'), 'utf8');
    const bad = good.replace('"bandwidthMHz": 20\n', '"bandwidthMHz": 20,\n');
    assert.notEqual(bad, good);
    const file = join(dir, 'm.json');
    await writeFile(file, bad);
    const r = await runMain(['validate', file]);
    assert.equal(r.code, 2);
    const line = bad.split('\n').findIndex((l) => l.includes('"bandwidthMHz": 20,')) + 1;
    const column = bad.split('\n')[line - 1].indexOf(',') + 1;
    assert.match(
      r.err,
      new RegExp(`^ {2}- ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:${column}: syntax error: trailing comma`, 'm'),
    );
    // Other JSON errors carry line:column too.
    await writeFile(file, good.replace('"name": "cubesat-narrowband",', '"name": "cubesat-narrowband"'));
    assert.match((await runMain(['validate', file])).err, /m\.json:4:3: syntax error: Expected ',' or '}' after property value/);
    // YAML (flow style) allows the comma: the extension decides.
    const yaml = join(dir, 'm.yaml');
    await writeFile(yaml, bad.replace('"$schema": "../../schemas/mission.schema.json",\n', ''));
    assert.equal((await runMain(['validate', yaml])).code, 0);
    assert.equal((await runMain(['validate', example('narrowband.json')])).code, 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('trailingCommaAt ignores commas inside strings', () => {
  assert.equal(trailingCommaAt('{"a": ", }"}'), undefined);
  assert.equal(trailingCommaAt('[1, 2, ]'), 5);
});

test('validate --json: the mission with the field names of the file', async () => {
  const r = await runMain(['validate', example('uplink-and-downlink.yaml'), '--json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.valid, true);
  const [up, down] = j.mission.dataflows;
  assert.equal(typeof down.deliverTo, 'string');
  assert.equal(typeof up.receiveFrom, 'string');
  const text = JSON.stringify(j.mission);
  for (const internal of ['addressMtu', '"address"', 'agentPortRange'])
    assert.ok(!text.includes(internal), `internal name ${internal} in ${text}`);
  assert.equal(down.localMtu, 1500);
});

test('schema and rule problems in one pass where the rules can still run (duplicate names, reserved tags)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gsac-onepass-'));
  try {
    const file = join(dir, 'm.yaml');
    await writeFile(
      file,
      [
        'name: x',
        'dataflows:',
        '  - name: a',
        '    direction: downlink',
        '    deliverTo: 127.0.0.1:55000',
        '    mtu: 9000',
        '  - name: a',
        '    direction: downlink',
        '    deliverTo: 127.0.0.1:55001',
        'tags:',
        '  "aws:x": y',
        '',
      ].join('\n'),
    );
    const r = await runMain(['validate', file]);
    assert.equal(r.code, 2);
    assert.match(r.err, /is invalid \(3 problems\)/);
    assert.match(r.err, /m\.yaml:6: dataflows\[0\]\.mtu: must be between 1400 and 1500/);
    assert.match(r.err, /m\.yaml:7: dataflows\[1\]\.name: duplicate dataflow name/);
    assert.match(r.err, /m\.yaml:11: tags\["aws:x"\]: tag keys starting with "aws:" are reserved/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
