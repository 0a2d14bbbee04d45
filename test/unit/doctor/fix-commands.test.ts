/** doctor's fixes: command lines from words quoted by one function, ids checked first, or "check it by hand". */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { egressFix, routeFix } from '../../../src/doctor/fix-commands.ts';
import { display } from '../../../src/display.ts';
import { shellAccepts, shellWords } from '../../helpers/shell-words.ts';

const route = { subnetId: 'subnet-0123abcd', routeTableId: 'rtb-0123abcd', internetGateway: 'igw-0123abcd' };

/** The command part of a fix: up to the parenthesised remark the fixes end with. */
const commandOf = (fix: string) => fix.replace(/ \(or move the Elastic IP.*$/, '');

test('a route fix from sound ids is a command line a shell reads back word for word', () => {
  const fix = routeFix({ ...route, defaultTarget: 'nat-0123abcd' } as never);
  const { words, unsafe } = shellWords(commandOf(fix));
  assert.deepEqual(unsafe, []);
  assert.deepEqual(words, [
    'aws',
    'ec2',
    'replace-route',
    '--route-table-id',
    'rtb-0123abcd',
    '--destination-cidr-block',
    '0.0.0.0/0',
    '--gateway-id',
    'igw-0123abcd',
  ]);
  assert.ok(shellAccepts(commandOf(fix)));
  assert.match(routeFix(route as never), /^aws ec2 create-route /);
  assert.match(routeFix({ ...route, internetGateway: undefined } as never), /--gateway-id <the VPC's internet gateway id>/);
});

test('an id that is not one never becomes a command: it is named quoted, and the fix says to check by hand', () => {
  for (const [r, what] of [
    [{ ...route, routeTableId: 'rtb-1$(reboot)' }, /route table 'rtb-1\$\(reboot\)' is not a route table id/],
    [{ ...route, internetGateway: 'igw-\u001b[2J' }, /internet gateway 'igw-\\x1b\[2J' is not an internet gateway id/],
  ] as const) {
    const fix = display(routeFix(r as never));
    assert.match(fix, what);
    assert.match(fix, /check the route table of the Elastic IP's subnet by hand/);
    assert.doesNotMatch(fix, /aws ec2/);
    assert.ok(!fix.includes('\u001b'), 'no raw ESC');
  }
  const sg = egressFix("sg-0123abcd'; reboot; '");
  assert.match(sg, /check the Elastic IP's interface by hand/);
  assert.doesNotMatch(sg, /aws ec2/);
  const ok = egressFix('sg-0123456789abcdef0');
  assert.deepEqual(shellWords(ok).unsafe, []);
  assert.equal(shellWords(ok).words[4], 'sg-0123456789abcdef0');
});
