import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsCallError } from '../../../../src/errors.ts';
import { readElasticIps, readInstanceType } from '../../../../src/facts/ec2/ec2.ts';
import { createEc2Service } from '../../../../sandbox/ec2-service.ts';
import { getHostProfile } from '../../../../sandbox/hosts.ts';
import { serveService } from '../../../helpers/serve-service.ts';

const credentials = { accessKeyId: 'AKIDSANDBOX0000000002', secretAccessKey: 'sandbox-secret' };
const region = 'us-east-2';

describe('EC2 facts', () => {
  const host = getHostProfile('two-eip');
  let server: { url: string; close(): Promise<void> };
  before(async () => {
    server = await serveService(createEc2Service(host, { credentials, region }));
  });
  after(async () => {
    await server.close();
  });
  const opts = () => ({ region, endpoint: server.url, credentials, maxAttempts: 1 });

  test('readElasticIps lists both EIPs of two-eip with their ENIs', async () => {
    const eips = await readElasticIps(opts(), host.instanceId);
    assert.deepEqual(
      eips,
      host.interfaces
        .map((eni) => ({
          publicIp: eni.elasticIps[0].publicIp,
          allocationId: eni.elasticIps[0].allocationId,
          associationId: eni.elasticIps[0].associationId,
          networkInterfaceId: eni.interfaceId,
          privateIp: eni.privateIps[0],
        }))
        .sort((a, b) => a.publicIp.localeCompare(b.publicIp)),
    );
  });

  test('readInstanceType gives plain numbers', async () => {
    assert.deepEqual(await readInstanceType(opts(), 'c6i.32xlarge'), {
      instanceType: 'c6i.32xlarge',
      vCpus: 128,
      cores: 64,
      threadsPerCore: 2,
      networkPerformance: '50 Gigabit',
      maximumNetworkCards: 1,
      maximumNetworkInterfaces: 15,
    });
  });

  test('unknown instance type → AwsCallError InvalidInstanceType', async () => {
    await assert.rejects(
      readInstanceType(opts(), 'x9.huge'),
      (err: unknown) => err instanceof AwsCallError && err.code === 'InvalidInstanceType',
    );
  });
});

test('EC2 refusing the role → AwsCallError UnauthorizedOperation', async () => {
  const host = getHostProfile('c5.24xlarge');
  const server = await serveService(createEc2Service(host, { credentials, region, deny: true }));
  try {
    await assert.rejects(
      readElasticIps({ region, endpoint: server.url, credentials, maxAttempts: 1 }, host.instanceId),
      (err: unknown) => err instanceof AwsCallError && err.code === 'UnauthorizedOperation' && /DescribeAddresses/.test(err.message),
    );
  } finally {
    await server.close();
  }
});
