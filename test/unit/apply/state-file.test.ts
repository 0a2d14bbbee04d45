/**
 * The state file is data from outside (a copied image brings another host's): parsed once, and
 * trusted only when it names this instance (identity from IMDS, issue 19 item 2).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseState, readOwnState, strangerStateText, type HostState } from '../../../src/apply/state-file.ts';
import { STATE_PATH, underRoot } from '../../../src/host-paths.ts';

const GROUP = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
const OTHER_GROUP = '1b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
const valid: HostState = {
  version: 1,
  mission: 'noaa20-wideband',
  instanceId: 'i-0123456789abcdef0',
  region: 'us-east-2',
  groupId: GROUP,
  groupArn: `arn:aws:groundstation:us-east-2:123456789012:dataflow-endpoint-group/${GROUP}`,
  groupHash: 'abc',
  retiring: [OTHER_GROUP],
  files: [{ path: '/etc/x', sha256: 'f'.repeat(64) }],
  confirmed: true,
  replacedInvalidIp: OTHER_GROUP,
};
const text = (o: object) => JSON.stringify(o);

test('a state file as written is read back as it is', () => {
  assert.deepEqual(parseState(text(valid)), valid);
});

test('a state file with a field missing, of another type or of another shape is not the tool’s', () => {
  const broken: object[] = [
    { ...valid, version: 2 },
    { ...valid, groupId: 42 },
    { ...valid, groupId: 'not-a-group-id' },
    { ...valid, instanceId: 'i-$(reboot)' },
    { ...valid, mission: 'bad name\u001b[2J' },
    { ...valid, retiring: ['x'] },
    { ...valid, retiring: 'x' },
    { ...valid, files: [{ path: 1 }] },
    { ...valid, confirmed: 'yes' },
    { ...valid, replacedInvalidIp: 'x' },
    { ...valid, deferred: { steps: 'restart' } },
  ];
  for (const b of broken) assert.equal(parseState(text(b)), undefined, JSON.stringify(b));
  assert.equal(parseState('{not json'), undefined);
  assert.equal(parseState('[]'), undefined);
});

test('readOwnState: a file naming this instance is its own, one naming another is a stranger’s, none is neither', async () => {
  const root = await mkdtemp(join(tmpdir(), 'gsac-state-'));
  try {
    assert.deepEqual(await readOwnState(root, valid.instanceId), {});
    const file = underRoot(root, STATE_PATH);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text(valid));
    assert.deepEqual(await readOwnState(root, valid.instanceId), { own: valid });
    const other = await readOwnState(root, 'i-0fedcba9876543210');
    assert.deepEqual(other, { stranger: valid });
    assert.match(
      strangerStateText(root, other.stranger, 'i-0fedcba9876543210'),
      /names instance i-0123456789abcdef0 \(mission noaa20-wideband, group 0b1c2d3e-.*\), but this host is i-0fedcba9876543210 \(IMDS\)/,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
