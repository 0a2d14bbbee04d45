/** Issue 20 (h20-rest): agent-restarted and receiver-listening as pure checks, and their parsers: ok / warn / unknown. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notRead, unreadDoctorFacts } from '../../helpers/doctor-facts.ts';
import { agentRestarted } from '../../../src/doctor/checks/agent-checks.ts';
import { receiverListening } from '../../../src/doctor/checks/receiver-checks.ts';
import type { DoctorInput } from '../../../src/doctor/types.ts';
import type { DoctorFacts, Fact } from '../../../src/facts/types.ts';
import type { Mission } from '../../../src/types.ts';
import { parseInstallTime, parseStartStamp, parseUtcStamp } from '../../../src/facts/linux/agent-times.ts';
import { parseProcNetUdp } from '../../../src/facts/linux/udp-sockets.ts';

const no = notRead;

function input(over: Partial<DoctorFacts>, mission?: Mission): DoctorInput {
  const doctor = unreadDoctorFacts(over);
  return { host: no(), plan: { ok: false, reason: 'no plan' }, doctor, root: '/', ...(mission && { mission }) };
}

const START = 1_736_935_200; // 2025-01-15 10:00:00 UTC

test('agent-restarted: installed before the start is ok; after it warns with the restart; unsound or missing is unknown', () => {
  const ok = agentRestarted(input({ agentTimes: { ok: true, value: { installedAt: START - 3600, startedAt: START } } }));
  assert.equal(ok.status, 'ok');
  assert.match(ok.evidence, /installed 2025-01-15 09:00:00 UTC .* started 2025-01-15 10:00:00 UTC/);
  const warn = agentRestarted(input({ agentTimes: { ok: true, value: { installedAt: START + 60, startedAt: START } } }));
  assert.equal(warn.status, 'warn');
  assert.match(warn.evidence, /changed on disk after the agent started/);
  assert.equal(warn.fix, 'sudo systemctl restart aws-groundstation-agent, outside a contact (gs-agent-config status shows the next one)');
  assert.equal(agentRestarted(input({ agentTimes: { ok: true, value: { installedAt: START, startedAt: START } } })).status, 'ok');
  assert.deepEqual(
    [
      agentRestarted(input({})),
      agentRestarted(input({ agentTimes: no('rpm hung') })),
      agentRestarted(input({ agentTimes: { ok: true, value: { installedAt: null, startedAt: null } } })),
      agentRestarted(input({ agentTimes: { ok: true, value: { installedAt: START, startedAt: null } } })),
    ].map((r) => `${r.status} ${r.evidence}`),
    [
      'unknown install and start times not read',
      'unknown rpm hung',
      'unknown aws-groundstation-agent is not installed: see agent-installed',
      'unknown aws-groundstation-agent.service has not started since boot: see agent-running',
    ],
  );
});

test('agent-times parsers: strict UTC stamps, one install time, rpm\'s own "not installed"', () => {
  assert.equal(parseUtcStamp('Wed 2025-01-15 10:00:00 UTC'), START);
  for (const bad of [
    'Tue 2025-01-15 10:00:00 UTC',
    'Wed 2025-01-15 10:00:00 CET',
    'Wed 2025-02-30 10:00:00 UTC',
    'Wed 2025-01-15 24:00:00 UTC',
    '',
  ])
    assert.equal(parseUtcStamp(bad), undefined, bad);
  assert.deepEqual(parseStartStamp('ExecMainStartTimestamp=Wed 2025-01-15 10:00:00 UTC\n'), { ok: true, value: START });
  assert.deepEqual(parseStartStamp('ExecMainStartTimestamp=\n'), { ok: true, value: null });
  assert.equal(parseStartStamp('ExecMainStartTimestamp=n/a\n').ok, false);
  assert.equal(parseStartStamp('X=1\nExecMainStartTimestamp=\n').ok, false);
  const out = (stdout: string, exitCode = 0) => ({ stdout, exitCode, label: 'rpm -q', stderrLine: '' });
  assert.deepEqual(parseInstallTime(out('1736931600\n')), { ok: true, value: 1_736_931_600 });
  assert.deepEqual(parseInstallTime(out('package aws-groundstation-agent is not installed\n', 1)), { ok: true, value: null });
  for (const bad of [out('1736931600\n1736931700\n'), out('(none)\n'), out('\u0000\n'), out('', 1), out('1\n', 137)])
    assert.equal(parseInstallTime(bad).ok, false, JSON.stringify(bad));
});

const UDP = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  123: 0100007F:D6D8 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 12345 2 0000000000000000 0
  124: 00000000:0143 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 12346 2 0000000000000000 0
`;
const UDP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
    0: 0000000000000000FFFF00000100007F:D6D9 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000   997        0 17002 2 0000000000000000 0
    1: 00000000000000000000000000000000:D6DA 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000   997        0 17003 2 0000000000000000 0
`;

test('/proc/net/udp and udp6 parse strictly: hex little-endian addresses and ports; anything else is a reason', () => {
  assert.deepEqual(parseProcNetUdp(UDP, 4, 'udp'), {
    ok: true,
    value: [
      { family: 4, address: '127.0.0.1', port: 55000 },
      { family: 4, address: '0.0.0.0', port: 323 },
    ],
  });
  assert.deepEqual(parseProcNetUdp(UDP6, 6, 'udp6'), {
    ok: true,
    value: [
      { family: 6, address: '0:0:0:0:0:ffff:7f00:1', port: 55001 },
      { family: 6, address: '0:0:0:0:0:0:0:0', port: 55002 },
    ],
  });
  for (const bad of [
    '',
    'garbage\n',
    UDP.replace('0100007F:D6D8', '0100007G:D6D8'),
    `${UDP}  125: 0100007F\n`,
    UDP.replace('D6D8', 'D6D\u0000'),
  ])
    assert.equal(parseProcNetUdp(bad, 4, 'udp').ok, false, JSON.stringify(bad.slice(0, 40)));
  assert.equal(parseProcNetUdp(UDP6, 4, 'udp').ok, false);
});

const mission = (ports: number[], host = '127.0.0.1') =>
  ({
    name: 'wideband',
    dataflows: ports.map((port, i) => ({ name: `d${i}`, direction: 'downlink', address: { host, port } })),
  }) as unknown as Mission;
const sockets = (text: string, family: 4 | 6) => parseProcNetUdp(text, family, 'x');

test('receiver-listening: every deliverTo bound is ok; one missing warns naming port and dataflow; unsound is unknown', () => {
  const both = sockets(UDP, 4);
  assert.ok(both.ok);
  const v6 = sockets(UDP6, 6);
  assert.ok(v6.ok);
  const all: Fact<typeof both.value> = { ok: true, value: [...both.value, ...v6.value] };
  assert.equal(receiverListening(input({ udpSockets: all }, mission([55000, 55001, 55002, 323]))).status, 'ok');
  const warn = receiverListening(input({ udpSockets: all }, mission([55000, 55003])));
  assert.equal(warn.status, 'warn');
  assert.match(warn.evidence, /dataflow d1 of mission wideband: deliverTo 127\.0\.0\.1:55003/);
  assert.match(warn.fix, /^start the receiver for d1 on UDP 127\.0\.0\.1:55003 before the contact/);
  // Bound to 127.0.0.1 does not receive what is sent to 10.0.0.5.
  assert.equal(receiverListening(input({ udpSockets: all }, mission([55000], '10.0.0.5'))).status, 'warn');
  assert.equal(receiverListening(input({ udpSockets: all }, mission([323], '10.0.0.5'))).status, 'ok');
  assert.equal(receiverListening(input({ udpSockets: all }, mission([]))).status, 'ok');
  assert.deepEqual(
    [
      receiverListening(input({ udpSockets: all })),
      receiverListening(input({ udpSockets: no('/proc/net/udp is cut at 1048576 bytes') }, mission([55000]))),
      receiverListening(input({}, mission([55000]))),
    ].map((r) => r.status),
    ['unknown', 'unknown', 'unknown'],
  );
});
