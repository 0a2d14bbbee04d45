/** The host-facts schema and relation checks (src/facts/validate-host-facts.ts, check-host-facts.ts). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HostFactsError, UsageError } from '../../../src/errors.ts';
import { assertGatheredFacts, findFactsProblem, parseFactsDocument } from '../../../src/facts/validate-host-facts.ts';
import type { HostFacts } from '../../../src/types.ts';

const ENI = 'eni-0aaaaaaaaaaaaaaa1';

function facts(): HostFacts {
  const cpus = [0, 1, 2, 3].map((id) => ({
    id,
    packageId: 0,
    coreId: id % 2,
    siblings: [id % 2, (id % 2) + 2],
    l3: [0, 1, 2, 3],
    numaNode: 0,
  }));
  return {
    instance: {
      id: 'i-0123456789abcdef0',
      type: 'c5.24xlarge',
      region: 'us-east-2',
      availabilityZone: 'us-east-2a',
      accountId: '123456789012',
    },
    interfaces: [
      {
        mac: '0a:00:00:00:00:01',
        deviceNumber: 0,
        interfaceId: ENI,
        subnetId: 'subnet-0aaaaaaaaaaaaaaa1',
        vpcId: 'vpc-0aaaaaaaaaaaaaaa1',
        privateIps: ['10.0.0.10'],
        publicIps: ['203.0.113.10'],
        ipv4Associations: { '203.0.113.10': '10.0.0.10' },
        linuxName: 'eth0',
        securityGroupIds: ['sg-0aaaaaaaaaaaaaaa1'],
      },
    ],
    cpu: { online: [0, 1, 2, 3], cpus },
    elasticIps: [{ publicIp: '203.0.113.10', allocationId: 'eipalloc-0aaaaaaaaaaaaaaa1', networkInterfaceId: ENI, privateIp: '10.0.0.10' }],
    instanceTypeInfo: { instanceType: 'c5.24xlarge', vCpus: 96, cores: 48, threadsPerCore: 2, networkPerformance: '25 Gigabit' },
    securityGroups: [
      {
        groupId: 'sg-0aaaaaaaaaaaaaaa1',
        groupName: 'gs',
        inbound: [{ protocol: 'udp', fromPort: 42000, toPort: 50000, prefixListIds: ['pl-087f83ba4f34e3bea'], cidrs: [] }],
      },
    ],
    groundStationPrefixListId: 'pl-087f83ba4f34e3bea',
  };
}

const cases: Array<[string, (f: any) => void, RegExp]> = [
  [
    'instance id a number',
    (f) => {
      f.instance.id = 12345;
    },
    /^\/instance\/id 12345 is not an EC2 instance id/,
  ],
  [
    'region a number',
    (f) => {
      f.instance.region = 2;
    },
    /^\/instance\/region 2 is not an AWS region/,
  ],
  [
    'account id with a letter',
    (f) => {
      f.instance.accountId = '12345678901a';
    },
    /\/instance\/accountId "12345678901a" is not an AWS account id/,
  ],
  [
    'zone of another region',
    (f) => {
      f.instance.availabilityZone = 'eu-west-1a';
    },
    /not a zone of region us-east-2/,
  ],
  [
    'public IP 999.1.1.1',
    (f) => {
      f.interfaces[0].publicIps = ['999.1.1.1'];
    },
    /\/interfaces\/0\/publicIps\/0 "999\.1\.1\.1" is not an IPv4 address/,
  ],
  [
    'public IP 1.2.3',
    (f) => {
      f.interfaces[0].publicIps = ['1.2.3'];
    },
    /"1\.2\.3" is not an IPv4/,
  ],
  [
    'public IP ::1',
    (f) => {
      f.interfaces[0].publicIps = ['::1'];
    },
    /"::1" is not an IPv4/,
  ],
  [
    '10 000 private IPs',
    (f) => {
      f.interfaces[0].privateIps = Array.from({ length: 10_000 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
    },
    /privateIps has 10000 items; at most 64/,
  ],
  [
    'interface name with a quote',
    (f) => {
      f.interfaces[0].linuxName = 'eth"0';
    },
    /linuxName "eth\\"0" is not a Linux interface name/,
  ],
  [
    'package id not a number',
    (f) => {
      f.cpu.cpus[1].packageId = 'NaN';
    },
    /\/cpu\/cpus\/1\/packageId "NaN" is not a topology id/,
  ],
  [
    'CPU past 4095',
    (f) => {
      f.cpu.online.push(5000);
    },
    /\/cpu\/online\/4 5000 is not a CPU number/,
  ],
  [
    'CPU not online',
    (f) => {
      f.cpu.online = [0, 1, 2];
    },
    /CPU 3 is not in the online list/,
  ],
  [
    'association of a foreign IP',
    (f) => {
      f.interfaces[0].ipv4Associations = { '198.51.100.1': '10.0.0.10' };
    },
    /not among this interface's public IPs/,
  ],
  [
    'association key not IPv4',
    (f) => {
      f.interfaces[0].ipv4Associations = { '::1': '10.0.0.10' };
    },
    /key "::1" that is not an IPv4/,
  ],
  [
    'duplicate MAC',
    (f) => {
      f.interfaces.push({ ...f.interfaces[0], deviceNumber: 1, interfaceId: undefined });
    },
    /\/interfaces\/1\/mac "0a:00:00:00:00:01" is repeated/,
  ],
  [
    'EIP on another ENI',
    (f) => {
      f.elasticIps[0].networkInterfaceId = 'eni-0bbbbbbbbbbbbbbb2';
    },
    /Elastic IP 203\.0\.113\.10 is associated with network interface eni-0bbbbbbbbbbbbbbb2, which is not one of this instance's \(eni-0aaaaaaaaaaaaaaa1\): re-associate/,
  ],
  [
    'unknown field inside',
    (f) => {
      f.instance.extra = 1;
    },
    /\/instance has an unknown field "extra"/,
  ],
  [
    'missing instance',
    (f) => {
      delete f.instance;
    },
    /lacks the required field "instance"/,
  ],
  [
    'text with control characters',
    (f) => {
      f.securityGroups[0].groupName = 'a\u001b[31m';
    },
    /groupName "a\\u001b\[31m" is not printable ASCII/,
  ],
  [
    'legacy tuning line that is no number',
    (f) => {
      f.legacyTuning = {
        sysctlConf: { path: '/etc/sysctl.conf', lines: [{ line: 'x', text: 'a' }] },
        rootCrontab: { path: '/var/spool/cron/root', lines: [] },
      };
    },
    /^\/legacyTuning\/sysctlConf\/lines\/0\/line "x" is not a line number/,
  ],
  [
    'kernel command line past 4096 characters',
    (f) => {
      f.proc = { cmdline: 'x'.repeat(5000) };
    },
    /^\/proc\/cmdline .* is not the kernel command line/,
  ],
];

describe('host facts documents', () => {
  test('real facts pass', () => assert.equal(findFactsProblem(facts()), undefined));
  test('with legacy tuning and the /proc readings too', () => {
    const legacyTuning = {
      sysctlConf: { path: '/etc/sysctl.conf', lines: [{ line: 3, text: 'net.ipv4.ip_local_reserved_ports=1-2 # ünïcode' }] },
      rootCrontab: { path: '/var/spool/cron/root', lines: [], unreadable: 'EACCES' },
    };
    assert.equal(
      findFactsProblem({
        ...facts(),
        legacyTuning,
        proc: { cmdline: 'ro quiet', cpuInfo: { vendor: 'GenuineIntel', family: 6, model: 106 } },
      }),
      undefined,
    );
  });
  for (const [name, damage, expected] of cases) {
    test(`${name}: refused with path and value`, () => {
      const f = facts();
      damage(f);
      const p = findFactsProblem(f);
      assert.ok(p, 'a problem');
      assert.match(`${p.path} ${p.message}`, expected);
    });
  }
  test('--facts FILE: exit 2 naming the file; gathered: exit 3 naming the source', () => {
    const f = facts() as any;
    f.interfaces[0].publicIps = ['999.1.1.1'];
    assert.throws(
      () => parseFactsDocument(f, 'f.json'),
      (e: unknown) => e instanceof UsageError && /^facts file f\.json: \/interfaces\/0\/publicIps\/0 "999\.1\.1\.1"/.test(e.message),
    );
    assert.throws(
      () => assertGatheredFacts(f),
      (e: unknown) => e instanceof HostFactsError && /^IMDS meta-data\/network\/interfaces\/macs\/: /.test(e.message),
    );
    const g = facts();
    g.elasticIps![0].networkInterfaceId = 'eni-0bbbbbbbbbbbbbbb2';
    assert.throws(
      () => assertGatheredFacts(g),
      (e: unknown) => e instanceof HostFactsError && /^EC2 DescribeAddresses: /.test(e.message),
    );
  });
});
