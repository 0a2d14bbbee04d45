import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { parseMission } from '../../../src/mission/parse-mission.ts';
import { readMission } from '../../../src/mission/read-mission.ts';
import type { Mission } from '../../../src/types.ts';
import { VALID } from './helpers.ts';

const example = (name: string) => fileURLToPath(new URL(`../../../examples/missions/${name}`, import.meta.url));

const defaultAgent: Mission['agent'] = {
  portPool: { min: 42000, max: 50000 },
  portsPerDataflow: 300,
  publicIp: 'auto',
  cpuCores: 'auto',
  networkAdapters: 'auto',
  privateIps: 'auto',
};

describe('examples/missions parse to the expected Mission', () => {
  test('wideband-downlink.yaml', async () => {
    const file = example('wideband-downlink.yaml');
    assert.deepEqual(await readMission(file), {
      name: 'noaa20-wideband',
      file,
      contact: { prePassSeconds: 120, postPassSeconds: 180 },
      agent: defaultAgent,
      dataflows: [
        { name: 'digif-downlink', direction: 'downlink', address: { host: '127.0.0.1', port: 55000 }, mtu: 1500, bandwidthMHz: 400 },
      ],
      tags: { team: 'flight-ops' },
    } satisfies Mission);
  });

  test('uplink-and-downlink.yaml', async () => {
    const file = example('uplink-and-downlink.yaml');
    assert.deepEqual(await readMission(file), {
      name: 'tt-and-c',
      file,
      contact: { prePassSeconds: 60, postPassSeconds: 60 },
      agent: { ...defaultAgent, portPool: { min: 42000, max: 43000 }, publicIp: '203.0.113.10' },
      dataflows: [
        {
          name: 'cmd-uplink',
          direction: 'uplink',
          address: { host: '127.0.0.1', port: 56000 },
          agentPorts: { min: 42000, max: 42299 },
          bandwidthMHz: 5,
        },
        { name: 'tlm-downlink', direction: 'downlink', address: { host: '127.0.0.1', port: 55000 }, addressMtu: 1500, bandwidthMHz: 10 },
      ],
      tags: {},
    } satisfies Mission);
  });

  test('multi-downlink.yaml', async () => {
    const m = await readMission(example('multi-downlink.yaml'));
    assert.deepEqual(
      m.dataflows.map((d) => [d.name, d.address.port, d.bandwidthMHz]),
      [
        ['xband-200', 55000, 200],
        ['xband-100', 55001, 100],
        ['sband-50', 55002, 50],
      ],
    );
    assert.deepEqual(m.agent, defaultAgent);
    assert.deepEqual(m.contact, { prePassSeconds: 120, postPassSeconds: 120 });
    assert.deepEqual(m.tags, { project: 'earth-observation', 'cost-center': '4711' });
  });

  test('narrowband.json (JSON, with a $schema key)', async () => {
    const file = example('narrowband.json');
    assert.deepEqual(await readMission(file), {
      name: 'cubesat-narrowband',
      file,
      contact: { prePassSeconds: 120, postPassSeconds: 120 },
      agent: { ...defaultAgent, portPool: { min: 42000, max: 42999 } },
      dataflows: [{ name: 'uhf-downlink', direction: 'downlink', address: { host: '127.0.0.1', port: 55000 }, bandwidthMHz: 20 }],
      tags: { team: 'cubesat' },
    } satisfies Mission);
  });
});

describe('normalisation', () => {
  test('defaults fill everything optional', () => {
    assert.deepEqual(parseMission(VALID, 'm.yaml'), {
      name: 'm',
      file: 'm.yaml',
      contact: { prePassSeconds: 120, postPassSeconds: 120 },
      agent: defaultAgent,
      dataflows: [{ name: 'd', direction: 'downlink', address: { host: '127.0.0.1', port: 55000 } }],
      tags: {},
    } satisfies Mission);
  });

  test('cpuCores lists become sorted unique numbers; explicit agent values are kept', () => {
    const text = `name: m
agent:
  cpuCores: "72-73,24-26,25"
  privateIps: [10.0.1.12]
  networkAdapters: [eth1]
  publicIp: 203.0.113.10
dataflows:
  - name: d
    direction: downlink
    deliverTo: receiver.internal:55000
group: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
`;
    const m = parseMission(text, 'm.yaml');
    assert.deepEqual(m.agent.cpuCores, [24, 25, 26, 72, 73]);
    assert.deepEqual(m.agent.privateIps, ['10.0.1.12']);
    assert.deepEqual(m.agent.networkAdapters, ['eth1']);
    assert.equal(m.agent.publicIp, '203.0.113.10');
    assert.deepEqual(m.dataflows[0].address, { host: 'receiver.internal', port: 55000 });
    assert.equal(m.group, '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
  });

  test('cpuCores as a YAML list, a group ARN, bytes input with a BOM', () => {
    const text = `\uFEFFname: m
agent:
  cpuCores: [5, 3, 3, 4]
dataflows:
  - name: u
    direction: uplink
    receiveFrom: 127.0.0.1:56000
    bandwidthMHz: 800
group: arn:aws:groundstation:us-east-2:123456789012:dataflow-endpoint-group/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
`;
    const m = parseMission(new TextEncoder().encode(text), 'm.yaml');
    assert.deepEqual(m.agent.cpuCores, [3, 4, 5]);
    assert.equal(m.dataflows[0].bandwidthMHz, 800, 'the 400 MHz cap is for downlinks only');
    assert.match(m.group ?? '', /^arn:aws:groundstation:/);
  });

  test('twelve dataflows fill the default pool exactly as the planner carves', () => {
    const dfs = Array.from({ length: 12 }, (_, i) => `  - name: d${i}\n    direction: downlink\n    deliverTo: 127.0.0.1:${55000 + i}\n`);
    const m = parseMission(`name: m\nagent:\n  portPool: 42000-45599\ndataflows:\n${dfs.join('')}`, 'm.yaml');
    assert.equal(m.dataflows.length, 12);
  });
});
