/**
 * Bounded reads of small kernel and host files (/proc, /sys, rendered files): at most
 * `maxBytes`, whatever the file claims (procfs files report size 0 and may be endless), with
 * a failure turned into a one-line reason instead of an exception.
 *
 * Never blocking: the file is opened with O_NONBLOCK and must be a regular file, as every
 * /proc and /sys file the tool reads is. A named pipe (opening one for reading waits for a
 * writer, and reading it waits for data), a device or a socket placed in a --sys-root or
 * --proc-root tree is refused by name, and a kernel file that would block answers EAGAIN,
 * which is refused too. Synchronous on purpose: the boot path reads ~1,700 sysfs files, and a
 * bounded sync read costs a tenth of a promise round trip through the thread pool (npm run bench).
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, type Stats } from 'node:fs';
import type { Fact } from '../types.ts';

export const DEFAULT_MAX_BYTES = 64 * 1024;

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

/** One buffer for every read: the reads are synchronous, so it is never shared (sysfs reads hundreds of files). */
let buffer = Buffer.allocUnsafe(0);

/** The file is not something the kernel's /proc or /sys serves: refused without reading it. */
export class NotRegularFileError extends Error {
  override readonly name = 'NotRegularFileError';
  readonly code = 'ENOTREG';
  constructor(
    readonly path: string,
    readonly kind: string,
  ) {
    super(`${path} is ${kind}, not a regular file`);
  }
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isDirectory()) return 'a directory';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads up to max + 1 bytes of a regular file into the shared buffer; returns the byte count.
 * Throws the fs error, or NotRegularFileError.
 *
 * The file's type is asked (fstat) only when the read looks unlike a sysfs file's: nothing read,
 * more than the cap, or an error (EISDIR, EAGAIN…). That is where a FIFO without a writer
 * (empty), a device (endless, or empty like /dev/null) or a directory lands; a small regular
 * file, ~1,700 of them on the boot path, costs no Stats object (npm run bench). Open and read
 * never block (O_NONBLOCK), whatever the file is.
 */
function readInto(path: string, maxBytes: number): number {
  if (buffer.length < maxBytes + 1) buffer = Buffer.allocUnsafe(maxBytes + 1);
  const fd = openSync(path, OPEN_FLAGS);
  try {
    let size = 0;
    try {
      for (let n; size <= maxBytes && (n = readSync(fd, buffer, size, maxBytes + 1 - size, null)) > 0;) size += n;
    } catch (err) {
      checkRegular(fd, path);
      throw err;
    }
    if (size === 0 || size > maxBytes) checkRegular(fd, path);
    return size;
  } finally {
    closeSync(fd);
  }
}

function checkRegular(fd: number, path: string): void {
  const st = fstatSync(fd);
  if (!st.isFile()) throw new NotRegularFileError(path, kindOf(st));
}

/**
 * The file's first maxBytes as UTF-8, and whether it holds more (one byte past the cap is
 * read to tell). Throws the fs error, or NotRegularFileError.
 */
export function readCappedSync(path: string, maxBytes = DEFAULT_MAX_BYTES): { text: string; over: boolean } {
  const size = readInto(path, maxBytes);
  return { text: buffer.toString('utf8', 0, Math.min(size, maxBytes)), over: size > maxBytes };
}

/** Up to maxBytes of the file's start, as UTF-8. Throws the fs error. */
export function readBoundedSync(path: string, maxBytes = DEFAULT_MAX_BYTES): string {
  return readCappedSync(path, maxBytes).text;
}

function why(path: string, err: unknown): string {
  if (err instanceof NotRegularFileError) return `${err.message}: refused (the kernel's files are regular files)`;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EAGAIN') return `${path} has nothing to read yet (it would block): refused`;
  return `cannot read ${path} (${code ?? (err as Error).message})`;
}

/** Why the bytes are not text (a NUL byte, or not UTF-8), or undefined when they are. */
function notText(bytes: Buffer): string | undefined {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return `a NUL byte at offset ${nul}`;
  return isUtf8(bytes) ? undefined : 'not UTF-8';
}

/**
 * The start of the file as text, up to maxBytes, and whether it was cut there (for a reader
 * that needs only the start, as /proc/cpuinfo's first processor block); or why it could not be
 * used: unreadable, not a regular file, or not text.
 */
export function readStartFact(path: string, maxBytes = DEFAULT_MAX_BYTES): Fact<{ text: string; cut: boolean }> {
  let size: number;
  try {
    size = readInto(path, maxBytes);
  } catch (err) {
    return { ok: false, reason: why(path, err) };
  }
  const cut = size > maxBytes;
  // A cut may split a character: only the whole characters before it are kept.
  const bytes = buffer.subarray(0, cut ? lastWholeChar(buffer.subarray(0, maxBytes)) : size);
  const binary = notText(bytes);
  if (binary) return { ok: false, reason: `${path} is not text (${binary})` };
  return { ok: true, value: { text: bytes.toString('utf8'), cut } };
}

/**
 * The whole file's text, or why it could not be used: unreadable, not a regular file, not
 * text, or longer than maxBytes ("cut at N bytes": what is judged must be the whole file).
 */
export function readFact(path: string, maxBytes = DEFAULT_MAX_BYTES): Fact<string> {
  const f = readStartFact(path, maxBytes);
  if (!f.ok) return f;
  if (f.value.cut) return { ok: false, reason: `${path} is cut at ${maxBytes} bytes (longer than the tool reads): not judged` };
  return { ok: true, value: f.value.text };
}

/** Where the last complete UTF-8 character of `bytes` ends. */
function lastWholeChar(bytes: Buffer): number {
  let i = bytes.length;
  // Step back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  while (i > 0 && i > bytes.length - 4 && (bytes[i - 1] & 0xc0) === 0x80) i--;
  if (i === 0) return bytes.length;
  const lead = bytes[i - 1];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - (i - 1) >= need ? bytes.length : i - 1;
}

/** A directory's entries (sorted), or why it could not be listed; at most `max` entries. */
export function listFact(path: string, max = 4096): Fact<string[]> {
  try {
    return { ok: true, value: readdirSync(path).sort().slice(0, max) };
  } catch (err) {
    return { ok: false, reason: why(path, err) };
  }
}
