import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeNetworkInterfacesCommand,
  EC2Client,
  EC2ServiceException,
} from '@aws-sdk/client-ec2';
import { createEc2Service } from '../../../sandbox/ec2-service.ts';
import { getHostProfile } from '../../../sandbox/hosts.ts';
import { serveService } from '../../helpers/serve-service.ts';

const credentials = { accessKeyId: 'AKIDSANDBOX0000000001', secretAccessKey: 'sandbox-secret' };
const region = 'us-east-2';
const host = getHostProfile('two-eni');

function clientFor(url: string, creds = credentials): EC2Client {
  return new EC2Client({ region, endpoint: url, credentials: creds, maxAttempts: 1 });
}

async function rejectsWith(p: Promise<unknown>, name: string, status: number): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof EC2ServiceException, `expected EC2ServiceException, got ${String(err)}`);
    assert.equal(err.name, name);
    assert.equal(err.$metadata.httpStatusCode, status);
    assert.ok(err.$metadata.requestId, 'request id from the error');
    return true;
  });
}

describe('EC2 stand-in with the real EC2Client 3.523.0', () => {
  let server: { url: string; close(): Promise<void> };
  let ec2: EC2Client;
  before(async () => {
    server = await serveService(createEc2Service(host, { credentials, region }));
    ec2 = clientFor(server.url);
  });
  after(async () => {
    ec2.destroy();
    await server.close();
  });

  test('DescribeAddresses filtered by instance-id lists the Elastic IP', async () => {
    const out = await ec2.send(new DescribeAddressesCommand({ Filters: [{ Name: 'instance-id', Values: [host.instanceId] }] }));
    const eip = host.interfaces[1].elasticIps[0];
    assert.deepEqual(out.Addresses, [
      {
        PublicIp: '203.0.113.61',
        AllocationId: eip.allocationId,
        AssociationId: eip.associationId,
        Domain: 'vpc',
        InstanceId: host.instanceId,
        NetworkInterfaceId: host.interfaces[1].interfaceId,
        NetworkInterfaceOwnerId: '123456789012',
        PrivateIpAddress: eip.privateIp,
        PublicIpv4Pool: 'amazon',
        NetworkBorderGroup: region,
      },
    ]);
    assert.ok(out.$metadata.requestId);
  });

  test('DescribeAddresses: other filters, PublicIp.N and unknown ids', async () => {
    const none = await ec2.send(new DescribeAddressesCommand({ Filters: [{ Name: 'instance-id', Values: ['i-0000000000000000f'] }] }));
    assert.deepEqual(none.Addresses, []);
    const byIp = await ec2.send(new DescribeAddressesCommand({ PublicIps: ['203.0.113.61'] }));
    assert.equal(byIp.Addresses?.length, 1);
    await rejectsWith(ec2.send(new DescribeAddressesCommand({ PublicIps: ['198.51.100.99'] })), 'InvalidAddress.NotFound', 400);
    await rejectsWith(
      ec2.send(new DescribeAddressesCommand({ Filters: [{ Name: 'bogus', Values: ['x'] }] })),
      'InvalidParameterValue',
      400,
    );
  });

  test('DescribeInstances returns the instance with interfaces and cpuOptions', async () => {
    const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [host.instanceId] }));
    const inst = out.Reservations?.[0]?.Instances?.[0];
    assert.ok(inst);
    assert.equal(inst.InstanceId, host.instanceId);
    assert.equal(inst.InstanceType, 'c5.24xlarge');
    assert.equal(inst.Placement?.AvailabilityZone, 'us-east-2a');
    assert.deepEqual(inst.CpuOptions, { CoreCount: 48, ThreadsPerCore: 2 });
    assert.equal(inst.PublicIpAddress, undefined, 'eth0 has no public IP in two-eni');
    const nis = inst.NetworkInterfaces ?? [];
    assert.deepEqual(
      nis.map((n) => [n.Attachment?.DeviceIndex, n.MacAddress]),
      host.interfaces.map((i) => [i.deviceNumber, i.mac]),
    );
    assert.equal(nis[1].Association?.PublicIp, '203.0.113.61');
    assert.equal(nis[1].Association?.IpOwnerId, '123456789012');
    assert.equal(nis[1].PrivateIpAddresses?.[0]?.Primary, true);
    assert.equal(nis[1].PrivateIpAddresses?.[0]?.Association?.PublicIp, '203.0.113.61');
  });

  test('DescribeInstances: filter instance-id, unknown id → InvalidInstanceID.NotFound', async () => {
    const out = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: [host.instanceId] }] }));
    assert.equal(out.Reservations?.length, 1);
    const none = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: ['i-0aaaaaaaaaaaaaaaa'] }] }));
    assert.deepEqual(none.Reservations, []);
    await rejectsWith(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0aaaaaaaaaaaaaaaa'] })), 'InvalidInstanceID.NotFound', 400);
  });

  test('DescribeNetworkInterfaces by attachment.instance-id carries the EIP allocation', async () => {
    const out = await ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'attachment.instance-id', Values: [host.instanceId] }],
      }),
    );
    const nis = out.NetworkInterfaces ?? [];
    assert.equal(nis.length, 2);
    assert.equal(nis[1].Association?.AllocationId, host.interfaces[1].elasticIps[0].allocationId);
    assert.equal(nis[1].Attachment?.InstanceId, host.instanceId);
    assert.equal(nis[0].Association, undefined);
    const one = await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [host.interfaces[0].interfaceId] }));
    assert.equal(one.NetworkInterfaces?.[0]?.SubnetId, host.interfaces[0].subnetId);
    await rejectsWith(
      ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ['eni-0aaaaaaaaaaaaaaaa'] })),
      'InvalidNetworkInterfaceID.NotFound',
      400,
    );
  });

  test('DescribeInstanceTypes matches the host; unknown type → InvalidInstanceType', async () => {
    const out = await ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['c5.24xlarge', 't3.medium'] }));
    const [c5, t3] = out.InstanceTypes ?? [];
    assert.equal(c5.VCpuInfo?.DefaultVCpus, 96);
    assert.equal(c5.VCpuInfo?.DefaultCores, 48);
    assert.equal(c5.VCpuInfo?.DefaultThreadsPerCore, 2);
    assert.deepEqual(c5.VCpuInfo?.ValidThreadsPerCore, [1, 2]);
    assert.equal(c5.NetworkInfo?.NetworkPerformance, '25 Gigabit');
    assert.equal(c5.NetworkInfo?.MaximumNetworkCards, 1);
    assert.equal(c5.NetworkInfo?.NetworkCards?.[0]?.MaximumNetworkInterfaces, 15);
    assert.equal(t3.VCpuInfo?.DefaultVCpus, 2);
    assert.deepEqual(t3.VCpuInfo?.ValidCores, [1]);
    await rejectsWith(ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['x9.huge' as never] })), 'InvalidInstanceType', 400);
  });

  test('wrong secret → AWS signature failure, not an answer', async () => {
    const bad = clientFor(server.url, { ...credentials, secretAccessKey: 'wrong' });
    await rejectsWith(bad.send(new DescribeAddressesCommand({})), 'SignatureDoesNotMatch', 403);
    const unknown = clientFor(server.url, { ...credentials, accessKeyId: 'AKIDOTHER' });
    await rejectsWith(unknown.send(new DescribeAddressesCommand({})), 'AuthFailure', 401);
    bad.destroy();
    unknown.destroy();
  });
});

describe('EC2 stand-in in deny mode', () => {
  test('every call → UnauthorizedOperation 403', async () => {
    const server = await serveService(createEc2Service(host, { credentials, region, deny: true }));
    const ec2 = clientFor(server.url);
    try {
      await rejectsWith(ec2.send(new DescribeAddressesCommand({})), 'UnauthorizedOperation', 403);
      await rejectsWith(ec2.send(new DescribeInstancesCommand({})), 'UnauthorizedOperation', 403);
    } finally {
      ec2.destroy();
      await server.close();
    }
  });
});
