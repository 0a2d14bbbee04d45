/**
 * Runs one hostile contacts scenario (contacts-scenarios.ts) against a sandbox through our own
 * corrupting proxy: a host applied once, a contact reserved on its group (or on an orphan group),
 * then the disruptive command through the proxy, twice: main() for the exit code and the one
 * message, and the apply use-case as the CLI wires it with a recording systemctl as the agent's
 * restarter. What every scenario must hold: the documented exit code and reason; no stack; within
 * --deadline; no raw control character in the output; nothing disruptive (no group deleted at the
 * sandbox, the agent config still naming the contact's group, no restart recorded); and once the
 * contact is over, a plain re-run converges (one group for the host, or the destroy done).
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CancelContactCommand } from '@aws-sdk/client-groundstation';
import type { Sandbox } from '../../../sandbox/server.ts';
import { restartAgent } from '../../../src/apply/agent-restart.ts';
import { applyMission } from '../../../src/apply/apply-mission.ts';
import { createDataflowEndpointGroupV2 } from '../../../src/aws/create-dataflow-endpoint-group-v2.ts';
import { applyInputs, applyPorts, writeOptions } from '../../../src/cli/apply-wiring.ts';
import type { Io } from '../../../src/cli/io.ts';
import { main } from '../../../src/cli/main.ts';
import { createRuntime } from '../../../src/cli/runtime.ts';
import { isToolError } from '../../../src/errors.ts';
import { TAG_INSTANCE } from '../../../src/ownership-tags.ts';
import { createRunContext } from '../../../src/run-context.ts';
import { deadlineIn } from '../../../src/run-deadline.ts';
import { REPO, runMain, type CliResult } from '../../helpers/cli.ts';
import { applyRenamedExample, reserveContactOn, sdkClient } from '../../helpers/contacts-fixtures.ts';
import type { FakePrograms } from '../../dist/examples/fake-programs.ts';
import { startHostileProxy } from './aws-proxy.ts';
import type { ContactsScenario } from './contacts-scenarios.ts';
import { assertOneMessage } from './run-aws-scenario.ts';

const S = 1000;
const CONFIG = 'opt/aws/groundstation/etc/aws-gs-agent-config.json';
/** C0 (but newline), DEL, C1, the line separators and the bidi controls: none may reach the terminal raw. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Where the contact runs: the host's group (apply, destroy) or an orphan group (destroy --orphans). */
interface Site {
  root: string;
  mission: string;
  /** The group the contact uses (kept throughout). */
  held: { id: string; arn: string };
  /** Endpoint names the mission profile names. */
  names: string[];
}

/** Reserves a contact on `names` (the sandbox clock is moved back to reserve one already running). */
async function reserve(sb: Sandbox, names: string[], when: ContactsScenario['contact']): Promise<string | undefined> {
  if (when === 'none') return undefined;
  const now = Date.now();
  const [start, end] = when === 'pass' ? [now - 60 * S, now + 600 * S] : [now + 180 * S, now + 480 * S];
  return reserveContactOn(sb, names, start, end, { pre: 120, post: 120 });
}

/** A group of a terminated instance, on another of the account's addresses, its agent registered (so a contact is scheduled on it). */
async function orphanGroup(sb: Sandbox, tag: string): Promise<{ id: string; arn: string; names: string[] }> {
  const ip = '198.51.100.77';
  if (!sb.accountIps.includes(ip)) sb.accountIps.push(ip);
  const names = [`${tag}-orphan-dl`];
  const made = await createDataflowEndpointGroupV2(sdkClient(sb), {
    endpoints: names.map((name) => ({
      downlinkAwsGroundStationAgentEndpoint: {
        name,
        dataflowDetails: {
          agentConnectionDetails: {
            agentIpAndPortAddress: { socketAddress: { name: ip, portRange: { minimum: 42000, maximum: 42049 } }, mtu: 1500 },
            egressAddressAndPort: { socketAddress: { name: '127.0.0.1', port: 55000 } },
          },
        },
      },
    })),
    tags: { 'gs-agent-config:mission': tag, [TAG_INSTANCE]: 'i-0000000000000dead', 'gs-agent-config:plan-hash': 'x' },
  });
  const id = made.dataflowEndpointGroupId!;
  sb.groundStation.setAgentRegistered(id, true);
  return { id, arn: sb.groundStation.groups.get(id)!.arn, names };
}

async function site(sb: Sandbox, s: ContactsScenario, tag: string): Promise<Site> {
  sb.hostAgent.running = true;
  const applied = await applyRenamedExample(sb, 'hostile-contacts', tag);
  const own = { id: applied.report.dataflowEndpointGroupId as string, arn: applied.report.dataflowEndpointGroupArn as string };
  if (s.command === 'apply')
    await writeFile(applied.mission, applied.v1.replace('deliverTo: 127.0.0.1:55000', 'deliverTo: 127.0.0.1:55010'));
  if (s.command !== 'orphans') return { root: applied.root, mission: applied.mission, held: own, names: applied.names };
  const orphan = await orphanGroup(sb, tag);
  return { root: applied.root, mission: applied.mission, held: orphan, names: orphan.names };
}

function argv(s: ContactsScenario, at: Site): string[] {
  const deadline = ['--deadline', String(s.deadline ?? 30)];
  if (s.command === 'apply') return ['apply', at.mission, '--root', at.root, ...deadline];
  return ['destroy', '--yes', '--root', at.root, ...(s.command === 'orphans' ? ['--orphans'] : []), ...deadline];
}

/** main() with a host clock `aheadMs` ahead of the true one. */
async function runCli(args: string[], env: Record<string, string>, aheadMs: number): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => void (out += `${t}\n`),
    err: (t) => void (err += `${t}\n`),
    env,
    isTTY: false,
    cwd: REPO,
    wallClock: () => Date.now() + aheadMs,
  };
  const code = await main(args, io);
  return { code, out, err };
}

/** The apply use-case as the CLI wires it, the recorded systemctl as the agent's restarter: the exit it would give. */
async function applyUseCase(s: ContactsScenario, at: Site, env: Record<string, string>, fakes: FakePrograms): Promise<number> {
  const args = { mission: at.mission, root: at.root, json: true, quiet: false, debug: false, deadline: s.deadline ?? 30, lockWait: 5 };
  const io: Io = { out: () => {}, err: () => {}, env, isTTY: false, cwd: REPO };
  const run = createRunContext({ deadline: deadlineIn(s.deadline ?? 30), wallClock: () => Date.now() + (s.hostClockAheadMs ?? 0) });
  const rt = createRuntime(io, run);
  try {
    const outcome = await applyMission(
      await applyInputs(args, rt, { legacyTuning: true }),
      { ...applyPorts(rt), agentRestarter: () => restartAgent(join(fakes.dir, 'systemctl')) },
      writeOptions(args),
      rt.run,
    );
    return outcome.deferred ? 8 : 0;
  } catch (err) {
    if (!isToolError(err)) throw err;
    return err.exitCode;
  }
}

async function agentConfigNames(root: string): Promise<string> {
  return JSON.stringify(JSON.parse(await readFile(join(root, CONFIG), 'utf8')));
}

export async function runContactsScenario(sb: Sandbox, s: ContactsScenario, tag: string, fakes: FakePrograms): Promise<void> {
  const at = await site(sb, s, tag);
  const contactId = await reserve(sb, at.names, s.contact);
  if (contactId) assert.equal(sb.contacts.contacts.get(contactId)?.groupId, at.held.id, 'the contact runs on the group under test');
  const configBefore = await agentConfigNames(at.root);
  const actionsBefore = sb.actions.length;
  const callsBefore = (await fakes.calls()).length;
  const withProxy = async <T>(f: (env: Record<string, string>) => Promise<T>): Promise<T> => {
    const proxy = await startHostileProxy(sb.url, s.corrupt());
    try {
      return await f({ ...sb.env, AWS_ENDPOINT_URL_GROUNDSTATION: proxy.url, AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: proxy.url });
    } finally {
      await proxy.close();
    }
  };

  const t0 = Date.now();
  const r = await withProxy((env) => runCli(argv(s, at), env, s.hostClockAheadMs ?? 0));
  const ms = Date.now() - t0;
  if (process.env.SHOW_SCENARIO) console.log(`### ${s.name} (${ms} ms)\n${r.err}`);
  assert.equal(r.code, s.exit, `exit ${r.code}, expected ${s.exit}:\n${r.err}`);
  assertOneMessage(r, s.message);
  if (contactId && s.message.source.includes('[0-9a-f-]{36}')) assert.ok(r.err.includes(contactId), `the message names ${contactId}`);
  assert.ok(ms <= (s.deadline ?? 30) * 1000 + 1500, `took ${ms} ms with --deadline ${s.deadline ?? 30}`);
  assert.doesNotMatch(r.out + r.err, RAW_CONTROL, 'a raw control character reached the output');
  if (s.command === 'apply') assert.equal(await withProxy((env) => applyUseCase(s, at, env, fakes)), s.exit, 'the use-case agrees');

  // Nothing disruptive while the contact holds the host.
  const during = sb.actions.slice(actionsBefore);
  assert.ok(!during.includes('groundstation:DeleteDataflowEndpointGroup'), `a group was deleted: ${during.join(', ')}`);
  assert.ok(sb.groundStation.groups.has(at.held.id), "the contact's group was deleted");
  assert.equal((await fakes.calls()).length, callsBefore, 'the agent was restarted');
  assert.equal(await agentConfigNames(at.root), configBefore, 'the agent config was switched or removed');

  // Once the contact is over, a plain re-run converges.
  if (contactId) await sdkClient(sb).send(new CancelContactCommand({ contactId }));
  const again = await runMain(argv(s, at), sb.env);
  assert.equal(again.code, 0, `re-run: ${again.err}`);
  if (s.command === 'apply') {
    const mine = [...sb.groundStation.groups.values()].filter((g) => g.tags[TAG_INSTANCE] === sb.host.instanceId);
    assert.equal(mine.length, 1, `groups after the re-run: ${mine.map((g) => g.id).join(', ')}`);
    assert.ok((await agentConfigNames(at.root)).includes(mine[0].arn), 'the agent config names the kept group');
    assert.equal((await fakes.calls()).length, callsBefore, 'the CLI with --root never restarts the agent');
  } else assert.ok(!sb.groundStation.groups.has(at.held.id), 'the re-run destroyed the group');
}
