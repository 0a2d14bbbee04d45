/** The EC2 part of the facts against the stand-in: four calls at most, only DescribeAddresses is required. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsCallError } from '../../../../src/errors.ts';
import { readEc2Facts } from '../../../../src/facts/ec2/ec2-facts.ts';
import { createEc2Service } from '../../../../sandbox/ec2-service.ts';
import { getHostProfile } from '../../../../sandbox/hosts.ts';
import type { HostFacts } from '../../../../src/types.ts';
import { serveService } from '../../../helpers/serve-service.ts';

const credentials = { accessKeyId: 'AKIDSANDBOX0000000005', secretAccessKey: 'sandbox-secret' };
const region = 'us-east-2';
const host = getHostProfile('two-eni');

/** What IMDS would have given for the host: enough for the EC2 step. */
function imdsView(type = host.instanceType): Pick<HostFacts, 'instance' | 'interfaces'> {
  return {
    instance: { id: host.instanceId, type, region, accountId: host.accountId },
    interfaces: host.interfaces.map((i) => ({
      mac: i.mac,
      deviceNumber: i.deviceNumber,
      privateIps: i.privateIps,
      ipv4Associations: {},
      publicIps: i.elasticIps.map((e) => e.publicIp),
      securityGroupIds: i.securityGroupIds,
    })),
  };
}

describe('readEc2Facts', () => {
  const service = createEc2Service(host, { credentials, region });
  let server: { url: string; close(): Promise<void> };
  const actions: string[] = [];
  before(async () => {
    server = await serveService({
      identify: (r) => service.identify(r),
      handle: (r, a) => {
        actions.push(a);
        return service.handle(r, a);
      },
    });
  });
  after(async () => {
    await server.close();
  });
  const opts = () => ({ region, endpoint: server.url, credentials, maxAttempts: 1 });

  test("two-eni: the EIP, the instance type, the public ENI's group and the prefix list, in four calls", async () => {
    actions.length = 0;
    const facts = await readEc2Facts(opts(), imdsView());
    assert.deepEqual(actions.sort(), [
      'ec2:DescribeAddresses',
      'ec2:DescribeInstanceTypes',
      'ec2:DescribeManagedPrefixLists',
      'ec2:DescribeSecurityGroups',
    ]);
    assert.deepEqual(
      facts.elasticIps?.map((e) => e.publicIp),
      ['203.0.113.61'],
    );
    assert.equal(facts.instanceTypeInfo?.vCpus, 96);
    assert.equal(facts.groundStationPrefixListId, 'pl-087f83ba4f34e3bea');
    // Only eth1 holds a public IP, so only its group is asked for.
    assert.deepEqual(facts.securityGroups, [
      {
        groupId: host.interfaces[1].securityGroupIds[0],
        groupName: 'gs-agent-public',
        inbound: [
          { protocol: 'udp', fromPort: 42000, toPort: 50000, prefixListIds: ['pl-087f83ba4f34e3bea'], cidrs: [] },
          { protocol: 'tcp', fromPort: 22, toPort: 22, prefixListIds: [], cidrs: ['10.0.0.0/16'] },
        ],
      },
    ]);
    assert.equal(facts.ec2Unchecked, undefined);
  });

  test('a role without ec2:DescribeAddresses: exit-4 error naming the permission and --skip-ec2-checks', async () => {
    service.deny = ['DescribeAddresses'];
    try {
      await assert.rejects(readEc2Facts(opts(), imdsView()), (err: unknown) => {
        assert.ok(err instanceof AwsCallError);
        assert.equal(err.exitCode, 4);
        assert.equal(err.code, 'UnauthorizedOperation');
        assert.match(err.message, /the role in use lacks ec2:DescribeAddresses/);
        assert.ok(err.details.some((d) => /--skip-ec2-checks to continue without verification/.test(d)));
        return true;
      });
    } finally {
      service.deny = false;
    }
  });

  test('the pre-flight calls are advisory: refused or unknown, they become ec2Unchecked lines', async () => {
    service.deny = ['DescribeSecurityGroups', 'DescribeInstanceTypes'];
    try {
      const facts = await readEc2Facts(opts(), imdsView());
      assert.equal(facts.elasticIps?.length, 1);
      assert.equal(facts.securityGroups, undefined);
      assert.deepEqual(facts.ec2Unchecked, [
        'instance type c5.24xlarge not checked: the role in use lacks ec2:DescribeInstanceTypes (UnauthorizedOperation)',
        `security groups ${host.interfaces[1].securityGroupIds[0]} not checked: the role in use lacks ec2:DescribeSecurityGroups (UnauthorizedOperation)`,
      ]);
    } finally {
      service.deny = false;
    }
    const odd = await readEc2Facts(opts(), imdsView('x9.huge'));
    assert.deepEqual(odd.ec2Unchecked, ['instance type x9.huge not checked: EC2 DescribeInstanceTypes does not know it']);
  });
});
