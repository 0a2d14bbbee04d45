/**
 * Bounded reads never block and never judge half a file: a named pipe, a device or a
 * directory is refused by name at once; a file past its cap is "cut at N bytes"; bytes that
 * are not text are "not text". Real files in a temp tree, and a real FIFO.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotRegularFileError, readCappedSync, readFact, readStartFact } from '../../../../src/facts/linux/bounded-read.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gsac-bounded-read-'));
  execFileSync('mkfifo', [join(dir, 'fifo')]);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a named pipe is refused at once (opening one for reading would wait for a writer)', () => {
  const path = join(dir, 'fifo');
  const t0 = performance.now();
  assert.deepEqual(readFact(path), {
    ok: false,
    reason: `${path} is a named pipe (FIFO), not a regular file: refused (the kernel's files are regular files)`,
  });
  assert.throws(() => readCappedSync(path), NotRegularFileError);
  assert.ok(performance.now() - t0 < 500);
});

test('a device and a directory are refused by name too', () => {
  assert.match((readFact('/dev/zero') as { reason: string }).reason, /^\/dev\/zero is a character device, not a regular file/);
  assert.match((readFact(dir) as { reason: string }).reason, /is a directory, not a regular file/);
});

test('a missing file is the errno', () => {
  const path = join(dir, 'missing');
  assert.deepEqual(readFact(path), { ok: false, reason: `cannot read ${path} (ENOENT)` });
});

test('past the cap: "cut at N bytes", never half a file as the value', async () => {
  const path = join(dir, 'long');
  await writeFile(path, 'a'.repeat(5000));
  assert.deepEqual(readFact(path, 4096), { ok: false, reason: `${path} is cut at 4096 bytes (longer than the tool reads): not judged` });
  assert.deepEqual(readFact(path, 5000), { ok: true, value: 'a'.repeat(5000) });
  // A reader that needs only the start gets it, marked.
  const start = readStartFact(path, 10);
  assert.deepEqual(start, { ok: true, value: { text: 'a'.repeat(10), cut: true } });
});

test('a cut in the middle of a character keeps the whole characters before it', async () => {
  const path = join(dir, 'utf8');
  await writeFile(path, 'ab€€');
  assert.deepEqual(readStartFact(path, 4), { ok: true, value: { text: 'ab', cut: true } });
  assert.deepEqual(readStartFact(path, 5), { ok: true, value: { text: 'ab€', cut: true } });
});

test('NUL bytes or bytes that are not UTF-8: "not text"', async () => {
  const nul = join(dir, 'nul');
  await writeFile(nul, Buffer.from('ro\0quiet\n'));
  assert.deepEqual(readFact(nul), { ok: false, reason: `${nul} is not text (a NUL byte at offset 2)` });
  const latin = join(dir, 'latin1');
  await writeFile(latin, Buffer.from([0x72, 0x6f, 0xff, 0xfe, 0x0a]));
  assert.deepEqual(readFact(latin), { ok: false, reason: `${latin} is not text (not UTF-8)` });
});

test('a real kernel file reads as before', () => {
  const f = readFact('/proc/self/stat', 4096);
  assert.equal(f.ok, true);
});
