/**
 * Serialises runs (cloud-init and an operator at once): an exclusive lock file holding the
 * owner's pid. A lock left by a dead process is taken over; a live one is waited for, up to
 * a bound, then the run stops with exit 7.
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LockedError } from '../errors.ts';
import { NO_PROGRESS, type Progress } from '../progress.ts';
import { monotonicNow } from '../run-deadline.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryTake(path: string): Promise<boolean> {
  try {
    const fh = await open(path, 'wx', 0o644);
    await fh.writeFile(`${process.pid}\n`);
    await fh.close();
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return false;
    await rm(path, { force: true }); // stale: its owner is gone
    return false;
  }
}

export interface LockWait {
  /** Where the wait is shown (who holds the lock, the time left). */
  progress?: Progress;
  sleepMs?: number;
}

export async function acquireLock(path: string, waitMs: number, o: LockWait = {}): Promise<() => Promise<void>> {
  const progress = o.progress ?? NO_PROGRESS;
  await mkdir(dirname(path), { recursive: true, mode: 0o755 });
  const deadline = monotonicNow() + waitMs;
  for (;;) {
    if (await tryTake(path)) return () => rm(path, { force: true });
    if (monotonicNow() >= deadline) {
      const holder = (await readFile(path, 'utf8').catch(() => '?')).trim();
      throw new LockedError(`another gs-agent-config run (pid ${holder}) holds ${path}`, [
        `waited ${Math.round(waitMs / 1000)} s; re-run when it has finished, or raise --lock-wait`,
      ]);
    }
    // On a terminal a countdown; off one (a journal) the first line and one a minute (src/progress.ts).
    {
      const holder = (await readFile(path, 'utf8').catch(() => '?')).trim();
      progress.state(
        `waiting for another gs-agent-config run (pid ${holder}) to release ${path}`,
        `${Math.ceil((deadline - monotonicNow()) / 1000)} s left (--lock-wait)`,
      );
    }
    await new Promise((r) => setTimeout(r, o.sleepMs ?? 200));
  }
}
