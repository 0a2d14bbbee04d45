/** Issue 20: `systemctl show` of the agent's unit and /etc/os-release, parsed strictly. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journalEvidence, parseSystemctlShow } from '../../../../src/facts/linux/agent-service.ts';
import { parseOsRelease } from '../../../../src/facts/linux/os-release.ts';

const SHOW = [
  'LoadState=loaded',
  'ActiveState=activating',
  'SubState=auto-restart',
  'Result=exit-code',
  'ExecMainStatus=101',
  'ExecMainStartTimestampMonotonic=8123456',
];

test('systemctl show: the properties asked for, in any order', () => {
  const r = parseSystemctlShow(`${[...SHOW].reverse().join('\n')}\n`);
  assert.deepEqual(r, {
    ok: true,
    value: {
      loadState: 'loaded',
      activeState: 'activating',
      subState: 'auto-restart',
      result: 'exit-code',
      execMainStatus: 101,
      startedMonotonicUs: 8123456,
    },
  });
});

test('systemctl show: anything else is a reason, never a state', () => {
  const bad = (lines: string[]) => {
    const r = parseSystemctlShow(`${lines.join('\n')}\n`);
    assert.equal(r.ok, false, lines.join('|'));
    return r.ok ? '' : r.reason;
  };
  assert.match(bad(SHOW.slice(1)), /no LoadState/);
  assert.match(bad([...SHOW, 'Foo=bar']), /unexpected line "Foo=bar"/);
  assert.match(bad([...SHOW, 'Result=success']), /Result given twice/);
  assert.match(bad(SHOW.map((l) => l.replace('activating', 'exploding'))), /not a state systemd documents/);
  assert.match(bad(SHOW.map((l) => l.replace('=101', '=300'))), /not an exit status/);
  assert.match(bad(SHOW.map((l) => l.replace('=101', '=-1'))), /not an exit status/);
  assert.match(bad(SHOW.map((l) => l.replace('auto-restart', 'auto\u0000restart'))), /not a state word/);
  assert.match(bad(SHOW.map((l) => l.replace('8123456', '81x'))), /not a number/);
  assert.match(bad(['garbage']), /unexpected line/);
  assert.match(bad(['']), /unexpected line/);
});

test('the journal evidence starts at the last "Loading Config", else the last lines', () => {
  assert.deepEqual(journalEvidence(['a', 'Loading Config', 'b', 'Loading Config', 'panic', 'exit']), ['Loading Config', 'panic', 'exit']);
  assert.deepEqual(journalEvidence(['1', '2', '3', '4', '5', '6']), ['3', '4', '5', '6']);
});

test('os-release: quoted and unquoted values; ID defaults to linux; a value that is not one is a reason', () => {
  assert.deepEqual(parseOsRelease('NAME="Amazon Linux"\nID="amzn"\nVERSION_ID="2"\n', 'f'), {
    ok: true,
    value: { id: 'amzn', versionId: '2', path: 'f' },
  });
  assert.deepEqual(parseOsRelease("ID=amzn\nVERSION_ID='2023'\n# comment\n", 'f'), {
    ok: true,
    value: { id: 'amzn', versionId: '2023', path: 'f' },
  });
  assert.deepEqual(parseOsRelease('', 'f'), { ok: true, value: { id: 'linux', versionId: '', path: 'f' } });
  assert.equal(parseOsRelease('ID="amzn\u001b[31m"\n', 'f').ok, false);
  assert.equal(parseOsRelease('ID=amzn\nVERSION_ID="$(reboot)"\n', 'f').ok, false);
});
