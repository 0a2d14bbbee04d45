/** A file's text, or null when it does not exist (any other error is thrown). */
import { readFile } from 'node:fs/promises';

export async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
