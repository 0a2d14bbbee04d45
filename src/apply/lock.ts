/**
 * Serialises runs (cloud-init and an operator at once): an exclusive lock file holding the
 * owner's pid. A lock left by a dead process is taken over at once (even with --lock-wait 0); a
 * live one is waited for, up to a bound, then the run stops with exit 7.
 */
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
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

/** How long a lock file without a pid counts as being written by a run that just created it. */
const EMPTY_LOCK_GRACE_MS = 2000;

/**
 * `taken`, `held` (by a live run), or `stale`: the owner is gone and its file was removed, so the
 * caller tries again at once (no wait, whatever --lock-wait says). The file is removed only if it
 * still names the dead owner, so a run that took the lock meanwhile keeps it.
 */
async function tryTake(path: string): Promise<'taken' | 'held' | 'stale'> {
  try {
    const fh = await open(path, 'wx', 0o644);
    await fh.writeFile(`${process.pid}\n`);
    await fh.close();
    return 'taken';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const text = await readFile(path, 'utf8').catch(() => '');
    const pid = Number(text.trim());
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return 'held';
    // No pid yet: a run that has just created the file is writing it; only an old empty file is stale.
    if (text.trim() === '' && Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? 0) < EMPTY_LOCK_GRACE_MS) return 'held';
    // Its owner is gone: take it over.
    if ((await readFile(path, 'utf8').catch(() => undefined)) === text) await rm(path, { force: true });
    return 'stale';
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
  for (let stale = 0; ;) {
    const got = await tryTake(path);
    if (got === 'taken') return () => rm(path, { force: true });
    // A lock left by a killed run is taken over at once; a few in a row means runs racing for it: wait as for a live one.
    if (got === 'stale' && ++stale <= 3) continue;
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
