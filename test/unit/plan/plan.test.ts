import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { plan } from '../../../src/plan/plan.ts';
import { carvePortRanges, formatReservedPorts } from '../../../src/plan/port-plan.ts';
import { HostFactsError, MissionInvalidError } from '../../../src/errors.ts';
import { aDataflow, aHost, aMission } from '../../helpers/builders.ts';

const three = () =>
  aMission({
    dataflows: [
      aDataflow({ name: 'a', bandwidthMHz: 100 }),
      aDataflow({ name: 'b', bandwidthMHz: 50, agentPorts: { min: 42100, max: 42499 }, address: { host: '127.0.0.1', port: 55001 } }),
      aDataflow({ name: 'c', direction: 'uplink', address: { host: '127.0.0.1', port: 56000 }, mtu: 1500 }),
    ],
  });

test('same inputs give byte-identical plans (and hash)', () => {
  const a = JSON.stringify(plan(three(), aHost()));
  const b = JSON.stringify(plan(three(), aHost()));
  assert.equal(a, b);
});

test('ports: explicit ranges kept, others carved lowest-first around them, never overlapping', () => {
  const ranges = carvePortRanges(three());
  assert.deepEqual(ranges, [
    { min: 42500, max: 42799 },
    { min: 42100, max: 42499 },
    { min: 42800, max: 43099 },
  ]);
  assert.equal(formatReservedPorts([...ranges, { min: 55001, max: 55001 }, { min: 55000, max: 55000 }]), '42100-43099,55000-55001');
});

test('the pool running out is a mission error naming the dataflow', () => {
  const m = aMission(
    { dataflows: [aDataflow({ name: 'a' }), aDataflow({ name: 'b', address: { host: '127.0.0.1', port: 55001 } })] },
    { portPool: { min: 42000, max: 42400 } },
  );
  assert.throws(
    () => carvePortRanges(m),
    (e: unknown) => e instanceof MissionInvalidError && /no room for dataflow b/.test(e.message),
  );
});

test('the request is the V2 shape: one union member per endpoint, EIP + range on the agent side', () => {
  const p = plan(three(), aHost());
  assert.equal(p.request.endpoints.length, 3);
  assert.deepEqual(p.request.endpoints[0], {
    downlinkAwsGroundStationAgentEndpoint: {
      name: 'm1-a',
      dataflowDetails: {
        agentConnectionDetails: {
          agentIpAndPortAddress: { socketAddress: { name: '203.0.113.10', portRange: { minimum: 42500, maximum: 42799 } } },
          egressAddressAndPort: { socketAddress: { name: '127.0.0.1', port: 55000 } },
        },
      },
    },
  });
  assert.deepEqual(Object.keys(p.request.endpoints[2]), ['uplinkAwsGroundStationAgentEndpoint']);
  assert.deepEqual(p.request.tags, {
    'gs-agent-config:mission': 'm1',
    'gs-agent-config:instance-id': 'i-0123456789abcdef0',
    'gs-agent-config:plan-hash': p.groupHash,
  });
  assert.equal(p.tuning.reservedPorts, '42100-43099,55000-55001,56000');
  assert.deepEqual(p.device, {
    privateIps: ['127.0.0.1'], // issue 20: AWS's documented default when the mission leaves it auto
    publicIps: ['203.0.113.10'],
    agentCpuCores: p.device.agentCpuCores,
    networkAdapters: ['eth0'],
  });
});

test('tags do not change the group hash (they are reconciled in place); endpoints do', () => {
  const base = plan(aMission(), aHost()).groupHash;
  assert.equal(plan(aMission({ tags: { team: 'x' } }), aHost()).groupHash, base);
  assert.notEqual(plan(aMission({ contact: { prePassSeconds: 60, postPassSeconds: 120 } }), aHost()).groupHash, base);
});

test('public IP: auto needs exactly one Elastic IP', () => {
  const host = aHost();
  const noEip = { ...host, elasticIps: [] };
  assert.throws(
    () => plan(aMission(), noEip),
    (e: unknown) => e instanceof HostFactsError && /auto-assigned, not an Elastic IP/.test(e.message),
  );
  const twoIfaces = aHost('c5.24xlarge', null, {
    interfaces: [
      host.interfaces[0],
      {
        ...host.interfaces[0],
        mac: '0e:00:00:00:00:02',
        deviceNumber: 1,
        linuxName: 'eth1',
        publicIps: ['198.51.100.7'],
        privateIps: ['10.0.2.10'],
      },
    ],
    elasticIps: [{ publicIp: '203.0.113.10' }, { publicIp: '198.51.100.7' }],
  });
  const m = aMission({}, { cpuCores: [24, 25, 72, 73] });
  assert.throws(
    () => plan(m, twoIfaces),
    (e: unknown) => e instanceof HostFactsError && /2 Elastic IPs/.test(e.message),
  );
  const chosen = plan(aMission({}, { cpuCores: [24, 25, 72, 73], publicIp: '198.51.100.7' }), twoIfaces);
  assert.deepEqual(chosen.device.networkAdapters, ['eth1']);
  // Issue 20: auto is AWS's documented default, not the interface's private IPs.
  assert.deepEqual(chosen.device.privateIps, ['127.0.0.1']);
});

test('without EC2 facts the IP is used but flagged as unverified', () => {
  const p = plan(aMission(), { ...aHost(), elasticIps: undefined });
  assert.match(p.warnings.join('\n'), /not verified to be an Elastic IP/);
});

test('the planner imports no I/O: only its own modules, types, errors, the pure vocabulary (cpu-list, ownership-tags, shell-quote) and node:crypto', () => {
  const dir = new URL('../../../src/plan/', import.meta.url);
  const allowed =
    /^(\.\/[\w-]+\.ts|\.\.\/types\.ts|\.\.\/errors\.ts|\.\.\/cpu-list\.ts|\.\.\/ownership-tags\.ts|\.\.\/shell-quote\.ts|node:crypto)$/;
  for (const f of readdirSync(dir)) {
    const src = readFileSync(new URL(f, dir), 'utf8');
    for (const m of src.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)) assert.match(m[1], allowed, `${f} imports ${m[1]}`);
    assert.doesNotMatch(src, /\b(process\.|Date\.now|Math\.random|new Date\()/, f);
  }
  for (const vocabulary of ['cpu-list.ts', 'ownership-tags.ts', 'shell-quote.ts']) {
    assert.doesNotMatch(readFileSync(new URL(`../../../src/${vocabulary}`, import.meta.url), 'utf8'), /^import /m, vocabulary);
  }
});
