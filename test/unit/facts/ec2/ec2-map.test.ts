/** EC2 describe answers mapped to host facts, checked on the way (src/facts/ec2/ec2-map.ts; pure). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostFactsError } from '../../../../src/errors.ts';
import { mapAddresses, mapInstanceType, mapPrefixListId, mapSecurityGroups } from '../../../../src/facts/ec2/ec2-map.ts';

const ME = 'i-0123456789abcdef0';
const eip = {
  PublicIp: '203.0.113.10',
  AllocationId: 'eipalloc-0aaaaaaaaaaaaaaa1',
  AssociationId: 'eipassoc-0aaaaaaaaaaaaaaa1',
  NetworkInterfaceId: 'eni-0aaaaaaaaaaaaaaa1',
  PrivateIpAddress: '10.0.0.10',
  InstanceId: ME,
};

function refused(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof HostFactsError && e.exitCode === 3 && message.test(e.message));
}

test('DescribeAddresses: a real answer maps; sorted by IP', () => {
  assert.deepEqual(
    mapAddresses([{ ...eip, PublicIp: '203.0.113.20' }, eip], ME).map((e) => e.publicIp),
    ['203.0.113.10', '203.0.113.20'],
  );
  assert.deepEqual(mapAddresses([eip], ME)[0], {
    publicIp: '203.0.113.10',
    allocationId: eip.AllocationId,
    associationId: eip.AssociationId,
    networkInterfaceId: eip.NetworkInterfaceId,
    privateIp: '10.0.0.10',
  });
});

test('DescribeAddresses: malformed values name the action, the field and the value', () => {
  refused(() => mapAddresses([{ ...eip, PublicIp: '999.1.1.1' }], ME), /^EC2 DescribeAddresses: PublicIp "999\.1\.1\.1" is not an IPv4/);
  refused(
    () => mapAddresses([{ ...eip, NetworkInterfaceId: 'eni-"x' }], ME),
    /networkInterfaceId of 203\.0\.113\.10 "eni-\\"x" is not a network interface id/,
  );
  refused(() => mapAddresses([{ ...eip, PrivateIpAddress: '::1' }], ME), /privateIp of 203\.0\.113\.10 "::1"/);
  refused(
    () =>
      mapAddresses(
        Array.from({ length: 65 }, () => eip),
        ME,
      ),
    /Addresses .* at most 64/,
  );
});

test('DescribeAddresses: an Elastic IP of another instance is refused with what to do', () => {
  refused(
    () => mapAddresses([{ ...eip, InstanceId: 'i-0bbbbbbbbbbbbbbb2' }], ME),
    /Elastic IP 203\.0\.113\.10 is associated with instance i-0bbbbbbbbbbbbbbb2, not this instance/,
  );
});

test('DescribeInstanceTypes, DescribeSecurityGroups, DescribeManagedPrefixLists', () => {
  assert.equal(mapInstanceType('c5.24xlarge', { VCpuInfo: { DefaultVCpus: 96 } }).vCpus, 96);
  refused(() => mapInstanceType('c5.24xlarge', { VCpuInfo: { DefaultVCpus: -1 } }), /EC2 DescribeInstanceTypes: DefaultVCpus -1/);
  refused(() => mapInstanceType('c5.24xlarge', { NetworkInfo: { NetworkPerformance: 'x'.repeat(300) } }), /NetworkPerformance/);
  const groups = mapSecurityGroups([
    {
      GroupId: 'sg-0aaaaaaaaaaaaaaa1',
      GroupName: 'gs',
      IpPermissions: [
        {
          IpProtocol: 'udp',
          FromPort: 42000,
          ToPort: 50000,
          PrefixListIds: [{ PrefixListId: 'pl-087f83ba4f34e3bea' }],
          IpRanges: [{ CidrIp: '10.0.0.0/16' }],
        },
      ],
    },
  ]);
  assert.deepEqual(groups[0].inbound[0], {
    protocol: 'udp',
    fromPort: 42000,
    toPort: 50000,
    prefixListIds: ['pl-087f83ba4f34e3bea'],
    cidrs: ['10.0.0.0/16'],
  });
  refused(
    () => mapSecurityGroups([{ GroupId: 'sg-0aaaaaaaaaaaaaaa1', IpPermissions: [{ IpProtocol: 'udp', FromPort: 70000 }] }]),
    /DescribeSecurityGroups: FromPort 70000 is not a port/,
  );
  refused(
    () =>
      mapSecurityGroups([
        { GroupId: 'sg-0aaaaaaaaaaaaaaa1', IpPermissions: [{ IpProtocol: 'udp', IpRanges: [{ CidrIp: '10.0.0.0/33' }] }] },
      ]),
    /CidrIp "10\.0\.0\.0\/33"/,
  );
  assert.equal(mapPrefixListId([{ PrefixListName: 'n', PrefixListId: 'pl-087f83ba4f34e3bea' }], 'n'), 'pl-087f83ba4f34e3bea');
  refused(
    () => mapPrefixListId([{ PrefixListName: 'n', PrefixListId: 'pl-<script>' }], 'n'),
    /DescribeManagedPrefixLists: PrefixListId "pl-<script>"/,
  );
});
