import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readMission } from '../../../src/mission/read-mission.ts';
import { MissionInvalidError } from '../../../src/errors.ts';
import { INVALID_MISSIONS_DIR, invalidMissionCases } from '../../fixtures/invalid-missions/cases.ts';
import { invalidOf } from './helpers.ts';

describe('invalid mission fixtures', () => {
  test('every fixture file has a case, every case a file', () => {
    const files = readdirSync(INVALID_MISSIONS_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    assert.deepEqual(files, invalidMissionCases.map((c) => c.file).sort());
  });

  for (const c of invalidMissionCases) {
    test(c.file, async () => {
      const file = join(INVALID_MISSIONS_DIR, c.file);
      const err = await readMission(file).then(
        () => assert.fail('accepted'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof MissionInvalidError);
      assert.equal(err.exitCode, 2);
      assert.equal(err.message, `mission ${file} is invalid (1 problem)`);
      const where = c.column === undefined ? `${c.line}` : `${c.line}:${c.column}`;
      assert.deepEqual(err.details, [`${file}:${where}: ${c.message}`]);
      assert.ok(c.message.startsWith(`${c.path}: `));
    });
  }
});

/** Inline cases: [name, mission text, exact detail lines (file m.yaml)]. */
const invalid: Array<{ name: string; input: string; errors: string[] }> = [
  {
    name: 'type error on a name',
    input: 'name: 3\ndataflows: []\n',
    errors: [
      'm.yaml:1: name: expected string but got 3; put the value in quotes',
      'm.yaml:2: dataflows: must list at least 1 dataflow (got 0)',
    ],
  },
  {
    name: 'top level is a list',
    input: '- name: a\n',
    errors: ['m.yaml:1: (root): expected a mapping (key: value) but got [{"name":"a"}]'],
  },
  {
    name: 'top level is a scalar',
    input: 'hello\n',
    errors: ['m.yaml:1: (root): expected a mapping (key: value) but got "hello"'],
  },
  {
    name: 'missing required keys and an unknown one',
    input: 'dataflow:\n  - name: a\n',
    errors: [
      'm.yaml:1: (root): missing required key "name"',
      'm.yaml:1: (root): missing required key "dataflows"',
      'm.yaml:1: (root): unknown key "dataflow" (expected one of: name, contact, agent, dataflows, tags, group, profiles)',
    ],
  },
  {
    name: 'downlink with receiveFrom names the right key, once',
    input: 'name: m\ndataflows:\n  - name: d\n    direction: downlink\n    receiveFrom: 127.0.0.1:55000\n',
    errors: [
      'm.yaml:5: dataflows[0].receiveFrom: a downlink has no "receiveFrom" (got "127.0.0.1:55000"); write "deliverTo" instead: where the agent delivers the data',
    ],
  },
  {
    name: 'uplink without receiveFrom',
    input: 'name: m\ndataflows:\n  - name: u\n    direction: uplink\n',
    errors: [
      'm.yaml:3: dataflows[0]: missing required key "receiveFrom" (an uplink needs it: where the agent listens for your uplink data, e.g. 127.0.0.1:56000)',
    ],
  },
  {
    name: 'auto-or-list fields: one message, or the failing item',
    input: `name: m
agent:
  publicIp: 203.0.113.300
  privateIps: [10.0.0.1, 10.0.0.999]
  networkAdapters: eth1
  cpuCores: [1, 2048]
dataflows:
  - name: d
    direction: downlink
    deliverTo: 127.0.0.1:55000
`,
    errors: [
      'm.yaml:3: agent.publicIp: must be "auto" or a dotted IPv4 address like 203.0.113.10 (the host\'s Elastic IP) (got "203.0.113.300")',
      'm.yaml:4: agent.privateIps[1]: must be a dotted IPv4 address like 10.0.1.12 (got "10.0.0.999")',
      'm.yaml:5: agent.networkAdapters: must be "auto" or a list of network interface names, e.g. [eth1] (got "eth1")',
      'm.yaml:6: agent.cpuCores[1]: must be between 0 and 1023 (got 2048)',
    ],
  },
  {
    name: 'tags: bad key, unquoted number, reserved aws: prefix',
    input: `name: m
dataflows:
  - name: d
    direction: downlink
    deliverTo: 127.0.0.1:55000
tags:
  "bad!key": x
  version: 1.5
`,
    errors: [
      'm.yaml:7: tags["bad!key"]: tag keys must be 1–128 letters, digits, spaces or + - = . _ : / @ (got "bad!key")',
      'm.yaml:8: tags.version: expected string but got 1.5; put the value in quotes',
    ],
  },
  {
    name: 'more than 40 tags',
    input: `name: m\ndataflows:\n  - name: d\n    direction: downlink\n    deliverTo: 127.0.0.1:55000\ntags:\n${Array.from({ length: 41 }, (_, i) => `  t${i}: v\n`).join('')}`,
    errors: ['m.yaml:6: tags: must have at most 40 entries (got 41)'],
  },
  {
    name: 'group that is neither ARN nor uuid',
    input: 'name: m\ngroup: my-group\ndataflows:\n  - name: d\n    direction: downlink\n    deliverTo: 127.0.0.1:55000\n',
    errors: [
      'm.yaml:2: group: must be a dataflow endpoint group ARN (arn:aws:groundstation:<region>:<account>:dataflow-endpoint-group/<id>) or its id (a lowercase UUID) (got "my-group")',
    ],
  },
  {
    name: 'number limits',
    input: `name: m
contact:
  postPassSeconds: 481
agent:
  portsPerDataflow: 100
dataflows:
  - name: d
    direction: downlink
    deliverTo: 127.0.0.1:55000
    bandwidthMHz: 0
    localMtu: 1399
`,
    errors: [
      'm.yaml:3: contact.postPassSeconds: must be between 30 and 480 (got 481)',
      'm.yaml:5: agent.portsPerDataflow: must be between 300 and 65535 (got 100); AWS needs at least 300 contiguous agent ports per dataflow',
      'm.yaml:10: dataflows[0].bandwidthMHz: must be greater than 0 (got 0)',
      'm.yaml:11: dataflows[0].localMtu: must be between 1400 and 1500 (got 1399); Ground Station accepts MTUs of 1400–1500 only (no jumbo frames)',
    ],
  },
  {
    name: 'rules: every problem at once, in document order',
    input: `name: m
agent:
  portPool: 42000-42999
  cpuCores: 8-4,1030
dataflows:
  - name: a
    direction: downlink
    deliverTo: -bad-.example:55000
    agentPorts: 30000-30299
  - name: a
    direction: uplink
    receiveFrom: 127.0.0.1:30100
  - name: c
    direction: downlink
    deliverTo: 127.0.0.1:70000
tags:
  aws:cloudformation: x
`,
    errors: [
      'm.yaml:4: agent.cpuCores: CPU range "8-4" runs backwards (got "8-4,1030"); write the lower number first',
      'm.yaml:4: agent.cpuCores: CPU 1030 in "1030" is above 1023 (got "8-4,1030")',
      'm.yaml:8: dataflows[0].deliverTo: host -bad-.example is not a valid host name (got "-bad-.example:55000"); each dot-separated part must be 1–63 letters, digits or "-", not starting or ending with "-"',
      'm.yaml:9: dataflows[0].agentPorts: lies outside agent.portPool 42000-42999 (got "30000-30299"); pick a range inside the pool, or widen agent.portPool',
      'm.yaml:10: dataflows[1].name: duplicate dataflow name, also used by dataflows[0] (got "a"); give each dataflow its own name',
      'm.yaml:12: dataflows[1].receiveFrom: port 30100 lies inside dataflows[0].agentPorts 30000-30299 (got "127.0.0.1:30100"); the agent uses those ports for Ground Station traffic; pick a port outside them',
      'm.yaml:15: dataflows[2].deliverTo: port 70000 is not between 1 and 65535 (got "127.0.0.1:70000")',
      'm.yaml:17: tags["aws:cloudformation"]: tag keys starting with "aws:" are reserved for AWS (got "x"); rename the tag',
    ],
  },
  {
    name: 'the default pool, too small for twelve big blocks',
    input: `name: m\nagent:\n  portsPerDataflow: 700\ndataflows:\n${Array.from(
      { length: 12 },
      (_, i) => `  - name: d${i}\n    direction: downlink\n    deliverTo: 127.0.0.1:${55000 + i}\n`,
    ).join('')}`,
    errors: [
      'm.yaml:2: agent.portPool: the default pool 42000-50000 is too small: 12 dataflow(s) without agentPorts need 8400 ports (12 × 700 contiguous) but 8001 ports are free, room for 11; widen agent.portPool or lower agent.portsPerDataflow (minimum 300)',
    ],
  },
  {
    name: 'pool range out of bounds stops the layout rules',
    input: 'name: m\nagent:\n  portPool: 0-70000\ndataflows:\n  - name: d\n    direction: downlink\n    deliverTo: 127.0.0.1:55000\n',
    errors: ['m.yaml:3: agent.portPool: ports must be between 1 and 65535 (got "0-70000"); e.g. 42000-50000'],
  },
  {
    name: 'YAML syntax error with line and column',
    input: 'name: m\ndataflows: [\n',
    errors: ['m.yaml:3:1: syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  },
];

describe('invalid inline missions', () => {
  for (const c of invalid) {
    test(c.name, () => {
      const err = invalidOf(c.input);
      assert.deepEqual(err.details, c.errors);
      const n = c.errors.length;
      assert.equal(err.message, `mission m.yaml is invalid (${n} problem${n === 1 ? '' : 's'})`);
    });
  }

  test('a JSON mission reports JSON line numbers', () => {
    const json =
      '{\n  "name": "m",\n  "dataflows": [\n    {\n      "name": "d",\n      "direction": "downlink",\n      "deliverTo": "127.0.0.1:55000",\n      "mtu": 9000\n    }\n  ]\n}\n';
    assert.deepEqual(invalidOf(json, 'm.json').details, [
      'm.json:8: dataflows[0].mtu: must be between 1400 and 1500 (got 9000); Ground Station accepts MTUs of 1400–1500 only (no jumbo frames)',
    ]);
  });

  test('the empty file and a comments-only file', () => {
    const empty = ['m.yaml:1: (root): the file is empty; a mission needs at least "name" and "dataflows"'];
    assert.deepEqual(invalidOf('').details, empty);
    assert.deepEqual(invalidOf('# nothing here\n').details, empty);
  });

  test('a missing file', async () => {
    await assert.rejects(readMission('/nonexistent/mission.yaml'), (e: unknown) => {
      assert.ok(e instanceof MissionInvalidError);
      assert.equal(e.message, 'cannot read mission file /nonexistent/mission.yaml: no such file');
      assert.equal(e.exitCode, 2);
      return true;
    });
  });
});
