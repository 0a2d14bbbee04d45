/** AWS's clock for the run: the host's wall clock, corrected by the Date header of AWS's answers past the tolerance. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAwsClock, parseDateHeader, SKEW_TOLERANCE_MS } from '../../src/aws-clock.ts';
import { createRunContext } from '../../src/run-context.ts';

const AWS = Date.UTC(2026, 4, 23, 10, 0, 0);
const header = (ms: number) => new Date(ms).toUTCString();

test('a host an hour ahead: now() is AWS time after one answer, host() stays the host', () => {
  const clock = createAwsClock(() => AWS + 3_600_000);
  assert.equal(clock.now(), AWS + 3_600_000, 'the host clock until measured');
  clock.observe(header(AWS));
  assert.equal(clock.skewMs(), -3_600_000 + 500);
  assert.equal(clock.now(), AWS + 500);
  assert.equal(clock.host(), AWS + 3_600_000);
});

test('within the tolerance the host clock is kept as it is (the header has whole seconds and the network its latency)', () => {
  const clock = createAwsClock(() => AWS + SKEW_TOLERANCE_MS - 1_000);
  clock.observe(header(AWS));
  assert.equal(clock.skewMs(), 0);
  assert.equal(clock.now(), AWS + SKEW_TOLERANCE_MS - 1_000);
});

test('the latest answer wins: a clock synced during the run is corrected back', () => {
  let host = AWS - 600_000;
  const clock = createAwsClock(() => host);
  clock.observe(header(AWS));
  assert.equal(clock.skewMs(), 600_500);
  host = AWS;
  clock.observe(header(AWS));
  assert.equal(clock.skewMs(), 0);
});

test('anything but an IMF-fixdate Date header is ignored', () => {
  for (const bad of [
    undefined,
    '',
    'yesterday',
    '2026-05-23T10:00:00Z',
    1_700_000_000,
    ['Sat, 23 May 2026 10:00:00 GMT'],
    'Sat, 23 May 2026 10:00:00 GMT\r\nX: y',
  ]) {
    assert.equal(parseDateHeader(bad), undefined, String(bad));
    const clock = createAwsClock(() => AWS + 3_600_000);
    clock.observe(bad);
    assert.equal(clock.skewMs(), 0);
  }
  assert.equal(parseDateHeader('Sat, 23 May 2026 10:00:00 GMT'), AWS);
});

test('the run context carries one AWS clock on its wall clock', () => {
  const run = createRunContext({ wallClock: () => AWS + 7_200_000 });
  run.awsClock.observe(header(AWS));
  assert.equal(run.awsClock.now(), AWS + 500);
  assert.equal(run.wallClock(), AWS + 7_200_000);
});
