/**
 * Feedback on slow steps: on a terminal (stderr a TTY), `status --wait` shows the
 * endpoints it waits for and the time left, a lock wait says who holds the lock, and a
 * `status --wait` that gives up says so. Nothing of it on a pipe, with --json or --quiet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { Io } from '../../src/cli/io.ts';
import { createProgress, NO_PROGRESS } from '../../src/progress.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import { REPO, example, runMain } from '../helpers/cli.ts';

const fx = useSandbox('progress');
const mission = example('uplink-and-downlink.yaml');

/** main() with stderr a terminal (or not). */
async function runTty(argv: string[], errIsTTY: boolean) {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => {
      out += `${t}\n`;
    },
    err: (t) => {
      err += `${t}\n`;
    },
    env: fx.sb.env,
    isTTY: false,
    errIsTTY,
    cwd: REPO,
  };
  const code = await main([...argv, '--root', fx.root], io);
  return { code, out, err };
}

test('status --wait on a terminal: the endpoints waited for and the time left; then it says it gave up', async () => {
  assert.equal((await runMain(['apply', mission, '--root', fx.root, '--quiet'], fx.sb.env)).code, 0);
  const r = await runTty(['status', '--wait', '3'], true);
  assert.equal(r.code, 6);
  assert.match(
    r.err,
    /^… waiting for tt-and-c-cmd-uplink \(agent not registered, health \w+\), tt-and-c-tlm-downlink \(agent not registered, health \w+\); [1-3] s left \(--wait 3\)$/m,
  );
  assert.match(r.out, /^gave up waiting after 3 s \(--wait 3\): not every endpoint is ACTIVE and HEALTHY$/m);
});

test('no progress on a pipe, with --json or with --quiet; JSON says it gave up', async () => {
  const pipe = await runTty(['status', '--wait', '1'], false);
  assert.doesNotMatch(pipe.err, /…/);
  assert.match(pipe.out, /gave up waiting after 1 s/);
  const json = await runTty(['status', '--wait', '1', '--json'], true);
  assert.equal(json.err, '');
  const j = JSON.parse(json.out);
  assert.deepEqual([j.waitedSeconds, j.gaveUp], [1, true]);
  const quiet = await runTty(['status', '--wait', '1', '--quiet'], true);
  assert.equal(quiet.err, '');
});

test('a lock wait on a terminal names the holder and the time left', async () => {
  const lock = join(fx.root, 'run/lock/gs-agent-config.lock');
  await mkdir(join(fx.root, 'run/lock'), { recursive: true });
  await writeFile(lock, `${process.pid}\n`); // a live process holds it
  const r = await runTty(['apply', mission, '--lock-wait', '1'], true);
  assert.equal(r.code, 7);
  assert.match(
    r.err,
    new RegExp(
      `^… waiting for another gs-agent-config run \\(pid ${process.pid}\\) to release .*gs-agent-config\\.lock; 1 s left \\(--lock-wait\\)$`,
      'm',
    ),
  );
  const quiet = await runTty(['apply', mission, '--lock-wait', '1', '--json'], true);
  assert.doesNotMatch(quiet.err, /…/);
});

test('progress is a no-op without a sink; a state is printed once, not every poll', () => {
  const lines: string[] = [];
  NO_PROGRESS.line('nobody sees this');
  const progress = createProgress((l) => lines.push(l));
  progress.line('GetDataflowEndpointGroup: HTTP 503, retrying in 1 s (2/3)');
  progress.state('waiting for a', '3 s left');
  progress.state('waiting for a', '2 s left');
  progress.state('waiting for b', '1 s left');
  assert.equal(NO_PROGRESS.shown, false);
  assert.deepEqual(lines, [
    '… GetDataflowEndpointGroup: HTTP 503, retrying in 1 s (2/3)',
    '… waiting for a; 3 s left',
    '… waiting for b; 1 s left',
  ]);
});

test('AWS retries on a terminal: "<operation>: HTTP 503, retrying (2/3)"; none on a pipe', async () => {
  const root = join(fx.root, 'retries');
  const run = async (errIsTTY: boolean) => {
    let err = '';
    const io: Io = {
      out: () => {},
      err: (t) => {
        err += `${t}\n`;
      },
      env: fx.sb.env,
      isTTY: false,
      errIsTTY,
      cwd: REPO,
    };
    return { code: await main(['apply', mission, '--skip-ec2-checks', '--root', root], io), err };
  };
  fx.sb.injectFault({ action: 'groundstation:GetDataflowEndpointGroup', status: 503, code: 'ServiceUnavailableException', count: 2 });
  const tty = await run(true);
  assert.equal(tty.code, 0, tty.err);
  assert.match(tty.err, /^… GetDataflowEndpointGroup: HTTP 503 ServiceUnavailableException, retrying \(2\/3\)$/m);
  assert.match(tty.err, /^… GetDataflowEndpointGroup: HTTP 503 ServiceUnavailableException, retrying \(3\/3\)$/m);
  fx.sb.injectFault({ action: 'groundstation:GetDataflowEndpointGroup', status: 503, code: 'ServiceUnavailableException', count: 1 });
  const pipe = await run(false);
  assert.equal(pipe.code, 0, pipe.err);
  assert.doesNotMatch(pipe.err, /retrying/);
});
