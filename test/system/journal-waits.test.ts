/**
 * Long waits speak in journals: off a terminal (systemd, SSM), `status --wait`, a lock wait and
 * `fleet --wait` print one `gs-agent-config:` line when they start (what they wait for, how long
 * at most) and then one a minute, never the terminal's `…` lines; `--quiet` silences them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createProgress, JOURNAL_EVERY_MS } from '../../src/progress.ts';
import { example, runMain } from '../helpers/cli.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';

const fx = useSandbox('journal');
const mission = example('uplink-and-downlink.yaml');

test('journal progress: the first state at once, then at most one a minute; plain lines stay on the terminal', () => {
  let t = 0;
  const journal: string[] = [];
  const p = createProgress(
    undefined,
    () => t,
    (l) => journal.push(l),
  );
  p.line('GetDataflowEndpointGroup: HTTP 503, retrying (2/3)');
  p.state('waiting for a', '300 s left (--wait 300)');
  t += 10_000;
  p.state('waiting for b', '290 s left (--wait 300)');
  t += JOURNAL_EVERY_MS;
  p.state('waiting for b', '230 s left (--wait 300)');
  assert.equal(p.shown, false);
  assert.deepEqual(journal, ['waiting for a; 300 s left (--wait 300)', 'waiting for b; 230 s left (--wait 300)']);
});

test('status --wait and a lock wait on a pipe: one journal line each, naming what and for how long', async () => {
  assert.equal((await runMain(['apply', mission, '--root', fx.root, '--quiet'], fx.sb.env)).code, 0);
  const r = await runMain(['status', '--root', fx.root, '--wait', '2'], fx.sb.env);
  assert.equal(r.code, 6);
  const lines = r.err.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, r.err);
  assert.match(lines[0], /^gs-agent-config: waiting for tt-and-c-.*; [12] s left \(--wait 2\)$/);
  assert.equal((await runMain(['status', '--root', fx.root, '--wait', '1', '--quiet'], fx.sb.env)).err, '');

  const lock = join(fx.root, 'run/lock/gs-agent-config.lock');
  await mkdir(join(fx.root, 'run/lock'), { recursive: true });
  await writeFile(lock, `${process.pid}\n`);
  const locked = await runMain(['apply', mission, '--root', fx.root, '--lock-wait', '1'], fx.sb.env);
  assert.equal(locked.code, 7);
  assert.match(
    locked.err,
    new RegExp(`^gs-agent-config: waiting for another gs-agent-config run \\(pid ${process.pid}\\).*\\(--lock-wait\\)$`, 'm'),
  );
});

test('fleet --wait on a pipe: one line when it starts, with the time it waits at most', async () => {
  const r = await runMain(['fleet', '--wait', '1', '--json'], fx.sb.env);
  assert.equal(r.code, 6);
  assert.match(
    r.err,
    /^gs-agent-config: waiting up to 1 s \(until \d{4}-\d\d-\d\dT[\d:.]+Z\) for every host to be converged and healthy$/m,
  );
  assert.equal((JSON.parse(r.out) as { gaveUp: boolean }).gaveUp, true);
});
