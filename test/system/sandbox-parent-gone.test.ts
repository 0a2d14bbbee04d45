/**
 * A sandbox whose parent process is gone stops: started through npm (`npm exec
 * gs-agent-config sandbox`, as `npx` does) and npm is stopped (SIGTERM, or SIGKILL, which npm
 * cannot pass on: its `sh -c` child stays and waits), or started by a shell that is killed. The
 * orphan notices (src/cli/commands/sandbox.ts, parentWatch) and ends: its port closes, its /sys
 * tree goes. Bounded waits only; how fast it stops is npm run bench's figure.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN } from '../helpers/cli.ts';

/** A project that depends on the tool, as an npm install makes it: node_modules/.bin/gs-agent-config. */
let project: string;
before(async () => {
  project = await mkdtemp(join(tmpdir(), 'gsac-npm-project-'));
  await writeFile(join(project, 'package.json'), '{ "name": "uses-gs-agent-config", "private": true }\n');
  await mkdir(join(project, 'node_modules', '.bin'), { recursive: true });
  await symlink(BIN, join(project, 'node_modules', '.bin', 'gs-agent-config'));
});
after(async () => {
  await rm(project, { recursive: true, force: true });
});

/** `pid (comm) state ppid …` of a live process; undefined once it is gone or a zombie. */
function stat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const [state, ppid] = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return state === 'Z' ? undefined : { state: state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** The descendants of pid, from /proc. */
function descendants(pid: number): number[] {
  const children = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((p) => stat(p)?.ppid === pid);
  return children.flatMap((c) => [c, ...descendants(c)]);
}

interface Started {
  child: ChildProcess;
  sandboxPid: number;
  url: string;
  sysRoot: string;
}

/** Starts `file args`, waits (bounded) for the sandbox's JSON line, finds the sandbox process. */
function start(file: string, args: string[], cwd: string): Promise<Started> {
  const child = spawn(file, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      for (const p of descendants(child.pid!)) process.kill(p, 'SIGKILL');
      child.kill('SIGKILL');
      reject(new Error(`the sandbox did not start within 90 s: ${err}`));
    }, 90_000);
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl === -1) return;
      clearTimeout(timer);
      const { url, env } = JSON.parse(out.slice(0, nl)) as { url: string; env: Record<string, string> };
      const node = descendants(child.pid!).filter((p) => readFileSync(`/proc/${p}/cmdline`, 'latin1').includes('sandbox'));
      resolve({ child, sandboxPid: node.at(-1)!, url, sysRoot: env.GS_AGENT_CONFIG_SYS_ROOT });
    });
  });
}

/** Waits up to 15 s for the sandbox process to end; kills it (and fails) if it does not. */
async function stops(s: Started): Promise<void> {
  for (let i = 0; i < 150 && stat(s.sandboxPid); i++) await sleep(100);
  const alive = stat(s.sandboxPid) !== undefined;
  if (alive) process.kill(s.sandboxPid, 'SIGKILL');
  assert.equal(alive, false, 'the orphaned sandbox still runs 15 s after its parent went');
  await assert.rejects(fetch(s.url), 'its port is closed');
  for (let i = 0; i < 100 && existsSync(s.sysRoot); i++) await sleep(100);
  assert.equal(existsSync(s.sysRoot), false, 'its /sys tree is removed');
}

for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
  test(`npm exec gs-agent-config sandbox, npm sent ${signal}: the sandbox stops`, async () => {
    const s = await start('npm', ['exec', '--no', '--', 'gs-agent-config', 'sandbox', '--json'], project);
    assert.ok(s.sandboxPid !== s.child.pid, 'the sandbox runs under npm, not as npm');
    assert.ok((await fetch(s.url)).status > 0, 'it serves');
    s.child.kill(signal);
    await stops(s);
  });
}

test('started by a shell that is killed: the sandbox stops', async () => {
  // `; :` keeps sh from exec-ing node: the sandbox's parent is the shell.
  const s = await start('sh', ['-c', `"${process.execPath}" "${BIN}" sandbox --json; :`], project);
  assert.equal(stat(s.sandboxPid)?.ppid, s.child.pid);
  s.child.kill('SIGKILL');
  await stops(s);
});
