import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsCallError } from '../../../src/errors.ts';
import { gatherFacts } from '../../../src/facts/gather.ts';
import { createEc2Service } from '../../../sandbox/ec2-service.ts';
import { getHostProfile } from '../../../sandbox/hosts.ts';
import { createImdsService } from '../../../sandbox/imds-service.ts';
import { writeSysfsTree } from '../../../sandbox/sysfs-tree.ts';
import { serveService } from '../../helpers/serve-service.ts';

const credentials = { accessKeyId: 'AKIDSANDBOX0000000003', secretAccessKey: 'sandbox-secret' };
const host = getHostProfile('two-eni');
const servers: Array<{ url: string; close(): Promise<void> }> = [];
let sysRoot: string;

before(async () => {
  sysRoot = await mkdtemp(join(tmpdir(), 'gs-gather-'));
  await writeSysfsTree(host, sysRoot);
  servers.push(await serveService(createImdsService(host)));
  servers.push(await serveService(createEc2Service(host, { credentials, region: 'us-east-2' })));
  servers.push(await serveService(createEc2Service(host, { credentials, region: 'us-east-2', deny: true })));
});
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(sysRoot, { recursive: true, force: true });
});

test('two-eni: IMDS + sysfs + EC2 joined', async () => {
  const facts = await gatherFacts({ imdsEndpoint: servers[0].url, sysRoot, ec2: { endpoint: servers[1].url, credentials } });
  assert.equal(facts.instance.id, host.instanceId);
  assert.deepEqual(
    facts.interfaces.map((i) => [i.deviceNumber, i.linuxName, i.publicIps]),
    [
      [0, 'eth0', []],
      [1, 'eth1', ['203.0.113.61']],
    ],
  );
  assert.equal(facts.cpu?.online.length, 96);
  assert.deepEqual(
    facts.elasticIps?.map((e) => [e.publicIp, e.networkInterfaceId]),
    [['203.0.113.61', host.interfaces[1].interfaceId]],
  );
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(facts)));
});

test('ec2: false skips EC2 and leaves elasticIps out', async () => {
  const facts = await gatherFacts({ imdsEndpoint: servers[0].url, sysRoot, ec2: false });
  assert.equal('elasticIps' in facts, false);
});

test('EC2 refusal is thrown as AwsCallError (the caller may retry with ec2: false)', async () => {
  await assert.rejects(
    gatherFacts({ imdsEndpoint: servers[0].url, sysRoot, ec2: { endpoint: servers[2].url, credentials } }),
    (err: unknown) => err instanceof AwsCallError && err.code === 'UnauthorizedOperation',
  );
});

test('asked for, legacy tuning under a root and the /proc readings pass the gate with the rest; not asked, they are absent', async () => {
  const root = await mkdtemp(join(tmpdir(), 'gs-gather-root-'));
  const proc = await mkdtemp(join(tmpdir(), 'gs-gather-proc-'));
  try {
    await mkdir(join(root, 'etc'), { recursive: true });
    await writeFile(join(root, 'etc/sysctl.conf'), '# kernel\nnet.ipv4.ip_local_reserved_ports = 40000-40010\n');
    await writeFile(join(proc, 'cmdline'), 'ro console=tty0\n');
    await writeFile(
      join(proc, 'cpuinfo'),
      'processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\nmodel name\t: Xeon\nstepping\t: 7\n\n',
    );
    const facts = await gatherFacts({
      imdsEndpoint: servers[0].url,
      sysRoot,
      ec2: false,
      legacyTuningRoot: root,
      procRoot: { ok: true, value: proc },
    });
    assert.deepEqual(facts.legacyTuning, {
      sysctlConf: { path: '/etc/sysctl.conf', lines: [{ line: 2, text: 'net.ipv4.ip_local_reserved_ports = 40000-40010' }] },
      rootCrontab: { path: '/var/spool/cron/root', lines: [] },
    });
    assert.deepEqual(facts.proc, {
      cmdline: 'ro console=tty0',
      cpuInfo: { vendor: 'GenuineIntel', modelName: 'Xeon', family: 6, model: 85, stepping: 7 },
    });
    const plain = await gatherFacts({ imdsEndpoint: servers[0].url, sysRoot, ec2: false, procRoot: { ok: false, reason: 'not asked' } });
    assert.deepEqual(['legacyTuning' in plain, 'proc' in plain, 'nicRingMax' in plain], [false, false, false]);
  } finally {
    await Promise.all([root, proc].map((d) => rm(d, { recursive: true, force: true })));
  }
});
