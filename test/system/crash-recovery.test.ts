/**
 * kill -9 at the dangerous steps of apply, then a plain re-run: exactly one group owned by the
 * host, files consistent with it, no temp file left. The sandbox holds the request of the step
 * and the test SIGKILLs the real child process while it waits for the answer.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import { BIN, REPO, example, runBin } from '../helpers/cli.ts';

let sb: Sandbox;
before(async () => {
  sb = await startSandbox();
});
after(async () => {
  await sb.close();
});

function spawnApply(mission: string, root: string): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, 'apply', mission, '--root', root], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', ...sb.env },
    stdio: 'ignore',
  });
  return { child, exited: new Promise((r) => child.on('exit', (code) => r(code))) };
}

/** Kills the child when the sandbox receives `action` (after `afterAction` was seen, if given). */
async function applyKilledAt(mission: string, root: string, action: string, afterAction?: string): Promise<void> {
  const { child, exited } = spawnApply(mission, root);
  let armed = !afterAction;
  let killed = false;
  sb.beforeAction = async (a) => {
    if (a === afterAction) armed = true;
    else if (armed && !killed && a === action) {
      killed = true;
      child.kill('SIGKILL');
      await exited;
    }
  };
  await exited;
  sb.beforeAction = undefined;
  assert.ok(killed, `the child was never killed at ${action}`);
}

async function tempFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.name.includes('.tmp-')) out.push(e.name);
  return out;
}

async function assertConverged(mission: string, root: string): Promise<void> {
  const r = await runBin(['apply', mission, '--root', root, '--json'], sb.env);
  assert.equal(r.code, 0, r.err);
  const rep = JSON.parse(r.out);
  const owned = [...sb.groundStation.groups.keys()];
  assert.deepEqual(owned, [rep.dataflowEndpointGroupId], 'exactly one group, the one the files name');
  const config = JSON.parse(await readFile(join(root, 'opt/aws/groundstation/etc/aws-gs-agent-config.json'), 'utf8'));
  assert.deepEqual(config.capabilities, [rep.dataflowEndpointGroupArn]);
  const state = JSON.parse(await readFile(join(root, 'var/lib/gs-agent-config/state.json'), 'utf8'));
  assert.equal(state.groupId, rep.dataflowEndpointGroupId);
  assert.deepEqual(state.retiring, []);
  assert.deepEqual(await tempFiles(root), []);
}

test('killed right after the create returned (nothing recorded yet), then re-run', async () => {
  const root = await mkdtemp(join(tmpdir(), 'gsac-crash-'));
  try {
    await applyKilledAt(
      example('wideband-downlink.yaml'),
      root,
      'groundstation:GetDataflowEndpointGroup',
      'groundstation:CreateDataflowEndpointGroupV2',
    );
    assert.equal(sb.groundStation.groups.size, 1, 'the group was made before the kill');
    await assertConverged(example('wideband-downlink.yaml'), root);
  } finally {
    for (const id of sb.groundStation.groups.keys()) sb.groundStation.groups.delete(id);
    await rm(root, { recursive: true, force: true });
  }
});

const replaceKills: Array<[string, string, string | undefined, number]> = [
  ['before the old group is deleted (files already switched)', 'groundstation:DeleteDataflowEndpointGroup', undefined, 55030],
  ['right after the new group was created', 'groundstation:GetDataflowEndpointGroup', 'groundstation:CreateDataflowEndpointGroupV2', 55040],
];
for (const [when, action, afterAction, port] of replaceKills) {
  test(`replace killed ${when}, then re-run`, async () => {
    const root = await mkdtemp(join(tmpdir(), 'gsac-crash-'));
    const changed = join(root, 'changed.yaml');
    try {
      assert.equal((await runBin(['apply', example('wideband-downlink.yaml'), '--root', root], sb.env)).code, 0);
      await writeFile(
        changed,
        (await readFile(example('wideband-downlink.yaml'), 'utf8')).replace('deliverTo: 127.0.0.1:55000', `deliverTo: 127.0.0.1:${port}`),
      );
      await applyKilledAt(changed, root, action, afterAction);
      assert.equal(sb.groundStation.groups.size, 2, 'old and new both exist at the kill');
      await assertConverged(changed, root);
    } finally {
      for (const id of sb.groundStation.groups.keys()) sb.groundStation.groups.delete(id);
      await rm(root, { recursive: true, force: true });
    }
  });
}
