/**
 * The "JSON output" table of docs/reference/cli.md is what the commands print: for each row,
 * the fields listed before the first `;` are exactly the top-level fields of a plain run, and
 * every field a variant adds (`status --all --wait`, `destroy` with nothing left) is named in it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BIN, REPO, example, runMain } from '../../helpers/cli.ts';
import { useSandbox } from '../../helpers/sandbox-fixture.ts';

const fx = useSandbox('cli-json');
const page = await readFile(join(REPO, 'docs/reference/cli.md'), 'utf8');
const section = page.slice(page.indexOf('## JSON output'), page.indexOf('\n## ', page.indexOf('## JSON output') + 1));

/** The row whose first cell starts with `first`, as [all of its field cell, the fields before its first `;`]. */
function row(first: string): { cell: string; base: string[] } {
  const line = section.split('\n').find((l) => l.startsWith(`| ${first}`));
  assert.ok(line, `no row for ${first} in docs/reference/cli.md "JSON output"`);
  const cell = line.split(' | ')[1];
  const base = [...cell.split(';')[0].matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]);
  return { cell, base };
}

async function json(argv: string[]): Promise<Record<string, unknown>> {
  const r = await runMain([...argv, '--json'], fx.sb.env);
  const out = JSON.parse(r.out) as Record<string, unknown>;
  assert.ok(r.code === 0 || 'error' in out || r.code === 6, `${argv.join(' ')}: exit ${r.code}\n${r.err}`);
  return out;
}

function assertRow(first: string, out: Record<string, unknown>, extra: string[] = []): void {
  const { cell, base } = row(first);
  assert.deepEqual(
    Object.keys(out).filter((k) => !extra.includes(k)),
    base,
    `${first}: the fields before ";"`,
  );
  for (const k of extra) {
    assert.ok(k in out, `${first}: the run did not print ${k}`);
    assert.ok(cell.includes(`\`${k}\``) || cell.includes(`\`${k}:`), `${first}: ${k} is printed but not named in its row`);
  }
}

test('validate, plan, apply --dry-run, apply, status, doctor, export, destroy print the fields their rows list', async () => {
  const mission = example('wideband-downlink.yaml');
  const root = ['--root', fx.root];
  assertRow('`validate`', await json(['validate', mission]));
  assertRow('`plan`', await json(['plan', mission, ...root]));
  assertRow('`plan`', await json(['apply', mission, '--dry-run', ...root]));
  assertRow('`apply`', await json(['apply', mission, ...root]));
  assertRow('`status`', await json(['status', ...root]));
  assertRow('`status`', await json(['status', ...root, '--all', '--wait', '1']), ['orphans', 'orphansUnknown', 'waitedSeconds', 'gaveUp']);
  assertRow('`doctor`', await json(['doctor', mission, ...root]));
  assertRow('`export`', await json(['export', mission]));
  assertRow('`destroy`', await json(['destroy', ...root, '--yes']));
  assertRow('`destroy`', await json(['destroy', ...root, '--yes']), ['nothingToDestroy']);
});

test('check-template, a failing command, and facts and iam-policy (JSON with or without --json)', async () => {
  assertRow('`check-template`', await json(['check-template', join(REPO, 'examples/cloudformation/agent-host.yaml')]));
  assertRow('any command that fails', await json(['validate', join(REPO, 'no-such-mission.yaml')]));
  for (const command of ['facts', 'iam-policy']) {
    assert.match(row(`\`${command}\``).cell, /always JSON, with or without `--json`|\(always JSON\)/);
    const r = await runMain([command], fx.sb.env);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), await json([command]));
  }
});

test('demo and sandbox print the fields their rows list', async () => {
  assertRow('`demo`', await json(['demo']));
  const child = spawn(process.execPath, [BIN, 'sandbox', '--json'], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.on('error', reject);
    child.stdout.on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) resolve(buf.slice(0, buf.indexOf('\n')));
    });
  });
  const closed = new Promise((resolve) => child.on('close', resolve));
  child.kill('SIGTERM');
  await closed;
  assertRow('`sandbox`', JSON.parse(first));
});
