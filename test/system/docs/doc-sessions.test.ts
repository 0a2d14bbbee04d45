/**
 * Every laptop session in the README, docs/ and the sandbox's spec (a fenced block whose
 * lines start with `$ `) works as pasted: its commands run in one bash, in order, from the
 * repository root, each line must succeed, and the output the block shows is printed, in
 * order (`…` = any text). Only the port changes (4566 may be taken: any free one instead,
 * and the shown output then matches any port); HOME and TMPDIR are private to the run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../../helpers/cli.ts';
import { docPages, firstMissingLine, sessions, type Session } from '../../helpers/markdown.ts';

const all = docPages().flatMap(sessions);
/** A session whose output ends like this serves until Ctrl-C: it gets one once that line is out. */
const SERVING = '# serving until Ctrl-C';
const TIMEOUT_MS = 120_000;

/** The session as one bash script: each pasted line, then a check that it succeeded; background jobs stopped at the end. */
function script(s: Session): string {
  const lines = s.commands.map(
    (c, i) => `${c.replaceAll('--port 4566', '--port 0')}
__status=$?; if [ "$__status" -ne 0 ]; then echo "docs session: command ${i + 1} exited $__status" >&2; exit "$__status"; fi`,
  );
  return `${lines.join('\n')}\nfor job in $(jobs -p); do kill "$job" 2>/dev/null; done\nwait\n`;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  interrupted: boolean;
}

function run(s: Session, dir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    // Its own process group, so that Ctrl-C (SIGINT to the group) and the timeout reach every process it started.
    const child = spawn('bash', ['-c', script(s)], {
      cwd: REPO,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: dir, TMPDIR: dir },
    });
    const r: Run = { code: null, signal: null, out: '', err: '', interrupted: false };
    const servesUntilCtrlC = s.output.at(-1) === SERVING;
    child.stdout.on('data', (d) => {
      r.out += d;
      if (servesUntilCtrlC && !r.interrupted && r.out.split('\n').includes(SERVING)) {
        r.interrupted = true;
        process.kill(-(child.pid as number), 'SIGINT');
      }
    });
    child.stderr.on('data', (d) => (r.err += d));
    const timer = setTimeout(() => process.kill(-(child.pid as number), 'SIGKILL'), TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ ...r, code, signal });
    });
  });
}

test('the pages hold laptop sessions: the README rehearsal, the doctor examples, the sandbox fault example', () => {
  const where = new Set(all.map((s) => s.page));
  for (const page of ['README.md', 'docs/operator/doctor.md', 'sandbox/README.md']) assert.ok(where.has(page), `no session in ${page}`);
  assert.ok(all.length >= 5, `${all.length} sessions`);
});

for (const s of all) {
  test(`${s.page}:${s.line}: \`${s.commands[0].slice(0, 70)}\` works as pasted and prints what the page shows`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gsac-docs-'));
    try {
      const r = await run(s, dir);
      const context = `exit ${r.code ?? r.signal}\n--- stdout\n${r.out}\n--- stderr\n${r.err}`;
      assert.equal(r.code, 0, context);
      assert.equal(r.interrupted, s.output.at(-1) === SERVING, context);
      // The page shows /tmp where this run has its private TMPDIR.
      const actual = r.out.replaceAll(dir, '/tmp').split('\n');
      const missing = firstMissingLine(s.output, actual, (part) => part.replaceAll('4566', '\\d+'));
      assert.equal(missing, undefined, `not printed (in order): ${missing}\n${context}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
