/**
 * Text from outside is data (issue 19, item 5): hostile AWS answers (text-scenarios.ts) through
 * our own proxy, against the real use-cases through main(): nothing raw reaches the terminal and
 * no printed command line can run more than its words; ids that fail their pattern never enter
 * a fix. Hints repeat where the run acts, paths made absolute (item 6).
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CancelContactCommand } from '@aws-sdk/client-groundstation';
import { startSandbox, type Sandbox } from '../../../sandbox/server.ts';
import { REPO, example, runMain } from '../../helpers/cli.ts';
import { applyRenamedExample, reserveContactOn, sdkClient } from '../../helpers/contacts-fixtures.ts';
import { shellWords } from '../../helpers/shell-words.ts';
import { startHostileProxy, type Corruption } from './aws-proxy.ts';
import { HOSTILE_IDS, HOSTILE_TEXT, assertSafeText, chain, editJson, editText, xmlText } from './text-scenarios.ts';

const S = 1000;

/** The sandbox's env with every AWS service behind the hostile proxy. */
async function throughProxy(sb: Sandbox, corrupt: Corruption) {
  const proxy = await startHostileProxy(sb.url, corrupt);
  const env = {
    ...sb.env,
    AWS_ENDPOINT_URL_GROUNDSTATION: proxy.url,
    AWS_ENDPOINT_URL_EC2: proxy.url,
    AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: proxy.url,
  };
  return { proxy, env };
}

const is =
  (...actions: string[]) =>
  (a: string) =>
    actions.includes(a);

/**
 * `v` with hostile text appended to every ground station name and satellite ARN, and to its own
 * `name` (a mission profile's or a config's). The endpoint names inside a contact's dataflows
 * are left alone: they decide whose contact it is (the contacts reader's concern, not text's).
 */
function poison(v: unknown, top = true): unknown {
  if (Array.isArray(v)) return v.map((x) => poison(x, false));
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [
      k,
      typeof x === 'string' && (['groundStation', 'satelliteArn'].includes(k) || (top && k === 'name'))
        ? `${x}${HOSTILE_TEXT}`
        : k === 'dataflowList'
          ? x
          : poison(x, false),
    ]),
  );
}

/**
 * Ground station names, satellite ARNs, mission-profile and config names (the contacts API:
 * ListContacts, DescribeContact, GetMissionProfile, GetConfig, which the proxy's route table
 * does not name), and a group tag: all hostile.
 */
const hostileContactText: Corruption = chain(
  editJson(is('groundstation:UnknownOperation'), (b) => poison(b)),
  editJson(is('groundstation:GetDataflowEndpointGroup'), (b) => ({
    ...b,
    tags: { ...(b.tags as Record<string, string>), note: HOSTILE_TEXT },
  })),
);

describe('hostile text in contact, mission-profile, config and tag fields', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox();
  });
  after(async () => {
    await sb.close();
  });
  afterEach(async () => {
    const client = sdkClient(sb);
    for (const id of sb.contacts.contacts.keys()) await client.send(new CancelContactCommand({ contactId: id }));
  });

  test('exit 8 and destroy refused: the contact shown escaped; the re-run hints are words only, with --root/--sys-root/--proc-root, absolute', async () => {
    sb.hostAgent.running = true;
    const h = await applyRenamedExample(sb, 'text', 'text-contact');
    const now = Date.now();
    await reserveContactOn(sb, h.names, now - 60 * S, now + 600 * S);
    const { proxy, env } = await throughProxy(sb, hostileContactText);
    // Relative paths, as an operator types them in a rehearsal directory (runMain runs in the repository).
    const rel = (p: string) => relative(REPO, p);
    const where = ['--root', rel(h.root), '--sys-root', sb.sysRoot, '--proc-root', sb.procRoot];
    const abs = ['--root', h.root, '--sys-root', sb.sysRoot, '--proc-root', sb.procRoot];
    try {
      const r = await runMain(['apply', rel(h.mission), ...where, '--apply-tuning'], env);
      assert.equal(r.code, 8, r.err);
      // The contacts reader leaves out a shown field that is not in its documented form
      // (src/aws/contacts-parse.ts shownText): the contact is named by its id, the text never reaches the terminal.
      assert.match(r.err, /deferred: contact [0-9a-f-]{36} /);
      assert.doesNotMatch(r.err, /pwned/, 'the hostile ground station name is not shown');
      const hints = assertSafeText(r);
      const rerun = hints.map((l) => shellWords(l).words).find((w) => w[1] === 'apply');
      assert.deepEqual(rerun, ['gs-agent-config', 'apply', h.mission, ...abs, '--apply-tuning'], hints.join('\n'));

      const status = await runMain(['status', rel(h.mission), ...where.slice(0, 2)], env);
      assertSafeText(status);
      const json = await runMain(['status', rel(h.mission), ...where.slice(0, 2), '--json'], env);
      assertSafeText(json);
      assert.ok(JSON.stringify(JSON.parse(json.out)).length > 0);

      const destroy = await runMain(['destroy', rel(h.mission), '--yes', ...where.slice(0, 2)], env);
      assert.equal(destroy.code, 8, destroy.err);
      const again = assertSafeText(destroy)
        .map((l) => shellWords(l).words)
        .find((w) => w[1] === 'destroy');
      assert.deepEqual(again, ['gs-agent-config', 'destroy', h.mission, '--root', h.root, '--yes']);
      assert.ok(sb.groundStation.groups.has(h.report.dataflowEndpointGroupId), 'nothing deleted while the contact holds the host');
    } finally {
      await proxy.close();
      await rm(h.root, { recursive: true, force: true });
    }
  });
});

describe("hostile EC2 ids in doctor's fixes", () => {
  let sb: Sandbox;
  let root: string;
  before(async () => {
    sb = await startSandbox({ breaks: ['eip-public-subnet', 'sg-outbound-443', 'tuning-live'] });
    root = await mkdtemp(join(tmpdir(), 'gsac-text-doctor-'));
  });
  after(async () => {
    await sb.close();
    await rm(root, { recursive: true, force: true });
  });

  const mission = example('wideband-downlink.yaml');
  const ec2Ids = (f: (xml: string) => string) => editText((a) => a.startsWith('ec2:'), f);

  test('rtb-1$(reboot) and igw-ESC[2J: never a runnable fix; named quoted and escaped, checked by hand', async () => {
    const hostile = ec2Ids((xml) =>
      xml.replace(/rtb-[0-9a-f]{8,17}\b/g, xmlText(HOSTILE_IDS.routeTable)).replace(/igw-[0-9a-f]{8,17}\b/g, xmlText(HOSTILE_IDS.gateway)),
    );
    const { proxy, env } = await throughProxy(sb, hostile);
    try {
      const r = await runMain(['doctor', mission, '--root', root], env);
      assert.equal(r.code, 6, r.err);
      const fixes = assertSafeText(r);
      const line = (id: string) => r.out.split('\n').find((l) => l.startsWith(id)) ?? '';
      assert.doesNotMatch(r.out, /aws ec2 (create|replace)-route/, r.out);
      assert.match(line('eip-public-subnet'), /^eip-public-subnet\s+fail\s/, r.out);
      assert.match(
        line('eip-public-subnet'),
        /route table 'rtb-1\$\(reboot\)' is not a route table id .*check the route table of the Elastic IP's subnet by hand/,
        r.out,
      );
      // The apply it names repeats --root, the mission absolute.
      const apply = fixes.map((l) => shellWords(l).words).find((w) => w.includes('--apply-tuning'));
      assert.deepEqual(apply, ['sudo', 'gs-agent-config', 'apply', mission, '--root', root, '--apply-tuning'], fixes.join('\n'));
    } finally {
      await proxy.close();
    }
  });

  test('a security group id with shell quotes: refused where EC2 answers it, shown escaped, in no fix', async () => {
    const { proxy, env } = await throughProxy(
      sb,
      ec2Ids((xml) => xml.replace(/sg-[0-9a-f]{8,17}\b/g, xmlText(`${HOSTILE_IDS.securityGroup}\u001b[2J`))),
    );
    try {
      const r = await runMain(['doctor', mission, '--root', root], env);
      assertSafeText(r);
      assert.doesNotMatch(r.out, /authorize-security-group-(egress|ingress)/, r.out);
      assert.match(r.out, /^sg-outbound-443\s+unknown\s.*is not a security group id/m, r.out);
      // Named as the boundary parser quotes values (JSON), then escaped for the terminal.
      assert.match(r.out, /sg-0';reboot;'\\+(x1b|u001b)\[2J/, 'the id shown escaped');
    } finally {
      await proxy.close();
    }
  });
});
