/** Shared by the mission tests: run parseMission and return the MissionInvalidError it throws. */
import assert from 'node:assert/strict';
import { MissionInvalidError } from '../../../src/errors.ts';
import { parseMission } from '../../../src/mission/parse-mission.ts';

export function invalidOf(text: string | Uint8Array, file = 'm.yaml'): MissionInvalidError {
  try {
    parseMission(text, file);
  } catch (e) {
    assert.ok(e instanceof MissionInvalidError, `expected MissionInvalidError, got ${String(e)}`);
    return e;
  }
  assert.fail('the mission was accepted');
}

/** A valid downlink mission; append or replace lines to break it. */
export const VALID = `name: m
dataflows:
  - name: d
    direction: downlink
    deliverTo: 127.0.0.1:55000
`;
