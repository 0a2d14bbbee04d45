/**
 * The floor under a no-change apply, for `npm run bench`: only what no implementation of the
 * job on the chosen AWS SDK clients can skip. IMDSv2 over node:http (the token, the identity
 * document, the MAC list and each interface's leaves in parallel), then the four EC2
 * describes and one GetDataflowEndpointGroup through the SDK's clients 3.523.0. No command
 * line, mission, /sys, plan, lock, render or compare.
 *
 *   node sdk-floor.cjs GROUP_ID      (the bench bundles it with esbuild and runs it with a V8
 *                                     code cache, as the tool's bundle runs)
 */
import http from 'node:http';
import { EC2Client } from '@aws-sdk/client-ec2/dist-es/EC2Client.js';
import { DescribeAddressesCommand } from '@aws-sdk/client-ec2/dist-es/commands/DescribeAddressesCommand.js';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2/dist-es/commands/DescribeInstancesCommand.js';
import { DescribeInstanceTypesCommand } from '@aws-sdk/client-ec2/dist-es/commands/DescribeInstanceTypesCommand.js';
import { DescribeNetworkInterfacesCommand } from '@aws-sdk/client-ec2/dist-es/commands/DescribeNetworkInterfacesCommand.js';
import { GetDataflowEndpointGroupCommand, GroundStationClient } from '@aws-sdk/client-groundstation';

const LEAVES = [
  'device-number',
  'interface-id',
  'local-ipv4s',
  'public-ipv4s',
  'subnet-id',
  'vpc-id',
  'security-group-ids',
  'mac',
  'owner-id',
];

async function floor(groupId) {
  const imds = new URL(process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT ?? 'http://169.254.169.254');
  const agent = new http.Agent({ keepAlive: true });
  const ask = (method, path, headers) =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: imds.hostname, port: imds.port, method, path, headers, agent, timeout: 3000 }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`IMDS ${path}: HTTP ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end();
    });
  const token = await ask('PUT', '/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '300' });
  const h = { 'x-aws-ec2-metadata-token': token };
  const [doc, macs] = await Promise.all([
    ask('GET', '/latest/dynamic/instance-identity/document', h).then(JSON.parse),
    ask('GET', '/latest/meta-data/network/interfaces/macs/', h).then((t) => t.split('\n').filter(Boolean)),
  ]);
  await Promise.all(macs.flatMap((m) => LEAVES.map((leaf) => ask('GET', `/latest/meta-data/network/interfaces/macs/${m}${leaf}`, h))));
  agent.destroy();
  const ec2 = new EC2Client({ region: doc.region });
  const gs = new GroundStationClient({ region: doc.region });
  await Promise.all([
    ec2.send(new DescribeInstancesCommand({ InstanceIds: [doc.instanceId] })),
    ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [doc.instanceId] }] })),
    ec2.send(new DescribeAddressesCommand({ Filters: [{ Name: 'instance-id', Values: [doc.instanceId] }] })),
    ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: [doc.instanceType] })),
  ]);
  await gs.send(new GetDataflowEndpointGroupCommand({ dataflowEndpointGroupId: groupId }));
  ec2.destroy();
  gs.destroy();
}

floor(process.argv[2]).catch((err) => {
  process.stderr.write(`sdk-floor: ${err.message}\n`);
  process.exitCode = 1;
});
