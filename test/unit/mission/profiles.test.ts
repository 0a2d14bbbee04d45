/** Mission `profiles:`: schema (SafeName names, missionProfile NAME or ARN) and rules (listed dataflows exist, every dataflow in a profile). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMission } from '../../../src/mission/parse-mission.ts';
import { invalidOf } from './helpers.ts';

const TWO = `name: m
dataflows:
  - name: a
    direction: downlink
    deliverTo: 127.0.0.1:55000
  - name: b
    direction: downlink
    deliverTo: 127.0.0.1:55001
`;

test('profiles are normalised into the mission', () => {
  const arn = 'arn:aws:groundstation:us-east-2:123456789012:mission-profile/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  const m = parseMission(
    `${TWO}profiles:\n  - name: pa\n    dataflows: [a]\n    missionProfile: ${arn}\n  - name: pb\n    dataflows: [a, b]\n    missionProfile: my profile\n`,
    'm.yaml',
  );
  assert.deepEqual(m.profiles, [
    { name: 'pa', dataflows: ['a'], missionProfile: arn },
    { name: 'pb', dataflows: ['a', 'b'], missionProfile: 'my profile' },
  ]);
  assert.equal(parseMission(TWO, 'm.yaml').profiles, undefined);
});

test('a profile naming a dataflow the mission does not have', () => {
  const e = invalidOf(`${TWO}profiles:\n  - name: pa\n    dataflows: [a, b, c]\n`);
  assert.equal(e.details.length, 1);
  assert.match(
    e.details[0],
    /^m\.yaml:\d+: profiles\[0\]\.dataflows\[2\]: is not a dataflow of this mission \(got "c"\); use one of: a, b$/,
  );
});

test('once profiles are given every dataflow must be in one', () => {
  const e = invalidOf(`${TWO}profiles:\n  - name: pa\n    dataflows: [a]\n`);
  assert.equal(e.details.length, 1);
  assert.match(
    e.details[0],
    /^m\.yaml:6: dataflows\[1\]\.name: is in no profile: once profiles are given, every dataflow must run in at least one \(got "b"\)/,
  );
});

test('duplicate profile names, a name outside SafeName, an empty dataflow list, a bad missionProfile', () => {
  assert.match(
    invalidOf(`${TWO}profiles:\n  - name: p\n    dataflows: [a]\n  - name: p\n    dataflows: [b]\n`).details.join('\n'),
    /profiles\[1\]\.name: duplicate profile name, also used by profiles\[0\]/,
  );
  assert.match(invalidOf(`${TWO}profiles:\n  - name: "p/1"\n    dataflows: [a, b]\n`).details.join('\n'), /profiles\[0\]\.name/);
  assert.match(invalidOf(`${TWO}profiles:\n  - name: p\n    dataflows: []\n`).details.join('\n'), /profiles\[0\]\.dataflows/);
  assert.match(
    invalidOf(`${TWO}profiles:\n  - name: p\n    dataflows: [a, b]\n    missionProfile: "arn/bad"\n`).details.join('\n'),
    /profiles\[0\]\.missionProfile/,
  );
});
