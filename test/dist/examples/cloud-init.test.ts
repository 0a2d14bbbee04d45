/**
 * examples/cloud-init/user-data.yaml: valid for cloud-init's own schema check (mandatory:
 * .ci/run installs cloud-init), and what it writes and runs agrees with the unit, the mission
 * rules and the installed path.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO, runMain } from '../../helpers/cli.ts';
import { cloudInitSchema } from './cloud-init-schema.ts';

interface UserData {
  packages: string[];
  write_files: Array<{ path: string; content: string; permissions: string; owner: string }>;
  runcmd: unknown[];
}

const USER_DATA = join(REPO, 'examples/cloud-init/user-data.yaml');
let text: string;
let doc: UserData;
before(async () => {
  text = await readFile(USER_DATA, 'utf8');
  doc = parse(text);
});

const file = (path: string) => {
  const f = doc.write_files.find((w) => w.path === path);
  assert.ok(f, `write_files has no ${path}`);
  return f;
};

test('cloud-init schema --config-file accepts it', async () => {
  const r = await cloudInitSchema(text);
  assert.equal(r.code, 0, r.output);
  assert.match(r.output, /Valid cloud-config/);
});

test('the schema check is real: a malformed runcmd and write_files are refused', async () => {
  const r = await cloudInitSchema(text.replace(/^runcmd:/m, 'runcmd: 3\nunused:'));
  assert.notEqual(r.code, 0);
  assert.match(r.output, /runcmd: 3 is not of type 'array'/);
  const w = await cloudInitSchema(text.replace("permissions: '0644'", 'permissions: [0644]'));
  assert.notEqual(w.code, 0);
});

test('writes the unit byte for byte as examples/systemd ships it', async () => {
  const unit = file('/etc/systemd/system/gs-agent-config.service');
  assert.equal(unit.content, await readFile(join(REPO, 'examples/systemd/gs-agent-config.service'), 'utf8'));
  assert.deepEqual([unit.permissions, unit.owner], ['0644', 'root:root']);
});

test('writes a mission the real validate accepts, with nothing host-specific in it (all auto)', async () => {
  const mission = file('/etc/gs-agent-config/mission.yaml');
  assert.deepEqual([mission.permissions, mission.owner], ['0644', 'root:root']);
  assert.doesNotMatch(mission.content, /\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b(?!:)/, 'no hard-coded IP (only host:port addresses)');
  const dir = await mkdtemp(join(tmpdir(), 'gsac-ud-'));
  try {
    await writeFile(join(dir, 'mission.yaml'), mission.content);
    const r = await runMain(['validate', join(dir, 'mission.yaml')]);
    assert.equal(r.code, 0, r.err);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('installs Node 20 and the tool at the path the unit runs, enables the unit, runs apply through it, starts the agent', () => {
  assert.deepEqual(doc.packages, ['nodejs20']);
  // List form only: no command goes through a shell.
  for (const c of doc.runcmd) assert.ok(Array.isArray(c) && c.every((a) => typeof a === 'string'), JSON.stringify(c));
  const cmds = (doc.runcmd as string[][]).map((c) => c.join(' '));
  const at = (needle: string) => {
    const i = cmds.findIndex((c) => c.startsWith(needle));
    assert.ok(i >= 0, `runcmd has no "${needle}"`);
    return i;
  };
  const link = at('ln -sfn /usr/local/lib/gs-agent-config/gs-agent-config.cjs /usr/local/bin/gs-agent-config');
  assert.ok(at('aws s3 cp --only-show-errors s3://') < link);
  const enable = at('systemctl enable gs-agent-config.service aws-groundstation-agent.service');
  const start = at('systemctl start gs-agent-config.service');
  assert.ok(link < at('systemctl daemon-reload') && at('systemctl daemon-reload') < enable && enable < start);
  assert.ok(start < at('systemctl start aws-groundstation-agent.service'));
});
