/** The HCL serializer, read back by HashiCorp's own HCL parser (@cdktf/hcl2json, wasm). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '@cdktf/hcl2json';
import { formatHclBlock, formatHclString, HclExpression } from '../../../src/iac/hcl.ts';
import { InternalError } from '../../../src/errors.ts';

test('strings survive quotes, backslashes, control characters and template sequences', async () => {
  const tricky = 'say "hi" \\ C:\\path\nline2\ttab\r\u0001 ${var.x} %{if} $ % {} é';
  const hcl = formatHclBlock('locals', [], { v: tricky });
  const json = await parse('t.tf', hcl);
  // hcl2json answers in Terraform's JSON syntax, where a literal "${" is also written "$${".
  assert.equal(json.locals[0].v, tricky.split('${').join('$${').split('%{').join('%%{'));
  assert.equal(formatHclString('${a}'), '"$${a}"');
  assert.equal(formatHclString('%{a}'), '"%%{a}"');
  assert.equal(formatHclString('a"b\\'), '"a\\"b\\\\"');
});

test('nested objects and lists parse back to the same data', async () => {
  const data = {
    name: 'x',
    n: 42000,
    on: true,
    list: [
      { k: 'a', v: 1 },
      { k: 'b', v: 2 },
    ],
    empty: [],
    obj: { 'not-an-id.x': 'q', inner: { deep: [1, 2] } },
  };
  const json = await parse('t.tf', formatHclBlock('resource', ['t_type', 't_name'], data));
  assert.deepEqual(json.resource.t_type.t_name[0], data);
});

test('= is aligned across consecutive one-line attributes, as terraform fmt does', () => {
  const hcl = formatHclBlock('output', ['o'], {
    description: 'd',
    value: new HclExpression('a.b.arn'),
    nested: { x: 1 },
    after: 2,
    afterwards: 3,
  });
  assert.equal(
    hcl,
    [
      'output "o" {',
      '  description = "d"',
      '  value       = a.b.arn',
      '  nested = {',
      '    x = 1',
      '  }',
      '  after      = 2',
      '  afterwards = 3',
      '}',
      '',
    ].join('\n'),
  );
});

test('an attribute name that is not an identifier is a bug, not something to quote', () => {
  assert.throws(() => formatHclBlock('r', [], { 'bad key': 1 }), InternalError);
  assert.throws(() => formatHclBlock('r', [], { n: Number.NaN }), InternalError);
});
