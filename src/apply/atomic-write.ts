/**
 * Atomic file replacement: write a temp file in the same directory, fsync it, set its mode
 * explicitly (umask must not decide), rename over the target, fsync the directory. A crash at
 * any point leaves either the old file or the new one, never a partial one.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, content: string | Buffer, mode: number): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const tmp = join(dir, `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const fh = await open(tmp, 'wx', mode);
    try {
      await fh.writeFile(content, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dir);
}

/**
 * writeFileAtomic, skipped when the file already holds exactly `content` with `mode`: a run
 * that changes nothing (every boot) writes and fsyncs nothing.
 */
export async function writeFileIfChanged(path: string, content: string, mode: number): Promise<boolean> {
  try {
    const [current, st] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    if (current === content && (st.mode & 0o7777) === mode) return false;
  } catch {
    // Missing or unreadable: write it.
  }
  await writeFileAtomic(path, content, mode);
  return true;
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
