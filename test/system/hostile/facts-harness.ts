/**
 * Runs one hostile host-facts scenario against the sandbox: the real CLI (`apply`, in-process
 * through main() or as a child process), with IMDS and/or EC2 behind our corrupting proxy, a
 * damaged copy of the /sys tree, or a damaged --facts file; then a plain re-run. What it
 * observes is checked by assertFactsOutcome (also used by the chaos script).
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../sandbox/server.ts';
import type { SimulatedHost } from '../../../sandbox/types.ts';
import { TAG_INSTANCE } from '../../../src/ownership-tags.ts';
import { sourceArgs, spawnCollect } from '../../helpers/bundle.ts';
import { example, runMain, type CliResult } from '../../helpers/cli.ts';
import { startCorruptingProxy, type Corrupt, type CorruptingProxy } from './facts-proxy.ts';

export type CliRunner = (argv: string[], env: Record<string, string>) => Promise<CliResult>;

export interface FactsScenario {
  name: string;
  /** The documented exit code: 3 host data, 5 transient, 2 a bad --facts file. */
  exit: 2 | 3 | 5;
  /** The one error line must match (it names the source and the value). */
  message: RegExp;
  /** --deadline SECONDS for the scenario run (the hanging ones). */
  deadline?: number;
  imds?: Corrupt;
  ec2?: Corrupt;
  /** Damage one file of a copy of the sandbox's /sys tree. */
  sysfs?: (dir: string, host: SimulatedHost) => Promise<void>;
  /** Damage a copy of the host's facts (from `facts`); the result is written as the --facts file. */
  factsFile?: (facts: any) => string | object;
  /** Change the environment (e.g. drop the static keys so the instance role is used). */
  env?: (env: Record<string, string>) => Record<string, string>;
}

export interface FactsOutcome {
  scenario: FactsScenario;
  run: CliResult;
  ms: number;
  filesUnderRoot: string[];
  groupsAfterScenario: number;
  groupsBefore: number;
  rerun: CliResult;
  groupsAfterRerun: number;
}

export const MISSION = example('wideband-downlink.yaml');

export const inProcess: CliRunner = (argv, env) => runMain(argv, env);

/** The CLI from the sources as a child process with exactly `env` (plus PATH): what chaos can SIGKILL. */
export const childProcess: CliRunner = (argv, env) =>
  spawnCollect(process.execPath, sourceArgs(argv), { env: { PATH: process.env.PATH ?? '', ...env }, timeoutMs: 60_000 });

async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const rel = join(prefix, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out;
}

export function groupsOfHost(sb: Sandbox): number {
  return [...sb.groundStation.groups.values()].filter((g) => g.tags[TAG_INSTANCE] === sb.host.instanceId).length;
}

/** The environment, --facts file and proxies of one scenario, set up in `work`. */
async function prepare(s: FactsScenario, sb: Sandbox, work: string, cli: CliRunner) {
  const env: Record<string, string> = { ...sb.env };
  const proxies: CorruptingProxy[] = [];
  const extra: string[] = [];
  if (s.imds) {
    const p = await startCorruptingProxy(sb.url, s.imds);
    proxies.push(p);
    env.AWS_EC2_METADATA_SERVICE_ENDPOINT = p.url;
  }
  if (s.ec2) {
    const p = await startCorruptingProxy(sb.url, s.ec2);
    proxies.push(p);
    env.AWS_ENDPOINT_URL_EC2 = p.url;
  }
  if (s.sysfs) {
    const dir = join(work, 'sys');
    await cp(sb.sysRoot, dir, { recursive: true });
    await s.sysfs(dir, sb.host);
    env.GS_AGENT_CONFIG_SYS_ROOT = dir;
  }
  if (s.factsFile) {
    const got = await cli(['facts'], sb.env);
    assert.equal(got.code, 0, got.err);
    const damaged = s.factsFile(JSON.parse(got.out));
    const file = join(work, 'facts.json');
    await writeFile(file, typeof damaged === 'string' ? damaged : JSON.stringify(damaged));
    extra.push('--facts', file);
  }
  if (s.deadline !== undefined) extra.push('--deadline', String(s.deadline));
  return { env: s.env ? s.env(env) : env, extra, proxies };
}

/** The scenario, then a plain re-run (no corruption) on the same sandbox; each with a fresh --root. */
export async function runFactsScenario(s: FactsScenario, sb: Sandbox, cli: CliRunner = inProcess): Promise<FactsOutcome> {
  const work = await mkdtemp(join(tmpdir(), 'gsac-hostile-facts-'));
  const root = join(work, 'root');
  const groupsBefore = groupsOfHost(sb);
  const { env, extra, proxies } = await prepare(s, sb, work, cli);
  try {
    const started = Date.now();
    const run = await cli(['apply', MISSION, '--root', root, ...extra], env);
    const ms = Date.now() - started;
    const filesUnderRoot = await filesUnder(root);
    const groupsAfterScenario = groupsOfHost(sb);
    const rerun = await cli(['apply', MISSION, '--root', join(work, 'rerun-root')], sb.env);
    return { scenario: s, run, ms, filesUnderRoot, groupsBefore, groupsAfterScenario, rerun, groupsAfterRerun: groupsOfHost(sb) };
  } finally {
    await Promise.all(proxies.map((p) => p.close()));
    await rm(work, { recursive: true, force: true });
  }
}

/** Everything a hostile scenario must hold. */
export function assertFactsOutcome(o: FactsOutcome): void {
  const { scenario: s, run } = o;
  const what = `${s.name}: exit ${run.code}\n${run.err}`;
  assert.equal(run.code, s.exit, what);
  const errorLines = run.err.split('\n').filter((l) => l.startsWith('error:'));
  assert.equal(errorLines.length, 1, `one error line: ${what}`);
  assert.match(errorLines[0], s.message, what);
  assert.doesNotMatch(run.err, /^\s+at .+:\d+:\d+\)?$/m, `no stack trace: ${what}`);
  assert.doesNotMatch(run.err, /internal error|this is a bug/, what);
  const limitMs = s.deadline !== undefined ? s.deadline * 1000 + 1500 : 15_000;
  assert.ok(o.ms < limitMs, `${s.name}: took ${o.ms} ms (limit ${limitMs})`);
  // Facts are gathered before the lock, the group or any file: nothing at all under the root.
  assert.deepEqual(o.filesUnderRoot, [], `${s.name}: files under the root`);
  assert.equal(o.groupsAfterScenario, o.groupsBefore, `${s.name}: the scenario created or deleted a group`);
  assert.equal(o.rerun.code, 0, `${s.name}: plain re-run: ${o.rerun.err}`);
  assert.equal(o.groupsAfterRerun, 1, `${s.name}: exactly one group for the host after the re-run`);
}
