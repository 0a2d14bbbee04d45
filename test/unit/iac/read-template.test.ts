/** The template reader: every intrinsic short form becomes its long JSON form; non-templates are exit 2. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemplate } from '../../../src/iac/read-template.ts';
import { isIntrinsic } from '../../../src/iac/cfn-intrinsics.ts';
import { UsageError } from '../../../src/errors.ts';

const wrap = (props: string) => `Resources:\n  R:\n    Type: T\n    Properties:\n${props.replace(/^/gm, '      ')}\n`;
const props = (text: string) => parseTemplate(wrap(text), 't.yaml').Resources.R.Properties;

describe('parseTemplate', () => {
  const cases: Array<[string, unknown]> = [
    ['!Ref EIP', { Ref: 'EIP' }],
    ['!GetAtt Eip.PublicIp', { 'Fn::GetAtt': ['Eip', 'PublicIp'] }],
    ['!GetAtt [Eip, PublicIp]', { 'Fn::GetAtt': ['Eip', 'PublicIp'] }],
    ['!Sub "${AWS::StackName}-dl"', { 'Fn::Sub': '${AWS::StackName}-dl' }],
    ['!Sub ["${a}", {a: !Ref X}]', { 'Fn::Sub': ['${a}', { a: { Ref: 'X' } }] }],
    ['!Join ["-", [!Ref "AWS::StackName", dl]]', { 'Fn::Join': ['-', [{ Ref: 'AWS::StackName' }, 'dl']] }],
    ['!Select [0, !GetAZs ""]', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ['!If [IsProd, 1500, !Ref "AWS::NoValue"]', { 'Fn::If': ['IsProd', 1500, { Ref: 'AWS::NoValue' }] }],
    [
      '!FindInMap [PrefixListId, !Ref "AWS::Region", groundstation]',
      { 'Fn::FindInMap': ['PrefixListId', { Ref: 'AWS::Region' }, 'groundstation'] },
    ],
    ['!ImportValue shared-eip', { 'Fn::ImportValue': 'shared-eip' }],
    ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!Base64 {"Fn::Sub": "x"}', { 'Fn::Base64': { 'Fn::Sub': 'x' } }],
    ['!Cidr ["10.0.0.0/16", 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
    ['!GetAZs {Ref: "AWS::Region"}', { 'Fn::GetAZs': { Ref: 'AWS::Region' } }],
    ['!Equals [!Ref Env, prod]', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }],
    ['!And [!Condition A, !Not [!Condition B]]', { 'Fn::And': [{ Condition: 'A' }, { 'Fn::Not': [{ Condition: 'B' }] }] }],
    ['!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
  ];
  for (const [yaml, want] of cases) {
    test(`reads ${yaml.split(' ')[0]} (${yaml})`, () => {
      const value = props(`V: ${yaml}`)!.V;
      assert.deepEqual(value, want);
      assert.ok(isIntrinsic(value));
    });
  }

  test('a JSON template reads the same as its YAML twin', () => {
    const json = parseTemplate('{"Resources": {"R": {"Type": "T", "Properties": {"V": {"Fn::GetAtt": ["Eip", "PublicIp"]}}}}}', 't.json');
    assert.deepEqual(json.Resources.R.Properties, props('V: !GetAtt Eip.PublicIp'));
  });

  const invalid: Array<{ name: string; text: string; message: RegExp; detail?: RegExp }> = [
    {
      name: 'broken YAML names the line',
      text: 'Resources:\n  R: [\n',
      message: /^t\.yaml is not a readable CloudFormation template/,
      detail: /^t\.yaml:\d+: /,
    },
    { name: 'an unknown tag', text: wrap('V: !Nope x'), message: /not a readable/, detail: /t\.yaml:5: Unresolved tag: !Nope/ },
    { name: 'a duplicated key', text: wrap('V: 1\nV: 2'), message: /not a readable/, detail: /Map keys must be unique/ },
    {
      name: 'no Resources',
      text: 'AWSTemplateFormatVersion: "2010-09-09"\n',
      message: /is not a CloudFormation template: it has no Resources section/,
    },
    {
      name: 'a resource without Type',
      text: 'Resources:\n  R:\n    Properties: {}\n',
      message: /1 resource\(s\) without a Type/,
      detail: /Resources\.R/,
    },
    { name: 'invalid JSON', text: '{"Resources": ', message: /^t\.yaml is not valid JSON/ },
  ];
  for (const c of invalid) {
    test(`refuses ${c.name} (exit 2)`, () => {
      assert.throws(
        () => parseTemplate(c.text, 't.yaml'),
        (err: unknown) => {
          assert.ok(err instanceof UsageError);
          assert.equal(err.exitCode, 2);
          assert.match(err.message, c.message);
          if (c.detail) assert.match(err.details.join('\n'), c.detail);
          return true;
        },
      );
    });
  }
});
