import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endpointNameLength, validateRules } from '../../../src/mission/mission-rules.ts';
import type { MissionInput } from '../../../src/mission/validate-schema.ts';
import type { Mission } from '../../../src/types.ts';

// The schema caps both names at 64 characters, so only a direct call can exceed 256.
test('endpointNameLength: "<name>-<dataflow>" must fit SafeName (256)', () => {
  const long = 'x'.repeat(200);
  const mission = {
    name: long,
    dataflows: [{ name: long, direction: 'downlink', address: { host: '127.0.0.1', port: 55000 } }],
  } as unknown as Mission;
  const input = { name: long, dataflows: [{ name: long, direction: 'downlink' }] } as MissionInput;
  const [problem] = validateRules(mission, input, [endpointNameLength]);
  assert.deepEqual(problem.path, ['dataflows', 0, 'name']);
  assert.match(
    problem.message,
    /^makes the endpoint name "x{200}-x{200}" 401 characters long; Ground Station allows at most 256 \(got "x{78}…\); shorten name or dataflows\[0\]\.name$/,
  );
});
