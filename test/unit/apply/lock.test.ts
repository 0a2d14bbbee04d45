/** A lock whose holder is gone is taken over at once, even with no wait; a live holder is waited for. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { acquireLock } from '../../../src/apply/lock.ts';
import { LockedError } from '../../../src/errors.ts';

/** The pid of a process that has exited (so no live process has it, barring reuse). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

test('a stale lock (dead pid, empty file, garbage) is taken at once with --lock-wait 0', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gsac-lock-'));
  try {
    const path = join(dir, 'run/lock/gs-agent-config.lock');
    for (const left of [`${deadPid()}\n`, '', 'not a pid\n']) {
      const first = await acquireLock(path, 0);
      await first();
      await writeFile(path, left);
      if (left === '') await utimes(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      const t0 = Date.now();
      const release = await acquireLock(path, 0);
      assert.ok(Date.now() - t0 < 1000, 'taken at once');
      assert.equal((await readFile(path, 'utf8')).trim(), String(process.pid), JSON.stringify(left));
      await release();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a lock held by a live process is not taken: exit 7 naming its pid', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gsac-lock-'));
  try {
    const path = join(dir, 'lock');
    await writeFile(path, `${process.ppid}\n`);
    await assert.rejects(acquireLock(path, 0), (e: unknown) => e instanceof LockedError && e.message.includes(`pid ${process.ppid}`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
