/** Ids from outside are checked against their documented patterns before they go into a fix. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeId, isId, notAnId, regionOfArn } from '../../../src/facts/resource-ids.ts';

test('EC2 ids: the prefix and 8 or 17 lower-case hex digits; anything else is not one', () => {
  assert.ok(isId('routeTableId', 'rtb-0123abcd'));
  assert.ok(isId('routeTableId', 'rtb-0123456789abcdef0'));
  assert.ok(isId('internetGatewayId', 'igw-0123456789abcdef0'));
  assert.ok(isId('natGatewayId', 'nat-0123abcd'));
  for (const bad of ['rtb-1$(reboot)', 'rtb-0123ABCD', 'rtb-0123abc', 'rtb-0123abcd\n', ' rtb-0123abcd', 'igw-0123abcd', ''])
    assert.ok(!isId('routeTableId', bad), JSON.stringify(bad));
  assert.ok(!isId('internetGatewayId', 'igw-\u001b[2J'));
  assert.ok(!isId('routeTableId', 42));
  assert.ok(!isId('routeTableId', undefined));
});

test("the host-facts schema's ids are checked by its own patterns (parse-values.ts)", () => {
  assert.ok(isId('securityGroupId', 'sg-0123456789abcdef0'));
  assert.ok(!isId('securityGroupId', "sg-0123'; reboot; '"));
  assert.ok(isId('subnetId', 'subnet-0123abcd'));
  assert.ok(!isId('subnetId', 'subnet-`id`'));
  assert.match(describeId('securityGroupId'), /security group|sg-/);
});

test('Ground Station ids and ARNs, and the region of an ARN', () => {
  const id = '0a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
  assert.ok(isId('uuid', id));
  assert.ok(!isId('uuid', `${id}$(reboot)`));
  const arn = `arn:aws:groundstation:us-east-2:123456789012:dataflow-endpoint-group/${id}`;
  assert.ok(isId('dataflowEndpointGroupArn', arn));
  assert.ok(!isId('dataflowEndpointGroupArn', `${arn}\u001b[2J`));
  assert.equal(regionOfArn(arn), 'us-east-2');
  assert.equal(regionOfArn('arn:aws-us-gov:groundstation:us-gov-west-1:123456789012:x/y'), 'us-gov-west-1');
  assert.equal(regionOfArn('not an arn'), undefined);
});

test('notAnId: the value single-quoted (never a substitution) and what the id should look like', () => {
  assert.equal(notAnId('routeTableId', 'rtb-1$(reboot)'), "'rtb-1$(reboot)' is not a route table id (rtb- and 8 or 17 hex digits)");
  assert.equal(notAnId('routeTableId', "rtb-'x"), "'rtb-'\\''x' is not a route table id (rtb- and 8 or 17 hex digits)");
});
