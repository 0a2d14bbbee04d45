/** Issue 20: keys of the agent config on disk that the tool does not write are kept, named, and only those pass the schema. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keptKeysOf, keptKeysWarning } from '../../../src/apply/kept-agent-keys.ts';
import { renderAgentConfig } from '../../../src/render/render-files.ts';
import { InternalError } from '../../../src/errors.ts';
import type { Plan } from '../../../src/types.ts';

const ARN = 'arn:aws:groundstation:us-east-2:123456789012:dataflow-endpoint-group/0a1b2c3d-0000-4000-8000-000000000001';
const plan = {
  device: { privateIps: ['127.0.0.1'], publicIps: ['203.0.113.10'], agentCpuCores: [24, 25, 72, 73], networkAdapters: ['eth0'] },
} as unknown as Plan;

test('unknown keys (top level and device) are found with their values; known ones are not', () => {
  const found = keptKeysOf(
    JSON.stringify({ capabilities: [ARN], device: { privateIps: ['10.0.0.1'], publicIps: [], futureOption: { a: 1 } }, logLevel: 'debug' }),
  );
  assert.deepEqual(found.names, ['logLevel', 'device.futureOption']);
  assert.deepEqual(found.kept, { top: { logLevel: 'debug' }, device: { futureOption: { a: 1 } } });
  assert.match(keptKeysWarning(found)!, /holds logLevel, device\.futureOption, which this tool does not write: kept/);
  assert.equal(keptKeysWarning(keptKeysOf(JSON.stringify({ capabilities: [], device: {} }))), undefined);
  assert.deepEqual(keptKeysOf('not json').names, []);
  assert.deepEqual(keptKeysOf('[1]').names, []);
});

test('key names that are not config keys, or too many, are refused and said (nothing kept)', () => {
  const esc = keptKeysOf(JSON.stringify({ device: {}, 'x\u001b[31m': 1 }));
  assert.deepEqual(esc.names, []);
  assert.match(keptKeysWarning(esc)!, /not a config key's name/);
  const many = keptKeysOf(JSON.stringify(Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${i}`, i]))));
  assert.match(keptKeysWarning(many)!, /25 keys the tool does not know \(more than 20\)/);
});

test('the rendered config keeps the found keys after its own, and the default privateIps', () => {
  const plain = JSON.parse(renderAgentConfig(plan, ARN).content);
  assert.deepEqual(plain.device.privateIps, ['127.0.0.1']);
  const kept = JSON.parse(renderAgentConfig(plan, ARN, { top: { logLevel: 'debug' }, device: { futureOption: true } }).content);
  assert.deepEqual(Object.keys(kept), ['capabilities', 'device', 'logLevel']);
  assert.deepEqual(Object.keys(kept.device), ['privateIps', 'publicIps', 'agentCpuCores', 'networkAdapters', 'futureOption']);
  assert.throws(() => renderAgentConfig(plan, ARN, { top: {}, device: { publicIps: ['1.2.3.4'] } }), InternalError);
});
