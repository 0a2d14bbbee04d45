/** Every paginated EC2 describe call is read to its end, or says why it could not be. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsCallError, TransientError } from '../../../../src/errors.ts';
import { describeAllPages, UnfinishedListingError } from '../../../../src/facts/ec2/ec2-pages.ts';

test('NextToken is followed to the last page; an empty token ends the listing', async () => {
  const asked: Array<string | undefined> = [];
  const pages: Record<string, { items: number[]; nextToken?: string }> = {
    '': { items: [1, 2], nextToken: 'p2' },
    p2: { items: [3], nextToken: 'p3' },
    p3: { items: [4], nextToken: '' },
  };
  const items = await describeAllPages('DescribeRouteTables', async (t) => {
    asked.push(t);
    return pages[t ?? ''];
  });
  assert.deepEqual(items, [1, 2, 3, 4]);
  assert.deepEqual(asked, [undefined, 'p2', 'p3']);
});

test('a token served twice: the listing cannot be finished (exit 5), and says so for a doctor check', async () => {
  const err = await describeAllPages('DescribeRouteTables', async () => ({ items: [1], nextToken: 'again' })).catch((e: unknown) => e);
  assert.ok(err instanceof UnfinishedListingError);
  assert.ok(err instanceof TransientError);
  assert.equal(
    err.reason,
    'EC2 DescribeRouteTables could not be read to its end (DescribeRouteTables served the same page token twice (after 2 pages): the listing never ends): not judged on part of the listing',
  );
});

test('endless distinct tokens stop at the page bound', async () => {
  let n = 0;
  const err = await describeAllPages('DescribeSecurityGroups', async () => ({ items: [], nextToken: `t${++n}` })).catch((e: unknown) => e);
  assert.ok(err instanceof UnfinishedListingError);
  assert.match(err.reason, /had more than 50 pages/);
});

test("a page that fails is that call's error, mapped (not an unfinished listing)", async () => {
  const denied = Object.assign(new Error('You are not authorized'), {
    name: 'UnauthorizedOperation',
    $fault: 'client',
    $metadata: { httpStatusCode: 403 },
  });
  const err = await describeAllPages('DescribeRouteTables', async (t) => {
    if (t) throw denied;
    return { items: [1], nextToken: 'p2' };
  }).catch((e: unknown) => e);
  assert.ok(err instanceof AwsCallError, String(err));
  assert.ok(!(err instanceof UnfinishedListingError));
});
