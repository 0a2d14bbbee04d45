import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FaultTable, parseFaultSpec } from '../../../sandbox/faults.ts';
import { runMain } from '../../helpers/cli.ts';

test('fault specs parse into rules; anything else is refused', () => {
  assert.deepEqual(parseFaultSpec('groundstation:CreateDataflowEndpointGroupV2=503*2'), {
    action: 'groundstation:CreateDataflowEndpointGroupV2',
    count: 2,
    status: 503,
    code: 'InternalServerError',
  });
  assert.deepEqual(parseFaultSpec('ec2:DescribeAddresses=503:RequestLimitExceeded'), {
    action: 'ec2:DescribeAddresses',
    count: 1,
    status: 503,
    code: 'RequestLimitExceeded',
  });
  assert.deepEqual(parseFaultSpec('imds:*=drop**'), { action: 'imds:*', count: Infinity, drop: true });
  assert.deepEqual(parseFaultSpec('imds:get=delay:1500'), { action: 'imds:get', count: 1, delayMs: 1500 });
  assert.deepEqual(parseFaultSpec('imds:get=expire-token*3'), { action: 'imds:get', count: 3, expireToken: true });
  assert.deepEqual(parseFaultSpec('groundstation:CreateDataflowEndpointGroupV2=lost'), {
    action: 'groundstation:CreateDataflowEndpointGroupV2',
    count: 1,
    lostAnswer: true,
  });
  for (const bad of ['', 'x=503', 'groundstation:X', 'groundstation:X=5033', 'groundstation:X=503*0', 'imds:get=delay:', 'a:b=$(reboot)']) {
    assert.equal(parseFaultSpec(bad), undefined, bad);
  }
});

test('EFFECT* (no count) means always, as EFFECT** does; a star without an effect is refused', () => {
  assert.deepEqual(parseFaultSpec('groundstation:CreateDataflowEndpointGroupV2=503*'), {
    action: 'groundstation:CreateDataflowEndpointGroupV2',
    count: Infinity,
    status: 503,
    code: 'InternalServerError',
  });
  assert.deepEqual(parseFaultSpec('ec2:DescribeAddresses=503:RequestLimitExceeded*'), {
    action: 'ec2:DescribeAddresses',
    count: Infinity,
    status: 503,
    code: 'RequestLimitExceeded',
  });
  for (const effect of ['drop', 'lost', 'expire-token', 'delay:20']) {
    assert.equal(parseFaultSpec(`imds:get=${effect}*`)?.count, Infinity, effect);
    assert.deepEqual(parseFaultSpec(`imds:get=${effect}*`), parseFaultSpec(`imds:get=${effect}**`), effect);
  }
  for (const bad of ['imds:get=*', 'imds:get=503***', 'imds:get=503*x', 'imds:get=503*-1'])
    assert.equal(parseFaultSpec(bad), undefined, bad);
  const t = new FaultTable();
  t.add(parseFaultSpec('groundstation:*=503*')!);
  for (let i = 0; i < 50; i++) assert.ok(t.take('groundstation:GetDataflowEndpointGroup'), `request ${i + 1}`);
});

test('a rule hits only matching actions, count times', () => {
  const t = new FaultTable();
  t.add({ action: 'groundstation:*', status: 503, count: 2 });
  assert.equal(t.take('ec2:DescribeAddresses'), undefined);
  assert.ok(t.take('groundstation:GetDataflowEndpointGroup'));
  assert.ok(t.take('groundstation:ListDataflowEndpointGroups'));
  assert.equal(t.take('groundstation:ListDataflowEndpointGroups'), undefined);
});

test('sandbox --fault with a bad spec: exit 2 showing the syntax', async () => {
  const r = await runMain(['sandbox', '--fault', 'groundstation:Create=boom']);
  assert.equal(r.code, 2);
  assert.match(r.err, /is not a fault spec\n  - expected ACTION=EFFECT\[\*COUNT\]/);
});
