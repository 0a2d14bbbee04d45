/**
 * Hostile input: any mission text gives either a valid plan or one MissionInvalidError /
 * HostFactsError (exit 2 / 3) — never another exception. Fixed seeds, so failures reproduce.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseMission } from '../../../src/mission/parse-mission.ts';
import { plan } from '../../../src/plan/plan.ts';
import { GsAgentConfigError } from '../../../src/errors.ts';
import { aHost } from '../../helpers/builders.ts';
import { example } from '../../helpers/cli.ts';

const host = aHost();
const base = JSON.parse(readFileSync(example('narrowband.json'), 'utf8'));

/** Runs the whole pure pipeline; returns the exit code it would end with. */
function outcome(text: string | Uint8Array): number {
  try {
    plan(parseMission(text, 'fuzz.yaml'), host);
    return 0;
  } catch (err) {
    if (!(err instanceof GsAgentConfigError)) throw err;
    assert.ok(err.exitCode === 2 || err.exitCode === 3, `exit ${err.exitCode}: ${err.message}`);
    assert.ok(err.message.length > 0 && !/\n\s+at /.test(err.message));
    return err.exitCode;
  }
}

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('$(reboot)', '`id`', 'a\'b"c', 'x\ny', '\u0000', '../../etc/passwd', 'a'.repeat(5000), '🛰️', '*alias', '&anchor x'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

test('random text never crashes the loader', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.uint8Array({ maxLength: 300 })), (t) => {
      outcome(t);
    }),
    { seed: 20261128, numRuns: 1500 },
  );
});

test('random YAML/JSON structures never crash the loader', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (v, asYaml) => {
      outcome(asYaml ? stringify(v) : JSON.stringify(v));
    }),
    { seed: 42, numRuns: 1000 },
  );
});

test('a valid mission with one field replaced by hostile values: a plan or one clean error', () => {
  const paths = [
    ['name'],
    ['contact', 'prePassSeconds'],
    ['agent', 'portPool'],
    ['agent', 'publicIp'],
    ['agent', 'cpuCores'],
    ['dataflows', 0, 'name'],
    ['dataflows', 0, 'deliverTo'],
    ['dataflows', 0, 'mtu'],
    ['dataflows', 0, 'bandwidthMHz'],
    ['tags', 'k'],
    ['dataflows', 0, 'agentPorts'],
  ];
  const seen = new Set<number>();
  fc.assert(
    fc.property(fc.constantFrom(...paths), nasty, fc.boolean(), (path, value, asYaml) => {
      const doc = structuredClone(base);
      let node = doc;
      for (const k of path.slice(0, -1)) node = node[k] ??= {};
      node[path[path.length - 1] as string] = value;
      seen.add(outcome(asYaml ? stringify(doc) : JSON.stringify(doc)));
    }),
    { seed: 7, numRuns: 1500 },
  );
  assert.deepEqual([...seen].sort(), [0, 2], 'the mutations reach both valid plans and rejections');
});

test('the unmodified base mission plans (the fuzzer starts from a valid input)', () => {
  assert.equal(outcome(JSON.stringify(base)), 0);
});
