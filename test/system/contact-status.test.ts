/**
 * status and plan read the mission profiles the mission names (real SDK client against the
 * sandbox): a dataflow endpoint config naming an endpoint this group does not have, or in
 * another region, is reported with the exact config and the expected names (status exit 6,
 * plan warning); status lists the next contacts that will use this host.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { example, runMain } from '../helpers/cli.ts';
import { createMissionProfile, reserveContact, sdkClient } from '../helpers/contacts-fixtures.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';

const f = useSandbox('contact-status');
const ENDPOINT = 'wire-digif-downlink';

async function missionWith(profiles: string): Promise<string> {
  const text = (await readFile(example('wideband-downlink.yaml'), 'utf8')).replace(/^name: noaa20-wideband /m, 'name: wire ');
  const file = join(f.root, 'mission.yaml');
  await writeFile(file, `${text}\nprofiles:\n${profiles}`);
  return file;
}

test('wiring: good, misspelt and wrong-region mission profiles; status exit 6 names the configs, plan warns; next contacts listed', async () => {
  f.sb.hostAgent.running = true;
  const client = sdkClient(f.sb);
  const good = await createMissionProfile(client, [ENDPOINT], { name: 'good' });
  const typo = await createMissionProfile(client, ['wire-digif-downlnk'], { name: 'typo' });
  const away = await createMissionProfile(client, [ENDPOINT], { name: 'away', region: 'us-west-2' });
  const file = await missionWith(
    [
      `  - name: pa\n    dataflows: [digif-downlink]\n    missionProfile: ${good.arn}\n`,
      `  - name: pb\n    dataflows: [digif-downlink]\n    missionProfile: ${typo.id}\n`,
      `  - name: pc\n    dataflows: [digif-downlink]\n    missionProfile: ${away.arn}\n`,
      '  - name: pd\n    dataflows: [digif-downlink]\n    missionProfile: just a name\n',
    ].join(''),
  );
  const applied = await runMain(['apply', file, '--root', f.root, '--json'], f.sb.env);
  assert.equal(applied.code, 0, applied.err);
  const outputs = JSON.parse(applied.out).outputs;
  assert.deepEqual(
    outputs.profiles.map((p: { name: string }) => p.name),
    ['pa', 'pb', 'pc', 'pd'],
  );
  assert.deepEqual(outputs.profiles[0].dataflowEndpointConfigs, [{ dataflowEndpointName: ENDPOINT, dataflowEndpointRegion: 'us-east-2' }]);

  const now = Date.now();
  const contactId = await reserveContact(client, good.arn, now + 3_600_000, now + 3_900_000);

  const status = await runMain(['status', '--root', f.root, '--json'], f.sb.env);
  assert.equal(status.code, 6, status.err);
  const s = JSON.parse(status.out);
  assert.equal(s.healthy, false);
  assert.equal(s.wiring.problems.length, 2, s.wiring.problems.join('\n'));
  assert.match(
    s.wiring.problems[0],
    new RegExp(
      `^profile pb: mission profile typo: dataflow endpoint config dfe-wire-digif-downlnk \\(arn:aws:groundstation:us-east-2:123456789012:config/dataflow-endpoint/[0-9a-f-]{36}\\) names "wire-digif-downlnk", not an endpoint of this host's group; expected one of: ${ENDPOINT}$`,
    ),
  );
  assert.match(
    s.wiring.problems[1],
    /^profile pc: mission profile away: dataflow endpoint config dfe-wire-digif-downlink .* is in region us-west-2, the group is in us-east-2; set dataflowEndpointRegion to us-east-2$/,
  );
  assert.deepEqual(s.wiring.notes, ['profile pd: mission profile "just a name" is a name; give its ARN or id to have its wiring checked']);
  assert.deepEqual(
    s.contacts.map((c: { contactId: string }) => c.contactId),
    [contactId],
  );
  assert.equal(s.contacts[0].status, 'SCHEDULED');
  assert.equal(s.contacts[0].groundStation, 'Ohio 1');

  const text = await runMain(['status', '--root', f.root], f.sb.env);
  assert.equal(text.code, 6);
  assert.match(
    text.out,
    /next contacts on this host \(24 h\):\n {4}\S+ to \S+ {2}SCHEDULED {2}satellite [0-9a-f-]{36} at Ohio 1 {2}\(contact /,
  );
  assert.match(text.out, /mission profile wiring:\n {4}- profile pb: .*expected one of: wire-digif-downlink/);

  const plan = await runMain(['plan', file, '--root', f.root, '--json'], f.sb.env);
  assert.equal(plan.code, 0, plan.err);
  const warnings: string[] = JSON.parse(plan.out).warnings;
  assert.ok(
    warnings.some((w) => w.startsWith('profile pb: mission profile typo: dataflow endpoint config dfe-wire-digif-downlnk')),
    warnings.join('\n'),
  );
});

test('status --wait rehearsed to success once the sandbox host agent runs (sandbox --agent-healthy)', async () => {
  const file = await missionWith('  - name: pa\n    dataflows: [digif-downlink]\n');
  assert.equal((await runMain(['apply', file, '--root', f.root], f.sb.env)).code, 0);
  f.sb.hostAgent.running = true;
  const r = await runMain(['status', '--root', f.root, '--wait', '5'], f.sb.env);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /healthy: ready for contacts/);
});
