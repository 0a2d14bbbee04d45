import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
// @ts-expect-error: plain .mjs script without types
import { MISSION_REFERENCE_PAGE, missionReference } from '../../../scripts/mission-reference.mjs';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

test('the README starts with the two commands a new user types', () => {
  const block = readme.split('```')[1];
  assert.match(block, /^\s*npm ci && npm run demo\b/m);
  assert.match(block, /^npm test\b/m);
});

test('the mission reference (docs/reference/mission.md) is the one generated from the schema', () => {
  assert.equal(MISSION_REFERENCE_PAGE, 'docs/reference/mission.md');
  const page = readFileSync(new URL(`../../../${MISSION_REFERENCE_PAGE}`, import.meta.url), 'utf8');
  assert.ok(page.includes(missionReference()), 'run: npm run docs:mission');
});

test('.ci/run installs dependencies and runs the README test command', () => {
  const ci = readFileSync(new URL('../../../.ci/run', import.meta.url), 'utf8');
  assert.match(ci, /^npm ci\b/m);
  assert.match(ci, /^npm test$/m);
});
