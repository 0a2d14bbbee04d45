import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  countBlocks,
  describeRangeProblem,
  formatRange,
  parseRange,
  rangeContains,
  rangeSize,
  rangesOverlap,
  subtractRanges,
} from '../../../src/mission/port-ranges.ts';

test('parseRange / formatRange / rangeSize', () => {
  assert.deepEqual(parseRange('42000-42299'), { min: 42000, max: 42299 });
  assert.equal(formatRange({ min: 1, max: 2 }), '1-2');
  assert.equal(rangeSize(parseRange('42000-42299')), 300);
  assert.throws(() => parseRange('42000'), /expected "min-max"/);
});

test('describeRangeProblem', () => {
  assert.equal(describeRangeProblem({ min: 1, max: 65535 }), undefined);
  assert.equal(describeRangeProblem({ min: 0, max: 5 })?.what, 'ports must be between 1 and 65535');
  assert.equal(describeRangeProblem({ min: 9, max: 5 })?.what, 'the range runs backwards');
});

test('overlap and containment, both ends inclusive', () => {
  assert.ok(rangesOverlap({ min: 1, max: 10 }, { min: 10, max: 20 }));
  assert.ok(!rangesOverlap({ min: 1, max: 9 }, { min: 10, max: 20 }));
  assert.ok(rangeContains({ min: 1, max: 10 }, { min: 1, max: 10 }));
  assert.ok(!rangeContains({ min: 1, max: 10 }, { min: 5, max: 11 }));
});

test('subtractRanges and countBlocks', () => {
  const pool = { min: 100, max: 199 };
  assert.deepEqual(
    subtractRanges(pool, [
      { min: 120, max: 129 },
      { min: 50, max: 104 },
      { min: 190, max: 300 },
    ]),
    [
      { min: 105, max: 119 },
      { min: 130, max: 189 },
    ],
  );
  assert.deepEqual(subtractRanges(pool, []), [pool]);
  assert.equal(
    countBlocks(
      [
        { min: 105, max: 119 },
        { min: 130, max: 189 },
      ],
      30,
    ),
    2,
  );
});
