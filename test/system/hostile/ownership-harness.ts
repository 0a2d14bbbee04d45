/**
 * The world of one ownership scenario (issue 19, item 2: identity from IMDS, one host one group,
 * orphans only on EC2's positive word, a lagging tagging index, no INVALID_IP_OWNERSHIP replace
 * loop): a sandbox, a temp --root and mission, the real binary with AWS optionally behind our
 * corrupting proxy (aws-proxy.ts), and groups of other instances to keep. After each scenario
 * a plain re-run must leave exactly one group for this host and every foreign group kept.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredGroup } from '../../../sandbox/groundstation-store.ts';
import type { Sandbox } from '../../../sandbox/server.ts';
import { TAG_INSTANCE } from '../../../src/ownership-tags.ts';
import { example, runBin, runMain, type CliResult } from '../../helpers/cli.ts';
import { startHostileProxy, type Corruption } from './aws-proxy.ts';
import { assertOneMessage } from './run-aws-scenario.ts';

export const MISSION_TEXT = await readFile(example('wideband-downlink.yaml'), 'utf8');
export const MISSION_NAME = 'noaa20-wideband';
export const AGENT_CONFIG = 'opt/aws/groundstation/etc/aws-gs-agent-config.json';
export const STATE = 'var/lib/gs-agent-config/state.json';

/** Another instance of the account (a terminated or replaced host, or a live one). */
export const OTHER_INSTANCE = 'i-0aaaaaaaaaaaaaaa1';

export interface Timed extends CliResult {
  ms: number;
}

export interface World {
  sb: Sandbox;
  dir: string;
  /** This host's --root. */
  root: string;
  /** The mission file (wideband-downlink.yaml, name noaa20-wideband). */
  mission: string;
  /** The mission file with another `name:`. */
  renamed(name: string): Promise<string>;
  /**
   * The real binary (bin/gs-agent-config) with the sandbox's environment and `--deadline`; with
   * `corrupt`, Ground Station, EC2 and tagging answer through our hostile proxy. Checks no stack,
   * one error line on failure (status: none, its report is on stdout), and that the run ended
   * within the deadline (plus the child's start).
   */
  cli(argv: string[], o?: { corrupt?: Corruption; deadline?: number; inProcess?: boolean }): Promise<Timed>;
  /** In-process main() against the plain sandbox: setups and re-runs. */
  main(argv: string[]): Promise<CliResult>;
  /** The groups tagged for this host, as the sandbox holds them. */
  hostGroups(): StoredGroup[];
  /** A group made by the tool for another instance (tags as apply sets them). */
  addForeignGroup(instanceId: string, mission?: string): string;
  /** Groups that must survive the scenario and its re-run (foreign, or kept on purpose). */
  keep: Set<string>;
}

/** A child's start (tsx compiling the sources on a loaded machine) on top of --deadline. */
const CHILD_START_MS = 15_000;

export async function makeWorld(sb: Sandbox): Promise<World & { close(): Promise<void> }> {
  sb.clearFaults();
  sb.groundStation.groups.clear();
  sb.tagging.deny = false;
  const dir = await mkdtemp(join(tmpdir(), 'gsac-owner-'));
  const root = join(dir, 'root');
  const mission = join(dir, 'mission.yaml');
  await writeFile(mission, MISSION_TEXT);
  const keep = new Set<string>();
  const world: World & { close(): Promise<void> } = {
    sb,
    dir,
    root,
    mission,
    keep,
    async renamed(name) {
      const file = join(dir, `${name}.yaml`);
      await writeFile(file, MISSION_TEXT.replace(`name: ${MISSION_NAME}`, `name: ${name}`));
      return file;
    },
    async cli(argv, o = {}) {
      const deadline = o.deadline ?? 60;
      const proxy = o.corrupt ? await startHostileProxy(sb.url, o.corrupt) : undefined;
      const env = {
        ...sb.env,
        ...(proxy && {
          AWS_ENDPOINT_URL_GROUNDSTATION: proxy.url,
          AWS_ENDPOINT_URL_EC2: proxy.url,
          AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: proxy.url,
        }),
      };
      const args = [...argv, '--deadline', String(deadline)];
      const t0 = Date.now();
      let r: CliResult;
      try {
        r = o.inProcess ? await runMain(args, env) : await runBin(args, env, deadline * 1000 + CHILD_START_MS + 30_000);
      } finally {
        await proxy?.close();
      }
      const ms = Date.now() - t0;
      // status reports its exit 6 (found problems) on stdout, with no error line; the others say one.
      if (argv[0] === 'status') assert.doesNotMatch(r.err, /^\s+at .+:\d+:\d+\)?$|this is a bug/im, r.err);
      else assertOneMessage(r);
      const limit = deadline * 1000 + (o.inProcess ? 1500 : CHILD_START_MS);
      assert.ok(ms <= limit, `${argv[0]} took ${ms} ms with --deadline ${deadline}`);
      return { ...r, ms };
    },
    main: (argv) => runMain(argv, sb.env),
    hostGroups: () => [...sb.groundStation.groups.values()].filter((g) => g.tags[TAG_INSTANCE] === sb.host.instanceId),
    addForeignGroup(instanceId, m = 'old-host-mission') {
      const id = randomUUID();
      sb.groundStation.groups.set(id, foreignGroup(sb, id, instanceId, m));
      keep.add(id);
      return id;
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
  return world;
}

function foreignGroup(sb: Sandbox, id: string, instanceId: string, mission: string): StoredGroup {
  return {
    id,
    arn: `arn:aws:groundstation:${sb.host.region}:${sb.host.accountId}:dataflow-endpoint-group/${id}`,
    endpoints: [
      {
        downlinkAwsGroundStationAgentEndpoint: {
          name: `${mission}-downlink`,
          dataflowDetails: {
            agentConnectionDetails: {
              agentIpAndPortAddress: { socketAddress: { name: '198.51.100.9', portRange: { minimum: 42000, maximum: 42299 } }, mtu: 1500 },
              egressAddressAndPort: { socketAddress: { name: '127.0.0.1', port: 55000 }, mtu: 1500 },
            },
          },
        },
      },
    ],
    contactPrePassDurationSeconds: 120,
    contactPostPassDurationSeconds: 180,
    tags: { 'gs-agent-config:mission': mission, 'gs-agent-config:instance-id': instanceId, 'gs-agent-config:plan-hash': 'x' },
    agentRegistered: false,
  };
}

/** The group id an `apply --json` reports. */
export function groupOf(r: CliResult): string {
  assert.equal(r.code, 0, `apply: exit ${r.code}\n${r.err}`);
  return (JSON.parse(r.out) as { dataflowEndpointGroupId: string }).dataflowEndpointGroupId;
}

/**
 * What every ownership scenario ends with: a plain re-run of apply converges (exit 0) with
 * exactly one group for this host, named by the agent config, and every group to keep kept.
 */
export async function assertPlainRerun(w: World): Promise<void> {
  const again = await w.main(['apply', w.mission, '--root', w.root, '--json']);
  assert.equal(again.code, 0, `re-run: ${again.err}`);
  const groups = w.hostGroups();
  assert.equal(
    groups.length,
    1,
    `groups of this host after the re-run: ${groups.map((g) => `${g.id} (${g.tags['gs-agent-config:mission']})`).join(', ')}`,
  );
  const config = await readFile(join(w.root, AGENT_CONFIG), 'utf8');
  assert.ok(config.includes(groups[0].id), 'the agent config names the one group');
  for (const id of w.keep) assert.ok(w.sb.groundStation.groups.has(id), `group ${id} (to keep) was deleted`);
}

export interface OwnershipScenario {
  name: string;
  run(w: World): Promise<void>;
}
