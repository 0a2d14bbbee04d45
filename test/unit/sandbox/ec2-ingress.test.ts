/** DescribeSecurityGroups and DescribeManagedPrefixLists of the EC2 stand-in, with the real EC2Client 3.523.0. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeAddressesCommand,
  DescribeManagedPrefixListsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  EC2ServiceException,
} from '@aws-sdk/client-ec2';
import { createEc2Service } from '../../../sandbox/ec2-service.ts';
import { getHostProfile } from '../../../sandbox/hosts.ts';
import { useEc2Client } from '../../helpers/ec2-stand-in.ts';

const credentials = { accessKeyId: 'AKIDSANDBOX0000000004', secretAccessKey: 'sandbox-secret' };
const region = 'us-east-2';
const host = getHostProfile('two-eni');
const [privateSg, publicSg] = host.interfaces.map((i) => i.securityGroupIds[0]);

async function rejectsWith(p: Promise<unknown>, name: string, status: number): Promise<void> {
  await assert.rejects(
    p,
    (err: unknown) => err instanceof EC2ServiceException && err.name === name && err.$metadata.httpStatusCode === status,
  );
}

describe('EC2 stand-in: security groups and prefix lists', () => {
  const service = createEc2Service(host, { credentials, region });
  const ec2 = useEc2Client(service, { region, credentials });

  test("the public subnet group opens UDP 42000-50000 to the Ground Station prefix list, like AWS's template", async () => {
    const out = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [publicSg] }));
    const [g] = out.SecurityGroups ?? [];
    assert.equal(g.GroupId, publicSg);
    assert.equal(g.GroupName, 'gs-agent-public');
    assert.equal(g.OwnerId, '123456789012');
    assert.deepEqual(g.IpPermissions?.[0], {
      IpProtocol: 'udp',
      FromPort: 42000,
      ToPort: 50000,
      IpRanges: [],
      Ipv6Ranges: [],
      UserIdGroupPairs: [],
      PrefixListIds: [{ PrefixListId: 'pl-087f83ba4f34e3bea' }],
    });
    assert.deepEqual(g.IpPermissionsEgress?.[0]?.IpRanges, [{ CidrIp: '0.0.0.0/0' }]);
  });

  test('the ENIs name the same groups that DescribeSecurityGroups knows', async () => {
    const nis =
      (await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [host.instanceId] }] })))
        .NetworkInterfaces ?? [];
    assert.deepEqual(
      nis.map((n) => n.Groups?.map((g) => [g.GroupId, g.GroupName])),
      [[[privateSg, 'gs-agent-private']], [[publicSg, 'gs-agent-public']]],
    );
    const all = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [host.interfaces[0].vpcId] }] }));
    assert.deepEqual(all.SecurityGroups?.map((g) => g.GroupId).sort(), [privateSg, publicSg].sort());
  });

  test('unknown and malformed group ids fail the call as EC2 does', async () => {
    await rejectsWith(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0aaaaaaaaaaaaaaaa'] })), 'InvalidGroup.NotFound', 400);
    await rejectsWith(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['nope'] })), 'InvalidGroupId.Malformed', 400);
  });

  test('the Ground Station prefix list is found by name; other lists are not returned', async () => {
    const out = await ec2.send(
      new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.global.groundstation'] }] }),
    );
    assert.deepEqual(
      out.PrefixLists?.map((l) => [l.PrefixListId, l.PrefixListName, l.OwnerId, l.AddressFamily]),
      [['pl-087f83ba4f34e3bea', 'com.amazonaws.global.groundstation', 'AWS', 'IPv4']],
    );
    assert.equal((await ec2.send(new DescribeManagedPrefixListsCommand({}))).PrefixLists?.length, 2);
  });

  test('a changed group is what the next call sees; deny can name single actions', async () => {
    service.securityGroups = service.securityGroups.map((g) => (g.groupId === publicSg ? { ...g, inbound: [] } : g));
    const out = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [publicSg] }));
    assert.deepEqual(out.SecurityGroups?.[0]?.IpPermissions, []);
    service.deny = ['DescribeSecurityGroups'];
    await rejectsWith(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [publicSg] })), 'UnauthorizedOperation', 403);
    assert.ok((await ec2.send(new DescribeAddressesCommand({}))).Addresses);
    service.deny = true;
    await rejectsWith(ec2.send(new DescribeAddressesCommand({})), 'UnauthorizedOperation', 403);
    service.deny = false;
  });
});
