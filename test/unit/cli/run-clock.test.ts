/**
 * The run's deadline: --deadline as given, never raised; without it, the default, raised only
 * by a wait the operator asked for (the one rule, src/cli/run-clock.ts and the --deadline help).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runDeadlineFor } from '../../../src/cli/run-clock.ts';
import { DEFAULT_DEADLINE_SECONDS } from '../../../src/cli/conventions.ts';

test('a --deadline given is never raised; not given, the default grows to a longer wait plus a minute; sandbox has none', () => {
  const cases: Array<[string, Record<string, unknown>, number | undefined]> = [
    ['apply', { deadline: 3 }, 3],
    ['apply', { deadline: 3, waitForContacts: false, waitMax: 3600 }, 3],
    // Given: the wait is bounded by it (it ends 10 s before), not the other way round.
    ['apply', { deadline: 15, waitForContacts: true, waitMax: 1800 }, 15],
    ['apply', { deadline: 240, waitForContacts: true, waitMax: 1800 }, 240],
    ['status', { deadline: 240, wait: 600 }, 240],
    // Not given: the default, raised by a longer wait the operator asked for.
    ['apply', {}, DEFAULT_DEADLINE_SECONDS],
    ['apply', { waitForContacts: true, waitMax: 1800 }, 1860],
    ['apply', { waitForContacts: false, waitMax: 1800 }, DEFAULT_DEADLINE_SECONDS],
    ['status', { wait: 600 }, 660],
    ['status', { wait: 30 }, DEFAULT_DEADLINE_SECONDS],
    ['sandbox', { deadline: 240 }, undefined],
    ['sandbox', {}, undefined],
  ];
  for (const [command, args, seconds] of cases) {
    assert.equal(runDeadlineFor(command, args)?.seconds, seconds, `${command} ${JSON.stringify(args)}`);
  }
});
