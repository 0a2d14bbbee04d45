/**
 * Bounded reads of small kernel and host files (/proc, /sys, rendered files): at most
 * `maxBytes`, whatever the file claims (procfs files report size 0 and may be endless), with
 * a failure turned into a one-line reason instead of an exception.
 */
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import type { Fact } from '../types.ts';

export const DEFAULT_MAX_BYTES = 64 * 1024;

/** One buffer for every read: the reads are synchronous, so it is never shared (sysfs reads hundreds of files). */
let buffer = Buffer.allocUnsafe(0);

/**
 * The file's first maxBytes as UTF-8, and whether it holds more (one byte past the cap is
 * read to tell). Throws the fs error.
 */
export function readCappedSync(path: string, maxBytes = DEFAULT_MAX_BYTES): { text: string; over: boolean } {
  if (buffer.length < maxBytes + 1) buffer = Buffer.allocUnsafe(maxBytes + 1);
  const fd = openSync(path, 'r');
  try {
    let size = 0;
    for (let n; size <= maxBytes && (n = readSync(fd, buffer, size, maxBytes + 1 - size, null)) > 0;) size += n;
    return { text: buffer.toString('utf8', 0, Math.min(size, maxBytes)), over: size > maxBytes };
  } finally {
    closeSync(fd);
  }
}

/** Up to maxBytes of the file's start, as UTF-8. Throws the fs error. */
export function readBoundedSync(path: string, maxBytes = DEFAULT_MAX_BYTES): string {
  return readCappedSync(path, maxBytes).text;
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
