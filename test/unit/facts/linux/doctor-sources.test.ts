/** Parsers of the doctor's new sources, on real-world output shapes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCoalesce, parseRing } from '../../../../src/facts/linux/ethtool.ts';
import { parseCpuInfo } from '../../../../src/facts/linux/proc-files.ts';
import { routeForSubnet } from '../../../../src/facts/ec2/route-tables.ts';

test('ethtool -g (ENA): maximum and current RX', () => {
  const out =
    'Ring parameters for eth0:\nPre-set maximums:\nRX:\t\t16384\nRX Mini:\tn/a\nRX Jumbo:\tn/a\nTX:\t\t1024\nCurrent hardware settings:\nRX:\t\t1024\nRX Mini:\tn/a\nRX Jumbo:\tn/a\nTX:\t\t1024\nRX Buf Len:\t\tn/a\n';
  assert.deepEqual(parseRing(out), { rxMax: 16384, rxCurrent: 1024 });
  assert.equal(parseRing('Cannot get device ring settings: Operation not supported\n'), undefined);
});

test('ethtool -c: rx-usecs and tx-usecs', () => {
  assert.deepEqual(
    parseCoalesce('Coalesce parameters for eth0:\nAdaptive RX: off  TX: n/a\nrx-usecs: 128\nrx-frames: n/a\ntx-usecs: 64\n'),
    { rxUsecs: 128, txUsecs: 64 },
  );
  assert.equal(parseCoalesce('nothing'), undefined);
});

test('/proc/cpuinfo: the first processor block', () => {
  const block =
    'processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\nmodel name\t: Intel(R) Xeon(R) Platinum 8275CL CPU @ 3.00GHz\nstepping\t: 7\n';
  assert.deepEqual(parseCpuInfo(`${block}\n${block.replace('processor\t: 0', 'processor\t: 1').replace('85', '99')}`), {
    vendor: 'GenuineIntel',
    modelName: 'Intel(R) Xeon(R) Platinum 8275CL CPU @ 3.00GHz',
    family: 6,
    model: 85,
    stepping: 7,
  });
});

test('route table of a subnet: its own association, else the main table; blackholes do not count', () => {
  const tables = [
    {
      RouteTableId: 'rtb-main',
      Associations: [{ Main: true }],
      Routes: [{ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1', State: 'active' as const }],
    },
    {
      RouteTableId: 'rtb-pub',
      Associations: [{ SubnetId: 'subnet-a' }],
      Routes: [
        { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' },
        { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', State: 'active' as const },
      ],
    },
    {
      RouteTableId: 'rtb-dead',
      Associations: [{ SubnetId: 'subnet-c' }],
      Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', State: 'blackhole' as const }],
    },
  ];
  assert.deepEqual(routeForSubnet(tables, 'subnet-a'), {
    subnetId: 'subnet-a',
    routeTableId: 'rtb-pub',
    main: false,
    defaultTarget: 'igw-1',
  });
  assert.deepEqual(routeForSubnet(tables, 'subnet-b'), {
    subnetId: 'subnet-b',
    routeTableId: 'rtb-main',
    main: true,
    defaultTarget: 'nat-1',
  });
  assert.deepEqual(routeForSubnet(tables, 'subnet-c'), { subnetId: 'subnet-c', routeTableId: 'rtb-dead', main: false });
  assert.equal(routeForSubnet([], 'subnet-a'), undefined);
});
