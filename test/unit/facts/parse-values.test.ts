/** The pure host-value parsers (src/facts/parse-values.ts, cpu-list.ts) and their agreement with the schema. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import schema from '../../../schemas/host-facts.schema.json' with { type: 'json' };
import { MAX_CPU_ID, parseCpuList } from '../../../src/cpu-list.ts';
import { InvalidValue, showValue } from '../../../src/facts/fact-value.ts';
import { LIMITS, parseInteger, parseList, parseString, type StringKind } from '../../../src/facts/parse-values.ts';

const accepts: Array<[StringKind, string[]]> = [
  ['ipv4', ['0.0.0.0', '10.0.0.5', '203.0.113.61', '255.255.255.255', '192.168.1.100']],
  ['mac', ['0a:11:22:33:44:55', '02:AB:cd:EF:00:01']],
  ['interfaceName', ['eth0', 'ens5', 'enp39s0', 'bond0.100', 'veth-a_b', 'abcdefghijklmno']],
  ['instanceId', ['i-0123456789abcdef0', 'i-12345678']],
  ['region', ['us-east-2', 'us-gov-west-1', 'ap-southeast-3', 'cn-northwest-1']],
  ['availabilityZone', ['us-east-2a', 'us-west-2-lax-1a']],
  ['accountId', ['123456789012', '000000000001']],
  ['instanceType', ['c5.24xlarge', 'u-6tb1.metal', 'mac2-m2pro.metal']],
  ['roleName', ['gs-agent-host', 'role+with=odd,chars.@_-']],
];
const refuses: Array<[StringKind, unknown[]]> = [
  [
    'ipv4',
    ['999.1.1.1', '1.2.3', '::1', '1.2.3.4.5', '01.2.3.4', '1.2.3.4 ', ' 1.2.3.4', '1.2.3.04', '256.0.0.1', '', 1234, null, '1.2.3.4\n'],
  ],
  ['mac', ['0a:11:22:33:44', '0a-11-22-33-44-55', 'zz:11:22:33:44:55', '0a:11:22:33:44:55:66']],
  [
    'interfaceName',
    ['', 'eth"0', "eth'0", 'eth 0', 'eth/0', '.', '..', '.hidden', 'abcdefghijklmnop', 'eth0\n', 'eth\u00000', 'ëth0', 'eth;rm'],
  ],
  ['instanceId', [12345, 'i-xyz', 'i-0123456789abcdef', 'I-0123456789abcdef0', 'i-0123456789abcdef0 ']],
  ['region', [1, 'us east 2', 'US-EAST-2', 'us-east', '../etc']],
  ['accountId', ['12345678901a', '12345678901', '1234567890123', 123456789012]],
  ['roleName', ['../../x', 'a/b', '', 'x'.repeat(65)]],
];

describe('string parsers', () => {
  for (const [kind, values] of accepts) {
    test(`${kind} accepts ${values.length} real values`, () => {
      for (const v of values) assert.equal(parseString(kind, v), kind === 'mac' ? v.toLowerCase() : v);
    });
  }
  for (const [kind, values] of refuses) {
    test(`${kind} refuses ${values.length} malformed values with the expected form`, () => {
      for (const v of values) {
        assert.throws(
          () => parseString(kind, v),
          (e: unknown) => e instanceof InvalidValue && e.value === v && e.expected.length > 5,
          `${kind} ${showValue(v)}`,
        );
      }
    });
  }
});

describe('integers and lists', () => {
  test('topology ids: decimal text or numbers in range, nothing else', () => {
    assert.equal(parseInteger('topologyId', '0'), 0);
    assert.equal(parseInteger('topologyId', '65535'), 65535);
    for (const bad of ['', 'NaN', 'abc', '1.5', '01', ' 1', '+1', '-1', '65536', '1e3', 1.5, Number.NaN, null, '99999999999']) {
      assert.throws(() => parseInteger('topologyId', bad), InvalidValue, showValue(bad));
    }
  });
  test('lists: bounded length and distinct items', () => {
    assert.deepEqual(parseList(['a', 'b'], 2, String, 'x'), ['a', 'b']);
    assert.throws(() => parseList(['a', 'b', 'c'], 2, String, 'x'), /at most 2 x \(it has 3\)/);
    assert.throws(() => parseList(['a', 'a'], 2, String, 'x'), /distinct x \("a" is repeated\)/);
    assert.throws(() => parseList('a', 2, String, 'x'), /a list of x/);
  });
  test('showValue escapes and truncates', () => {
    assert.equal(showValue('eth"0'), '"eth\\"0"');
    assert.equal(showValue('a\nb'), '"a\\nb"');
    const long = showValue('x'.repeat(500));
    assert.ok(long.length <= 81 && long.endsWith('…'));
  });
});

describe('cpu lists are bounded', () => {
  test('ranges past the last CPU are refused before expansion', () => {
    const started = process.hrtime.bigint();
    assert.throws(() => parseCpuList('0-4000000000'), /goes past CPU 4095|is not a CPU number/);
    assert.throws(() => parseCpuList('0-4096'), /goes past CPU 4095/);
    assert.ok(process.hrtime.bigint() - started < 1_000_000_000n);
    assert.equal(parseCpuList('0-4095').length, 4096);
  });
  for (const bad of ['00', '01-3', '0-', '0--3', '0 - 3', 'a-b', '1,,2', '0x10', '-']) {
    test(`${JSON.stringify(bad)} is refused`, () => assert.throws(() => parseCpuList(bad), /invalid CPU list/));
  }
});

test('the parsers take their limits from the schema', () => {
  assert.equal(MAX_CPU_ID, schema.definitions.cpuId.maximum);
  assert.equal(LIMITS.cpus, schema.definitions.cpuList.maxItems);
  assert.equal(LIMITS.interfaces, schema.properties.interfaces.maxItems);
  assert.equal(LIMITS.ipsPerInterface, schema.definitions.ipList.maxItems);
});
