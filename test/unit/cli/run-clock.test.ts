/** The run's deadline: --deadline as given, widened only by a wait the operator asked for. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runDeadlineFor } from '../../../src/cli/run-clock.ts';

test('--deadline as given; status --wait and --wait-for-contacts widen it by the wait plus a minute; sandbox has none', () => {
  const cases: Array<[string, Record<string, unknown>, number | undefined]> = [
    ['apply', { deadline: 3 }, 3],
    ['apply', { deadline: 3, waitForContacts: false, waitMax: 3600 }, 3],
    ['apply', { deadline: 240, waitForContacts: true, waitMax: 1800 }, 1860],
    ['status', { deadline: 240, wait: 600 }, 660],
    ['status', { deadline: 240, wait: 30 }, 240],
    ['sandbox', { deadline: 240 }, undefined],
  ];
  for (const [command, args, seconds] of cases) {
    assert.equal(runDeadlineFor(command, args)?.seconds, seconds, `${command} ${JSON.stringify(args)}`);
  }
});
