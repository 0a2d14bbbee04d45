import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectPages, uniqueById } from '../../../src/aws/paginate.ts';
import { TransientError } from '../../../src/errors.ts';

test('pages are followed to the end', async () => {
  const pages: Record<string, { items: number[]; nextToken?: string }> = {
    '': { items: [1, 2], nextToken: 'a' },
    a: { items: [3], nextToken: 'b' },
    b: { items: [4] },
  };
  assert.deepEqual(await collectPages('Op', async (t) => pages[t ?? '']), [1, 2, 3, 4]);
});

test('a token served twice is exit 5, naming the operation', async () => {
  await assert.rejects(
    collectPages('ListThings', async () => ({ items: [1], nextToken: 'same' })),
    (e: Error) => e instanceof TransientError && /ListThings served the same page token twice/.test(e.message),
  );
});

test('more pages than the bound is exit 5', async () => {
  let n = 0;
  await assert.rejects(
    collectPages('ListThings', async () => ({ items: [], nextToken: `t${n++}` }), 5),
    (e: Error) => e instanceof TransientError && /more than 5 pages/.test(e.message),
  );
  assert.equal(n, 5);
});

test('uniqueById keeps the first of each id', () => {
  assert.deepEqual(
    uniqueById([
      { id: 'a', v: 1 },
      { id: 'b', v: 2 },
      { id: 'a', v: 3 },
    ]),
    [
      { id: 'a', v: 1 },
      { id: 'b', v: 2 },
    ],
  );
});
