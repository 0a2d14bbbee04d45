/**
 * Bounded reads of small kernel and host files (/proc, /sys, rendered files): at most
 * `maxBytes`, whatever the file claims (procfs files report size 0 and may be endless), with
 * a failure turned into a one-line reason instead of an exception.
 */
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import type { Fact } from '../doctor/types.ts';

export const DEFAULT_MAX_BYTES = 64 * 1024;

/** Up to maxBytes of the file's start, as UTF-8. Throws the fs error. */
export function readBoundedSync(path: string, maxBytes = DEFAULT_MAX_BYTES): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(maxBytes);
    let total = 0;
    while (total < maxBytes) {
      const n = readSync(fd, buf, total, maxBytes - total, null);
      if (n === 0) break;
      total += n;
    }
    return buf.subarray(0, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

const why = (path: string, err: unknown) => `cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;

/** The file's text, or why it could not be read. */
export function readFact(path: string, maxBytes = DEFAULT_MAX_BYTES): Fact<string> {
  try {
    return { ok: true, value: readBoundedSync(path, maxBytes) };
  } catch (err) {
    return { ok: false, reason: why(path, err) };
  }
}

/** A directory's entries (sorted), or why it could not be listed; at most `max` entries. */
export function listFact(path: string, max = 4096): Fact<string[]> {
  try {
    return { ok: true, value: readdirSync(path).sort().slice(0, max) };
  } catch (err) {
    return { ok: false, reason: why(path, err) };
  }
}
