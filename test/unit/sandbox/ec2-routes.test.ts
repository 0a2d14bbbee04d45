/** DescribeRouteTables, DescribeInternetGateways and outbound rules of the EC2 stand-in, with the real EC2Client 3.523.0. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  EC2ServiceException,
} from '@aws-sdk/client-ec2';
import { createEc2Service } from '../../../sandbox/ec2-service.ts';
import { getHostProfile } from '../../../sandbox/hosts.ts';
import { breakEc2 } from '../../../sandbox/host-breaks.ts';
import { routeForSubnet } from '../../../src/facts/ec2/route-tables.ts';
import { useEc2Client } from '../../helpers/ec2-stand-in.ts';

const credentials = { accessKeyId: 'AKIDSANDBOX0000000005', secretAccessKey: 'sandbox-secret' };
const region = 'us-east-2';
const host = getHostProfile('two-eni');
const [privateEni, publicEni] = host.interfaces;

describe('EC2 stand-in: route tables, internet gateways, outbound rules', () => {
  const service = createEc2Service(host, { credentials, region });
  const ec2 = useEc2Client(service, { region, credentials });

  test('the public subnet has its own table to the internet gateway; the private one uses the main table (NAT)', async () => {
    const out = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [publicEni.vpcId] }] }));
    const tables = out.RouteTables ?? [];
    assert.equal(tables.length, 2);
    const igw = (
      await ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [publicEni.vpcId] }] }))
    ).InternetGateways?.[0];
    assert.equal(igw?.Attachments?.[0]?.VpcId, publicEni.vpcId);
    const pub = routeForSubnet(tables, publicEni.subnetId);
    assert.equal(pub?.main, false);
    assert.equal(pub?.defaultTarget, igw?.InternetGatewayId);
    const priv = routeForSubnet(tables, privateEni.subnetId);
    assert.equal(priv?.main, true);
    assert.match(priv?.defaultTarget ?? '', /^nat-0[0-9a-f]{16}$/);
  });

  test("association filters select the table of a subnet; unknown filters and ids are EC2's errors", async () => {
    const own = await ec2.send(
      new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [publicEni.subnetId] }] }),
    );
    assert.equal(own.RouteTables?.length, 1);
    assert.equal(own.RouteTables?.[0].Associations?.[0].SubnetId, publicEni.subnetId);
    const main = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.main', Values: ['true'] }] }));
    assert.equal(main.RouteTables?.[0].Associations?.[0].Main, true);
    await assert.rejects(
      ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'route.bogus', Values: ['x'] }] })),
      (e: unknown) => e instanceof EC2ServiceException && e.name === 'InvalidParameterValue',
    );
    await assert.rejects(
      ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: ['rtb-0123456789abcdef0'] })),
      (e: unknown) => e instanceof EC2ServiceException && e.name === 'InvalidRouteTableID.NotFound' && e.$metadata.httpStatusCode === 400,
    );
  });

  test("outbound rules: EC2's default all-traffic rule, and the broken host's SSH-only rule", async () => {
    const before = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: publicEni.securityGroupIds }));
    assert.deepEqual(before.SecurityGroups?.[0].IpPermissionsEgress?.[0].IpRanges, [{ CidrIp: '0.0.0.0/0' }]);
    assert.equal(before.SecurityGroups?.[0].IpPermissionsEgress?.[0].IpProtocol, '-1');
    const saved = service.securityGroups;
    breakEc2(service, ['sg-outbound-443']);
    try {
      const after = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: publicEni.securityGroupIds }));
      assert.deepEqual(after.SecurityGroups?.[0].IpPermissionsEgress, [
        {
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          IpRanges: [{ CidrIp: '10.0.0.0/16' }],
          Ipv6Ranges: [],
          PrefixListIds: [],
          UserIdGroupPairs: [],
        },
      ]);
    } finally {
      service.securityGroups = saved;
    }
  });
});
