/**
 * The hostile host-facts scenarios (the host's side): IMDS answers corrupted by our proxy,
 * damaged /sys trees, damaged --facts files, and the EC2 answers the host facts are mapped
 * from. Exported for `npm run chaos -- --hostile`: each has a `run(sandbox, cli?)` giving the
 * outcome, to be checked with assertFactsOutcome.
 */
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sandbox } from '../../../sandbox/server.ts';
import type { Corrupt, Corruption } from './facts-proxy.ts';
import { runFactsScenario, type CliRunner, type FactsOutcome, type FactsScenario } from './facts-harness.ts';

const DOC = '/latest/dynamic/instance-identity/document';

/** The corruption for requests whose path matches (every attempt, so retries meet it too). */
function at(path: RegExp, c: Corruption | ((body: string) => Corruption)): Corrupt {
  return (req, up) => (path.test(req.path) ? (typeof c === 'function' ? c(up.body.toString('utf8')) : c) : undefined);
}

/** The identity document with some fields changed. */
function docWith(patch: Record<string, unknown>): Corrupt {
  return at(new RegExp(`^${DOC}$`), (body) => ({ body: JSON.stringify({ ...JSON.parse(body), ...patch }) }));
}

const leaf = (name: string) => new RegExp(`/network/interfaces/macs/[^/]+/${name}$`);
const ips = (n: number) => Array.from({ length: n }, (_, i) => `10.0.${(i >> 8) & 255}.${i & 255}`).join('\n');
const html500: Corruption = {
  status: 500,
  contentType: 'text/html',
  body: '<html><head><title>500 Internal Server Error</title></head><body>oops</body></html>',
};
const cpuFile = (rel: string, content: string) => async (dir: string) => writeFile(join(dir, 'devices/system/cpu', rel), `${content}\n`);
const noStaticKeys = (env: Record<string, string>) => {
  const { AWS_ACCESS_KEY_ID: _a, AWS_SECRET_ACCESS_KEY: _s, ...rest } = env;
  return rest;
};

const scenarios: FactsScenario[] = [
  // IMDS: well-formed answers with values no EC2 host gives → exit 3 naming the path and value.
  {
    name: 'identity document: instanceId is a number',
    exit: 3,
    imds: docWith({ instanceId: 12345 }),
    message: /IMDS .*instance-identity\/document: instanceId 12345 is not an EC2 instance id/,
  },
  {
    name: 'identity document: region is a number',
    exit: 3,
    imds: docWith({ region: 2 }),
    message: /instance-identity\/document: region 2 is not an AWS region/,
  },
  {
    name: 'identity document: account id with a letter',
    exit: 3,
    imds: docWith({ accountId: '12345678901a' }),
    message: /accountId "12345678901a" is not an AWS account id/,
  },
  {
    name: 'identity document: null',
    exit: 3,
    imds: at(new RegExp(`^${DOC}$`), { body: 'null' }),
    message: /instance-identity\/document: the document null is not a JSON object/,
  },
  {
    name: 'public IP 999.1.1.1',
    exit: 3,
    imds: at(leaf('public-ipv4s'), { body: '999.1.1.1' }),
    message: /public-ipv4s: public-ipv4s "999\.1\.1\.1" is not an IPv4 address/,
  },
  {
    name: 'public IP 1.2.3',
    exit: 3,
    imds: at(leaf('public-ipv4s'), { body: '1.2.3' }),
    message: /public-ipv4s: public-ipv4s "1\.2\.3" is not an IPv4 address/,
  },
  {
    name: 'public IP ::1',
    exit: 3,
    imds: at(leaf('public-ipv4s'), { body: '::1' }),
    message: /public-ipv4s: public-ipv4s "::1" is not an IPv4 address/,
  },
  {
    name: '10 000 private IPs',
    exit: 3,
    imds: at(leaf('local-ipv4s'), { body: ips(10_000) }),
    message: /local-ipv4s: local-ipv4s .* is not a list of at most 64 IPv4 addresses \(it has 10000\)/,
  },
  {
    name: 'private IPs repeated',
    exit: 3,
    imds: at(leaf('local-ipv4s'), { body: '10.0.0.5\n10.0.0.5' }),
    message: /local-ipv4s: .*"10\.0\.0\.5" is repeated/,
  },
  {
    name: 'device-number not a number',
    exit: 3,
    imds: at(leaf('device-number'), { body: 'zero' }),
    message: /device-number: device-number "zero" is not a device number/,
  },
  {
    name: 'security group id with a quote',
    exit: 3,
    imds: at(leaf('security-group-ids'), { body: 'sg-0123"; rm -rf /' }),
    message: /security-group-ids: security-group-ids "sg-0123\\"; rm -rf " is not a security group id/,
  },
  {
    name: 'interface listing with a malformed MAC',
    exit: 3,
    imds: at(/\/network\/interfaces\/macs\/$/, { body: 'not-a-mac/' }),
    message: /macs\/: interfaces .*not-a-mac/,
  },
  {
    name: 'interface listing with the same MAC twice',
    exit: 3,
    imds: at(/\/network\/interfaces\/macs\/$/, (body) => ({ body: `${body}\n${body}` })),
    message: /macs\/: interfaces .* is not a list of distinct MAC addresses \(".*" is repeated\)/,
  },
  {
    name: 'identity document: an array',
    exit: 3,
    imds: at(new RegExp(`^${DOC}$`), { body: '[1,2,3]' }),
    message: /instance-identity\/document: the document \[1,2,3\] is not a JSON object/,
  },
  // IMDS misbehaving → exit 5 (transient), retried by the boot unit.
  {
    name: 'identity document: HTML page with 200',
    exit: 5,
    imds: at(new RegExp(`^${DOC}$`), { contentType: 'text/html', body: '<html><body>Service Unavailable</body></html>' }),
    message: /document with a body that is not JSON/,
  },
  {
    name: 'identity document: HTML 500 error page',
    exit: 5,
    imds: at(new RegExp(`^${DOC}$`), html500),
    message: /did not answer \(HTTP 500\) after 3 attempt\(s\), waiting for GET \/latest\/dynamic\/instance-identity\/document/,
  },
  {
    name: 'identity document: truncated body',
    exit: 5,
    imds: at(new RegExp(`^${DOC}$`), { truncate: true }),
    message: /did not answer \(an answer cut off before its end\)/,
  },
  {
    name: 'identity document: 1 MiB body',
    exit: 5,
    imds: at(new RegExp(`^${DOC}$`), { body: 'x'.repeat(1024 * 1024) }),
    message: /over the 262144-byte cap/,
  },
  {
    name: 'identity document: slow trickle',
    exit: 5,
    // 4 s, not 2: on a loaded machine the reads before the document could use up 2 s (the
    // trickle still outlasts any deadline: one chunk every 200 ms).
    deadline: 4,
    imds: at(new RegExp(`^${DOC}$`), { trickleMs: 200 }),
    message: /run deadline \(--deadline\) reached while waiting for IMDS GET \/latest\/dynamic\/instance-identity\/document/,
  },
  {
    name: 'token request: no answer at all',
    exit: 5,
    deadline: 2,
    imds: at(/\/latest\/api\/token$/, { silent: true }),
    message: /run deadline \(--deadline\) reached while waiting for IMDS PUT \/latest\/api\/token/,
  },
  {
    name: 'every GET answers 401 (token rejected twice)',
    exit: 5,
    imds: (req) => (req.method === 'GET' ? { status: 401, body: 'Unauthorized' } : undefined),
    message: /rejected a freshly issued token/,
  },
  {
    name: 'instance-role credentials already expired',
    exit: 5,
    env: noStaticKeys,
    imds: at(/security-credentials\/[^/]+$/, (body) => ({
      body: JSON.stringify({ ...JSON.parse(body), Expiration: '2020-01-01T00:00:00Z' }),
    })),
    message: /instance-role credentials that had already expired/,
  },
  // /sys: one damaged file → exit 3 naming the file.
  {
    name: 'physical_package_id not a number',
    exit: 3,
    sysfs: cpuFile('cpu5/topology/physical_package_id', 'NaN'),
    message: /cpu5\/topology\/physical_package_id: value "NaN" is not a topology id/,
  },
  {
    name: 'core_id empty',
    exit: 3,
    sysfs: cpuFile('cpu0/topology/core_id', ''),
    message: /cpu0\/topology\/core_id: value "" is not a topology id/,
  },
  {
    name: 'L3 shared_cpu_list 0-4000000000',
    exit: 3,
    sysfs: cpuFile('cpu0/cache/index3/shared_cpu_list', '0-4000000000'),
    message: /cpu0\/cache\/index3\/shared_cpu_list: invalid CPU list/,
  },
  {
    name: 'NUMA node cpulist garbage',
    exit: 3,
    sysfs: async (dir) => writeFile(join(dir, 'devices/system/node/node1/cpulist'), 'twenty-four\n'),
    message: /node1\/cpulist: invalid CPU list "twenty-four"/,
  },
  {
    name: 'online CPU list malformed',
    exit: 3,
    sysfs: cpuFile('online', '0-95,x'),
    message: /devices\/system\/cpu\/online: invalid CPU list "0-95,x"/,
  },
  {
    name: 'online CPU list of 2 MiB',
    exit: 3,
    sysfs: cpuFile('online', '0,'.repeat(1024 * 1024)),
    message: /devices\/system\/cpu\/online: longer than 65536 bytes/,
  },
  {
    name: 'interface name with a quote',
    exit: 3,
    sysfs: async (dir, host) => rename(join(dir, 'class/net', host.interfaces[0].linuxName), join(dir, 'class/net', 'eth"0')),
    message: /class\/net: interface name "eth\\"0" is not a Linux interface name/,
  },
  // EC2 answers the facts are mapped from.
  {
    name: "DescribeAddresses: Elastic IP on another instance's ENI",
    exit: 3,
    ec2: (req, up) =>
      /Action=DescribeAddresses/.test(req.body)
        ? {
            contentType: 'text/xml',
            body: up.body.toString('utf8').replace(/<networkInterfaceId>[^<]*</, '<networkInterfaceId>eni-0bbbbbbbbbbbbbbb2<'),
          }
        : undefined,
    message:
      /EC2 DescribeAddresses: .*Elastic IP [\d.]+ is associated with network interface eni-0bbbbbbbbbbbbbbb2, which is not one of this instance's .*re-associate/,
  },
  {
    name: 'DescribeAddresses: public IP 999.1.1.1',
    exit: 3,
    ec2: (req, up) =>
      /Action=DescribeAddresses/.test(req.body)
        ? { contentType: 'text/xml', body: up.body.toString('utf8').replace(/<publicIp>[^<]*</, '<publicIp>999.1.1.1<') }
        : undefined,
    message: /EC2 DescribeAddresses: PublicIp "999\.1\.1\.1" is not an IPv4 address/,
  },
  {
    name: 'DescribeAddresses: Elastic IP of another instance',
    exit: 3,
    ec2: (req, up) =>
      /Action=DescribeAddresses/.test(req.body)
        ? { contentType: 'text/xml', body: up.body.toString('utf8').replace(/<instanceId>[^<]*</, '<instanceId>i-0bbbbbbbbbbbbbbb2<') }
        : undefined,
    message: /EC2 DescribeAddresses: Elastic IP [\d.]+ is associated with instance i-0bbbbbbbbbbbbbbb2, not this instance/,
  },
  // --facts FILE: user input → exit 2 with the same precision.
  {
    name: '--facts: instance id a number',
    exit: 2,
    factsFile: (f) => ({ ...f, instance: { ...f.instance, id: 12345 } }),
    message: /facts file .*facts\.json: \/instance\/id 12345 is not an EC2 instance id/,
  },
  {
    name: '--facts: public IP ::1',
    exit: 2,
    factsFile: (f) => {
      f.interfaces[0].publicIps = ['::1'];
      return f;
    },
    message: /\/interfaces\/0\/publicIps\/0 "::1" is not an IPv4 address/,
  },
  {
    name: '--facts: packageId not a number',
    exit: 2,
    factsFile: (f) => {
      f.cpu.cpus[3].packageId = 'NaN';
      return f;
    },
    message: /\/cpu\/cpus\/3\/packageId "NaN" is not a topology id/,
  },
  {
    name: '--facts: 10 000 private IPs',
    exit: 2,
    factsFile: (f) => {
      f.interfaces[0].privateIps = ips(10_000).split('\n');
      return f;
    },
    message: /\/interfaces\/0\/privateIps has 10000 items; at most 64/,
  },
  { name: '--facts: not JSON', exit: 2, factsFile: () => '{"instance": ', message: /cannot read facts file .*facts\.json/ },
];

/** Each scenario with its `run` (the scenario, then a plain re-run), for the tests and the chaos script. */
export const factsScenarios = scenarios.map((s) => ({
  ...s,
  run: (sb: Sandbox, cli?: CliRunner): Promise<FactsOutcome> => runFactsScenario(s, sb, cli),
}));
