/**
 * npm run chaos [-- --runs N --seed S]: fault-injected applies (IMDS and AWS faults, SIGKILLs
 * at random steps) against one sandbox, each followed by a plain re-run that must converge.
 * Prints the figures and exits non-zero when an invariant fails: duplicate groups (two groups
 * with the same plan hash), partial files (a temp file left, an agent config that does not
 * parse) or a re-run that does not converge on exactly one group named by the agent config.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
import { parseFaultSpec } from '../sandbox/faults.ts';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(REPO, 'bin/gs-agent-config');

export interface ChaosFigures {
  runs: number;
  exitCodes: Record<string, number>;
  kills: number;
  duplicateGroups: number;
  partialFiles: number;
  nonConverging: number;
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAULTS = [
  'groundstation:ListDataflowEndpointGroups=503',
  'groundstation:CreateDataflowEndpointGroupV2=503',
  'groundstation:CreateDataflowEndpointGroupV2=drop',
  'groundstation:CreateDataflowEndpointGroupV2=lost',
  'groundstation:GetDataflowEndpointGroup=drop',
  'groundstation:DeleteDataflowEndpointGroup=503',
  'tagging:GetResources=503',
  'ec2:DescribeAddresses=503:RequestLimitExceeded',
  'imds:get=drop',
  'imds:token=503',
  'imds:get=expire-token',
];
const KILL_AT = [
  'groundstation:CreateDataflowEndpointGroupV2',
  'groundstation:GetDataflowEndpointGroup',
  'groundstation:DeleteDataflowEndpointGroup',
  'tagging:GetResources',
  'imds:get',
];

function applyOnce(
  sb: Sandbox,
  mission: string,
  root: string,
  killAt?: { action: string; nth: number },
  env: Record<string, string> = sb.env,
): Promise<{ code: number | null; killed: boolean }> {
  const child = spawn(process.execPath, [BIN, 'apply', mission, '--root', root, '--quiet', '--deadline', '30'], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  let seen = 0;
  let killed = false;
  sb.beforeAction =
    killAt &&
    (async (a) => {
      if (a === killAt.action && ++seen === killAt.nth && !killed) {
        killed = true;
        child.kill('SIGKILL');
        await exited;
      }
    });
  return exited.then((code) => {
    sb.beforeAction = undefined;
    return { code, killed };
  });
}

async function partialFiles(root: string): Promise<number> {
  let bad = 0;
  for (const e of await readdir(root, { withFileTypes: true, recursive: true })) if (e.name.includes('.tmp-')) bad++;
  try {
    JSON.parse(await readFile(join(root, 'opt/aws/groundstation/etc/aws-gs-agent-config.json'), 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') bad++;
  }
  return bad;
}

/**
 * Groups with the same plan hash as another, leaving out the ones the state file is retiring:
 * a replace that the service kept answering wrongly for (hostile runs) holds the old group,
 * recorded for deletion, beside the new one until a run confirms the new one; a group made
 * twice by a lost answer is recorded nowhere, and counts.
 */
async function duplicateGroups(sb: Sandbox, root: string): Promise<number> {
  let retiring = new Set<string>();
  try {
    const state = JSON.parse(await readFile(join(root, 'var/lib/gs-agent-config/state.json'), 'utf8')) as { retiring?: string[] };
    retiring = new Set(state.retiring ?? []);
  } catch {
    // No state file (or a run killed before its first write): every group counts.
  }
  const hashes = [...sb.groundStation.groups.values()]
    .filter((g) => !retiring.has(g.id))
    .map((g) => JSON.stringify(g.tags['gs-agent-config:plan-hash']));
  return hashes.length - new Set(hashes).size;
}

async function converged(sb: Sandbox, root: string): Promise<boolean> {
  const groups = [...sb.groundStation.groups.keys()];
  if (groups.length !== 1) return false;
  const config = JSON.parse(await readFile(join(root, 'opt/aws/groundstation/etc/aws-gs-agent-config.json'), 'utf8')) as {
    capabilities: string[];
  };
  return config.capabilities.length === 1 && config.capabilities[0].endsWith(groups[0]);
}

/** Counts one faulty run and checks the invariants, then a plain re-run; the log line's tail. */
async function recordRun(
  f: ChaosFigures,
  sb: Sandbox,
  mission: string,
  root: string,
  r: { code: number | null; killed: boolean },
  killAt?: { action: string; nth: number },
): Promise<string> {
  const key = r.killed ? 'SIGKILL' : String(r.code);
  f.exitCodes[key] = (f.exitCodes[key] ?? 0) + 1;
  if (r.killed) f.kills++;
  const dup = await duplicateGroups(sb, root);
  f.duplicateGroups += dup;
  f.partialFiles += await partialFiles(root);
  const again = await applyOnce(sb, mission, root);
  const ok = again.code === 0 && (await converged(sb, root));
  if (!ok) f.nonConverging++;
  return `${killAt ? ` kill@${killAt.action}#${killAt.nth}` : ''} → ${key}${dup ? ` DUPLICATE GROUPS: ${dup}` : ''}; re-run ${ok ? 'converged' : `DID NOT CONVERGE (exit ${again.code})`}`;
}

export async function runChaos(runs: number, seed: number, log: (line: string) => void = () => {}): Promise<ChaosFigures> {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const sb = await startSandbox();
  const root = await mkdtemp(join(tmpdir(), 'gsac-chaos-'));
  const base = await readFile(join(REPO, 'examples/missions/wideband-downlink.yaml'), 'utf8');
  const missions = [join(root, 'a.yaml'), join(root, 'b.yaml')];
  await writeFile(missions[0], base);
  await writeFile(missions[1], base.replace('deliverTo: 127.0.0.1:55000', 'deliverTo: 127.0.0.1:55100'));
  const f: ChaosFigures = { runs, exitCodes: {}, kills: 0, duplicateGroups: 0, partialFiles: 0, nonConverging: 0 };
  try {
    for (let i = 0; i < runs; i++) {
      const mission = missions[rand() < 0.5 ? 0 : 1];
      const specs = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => `${pick(FAULTS)}*${1 + Math.floor(rand() * 4)}`);
      for (const s of specs) sb.injectFault(parseFaultSpec(s)!);
      const killAt = rand() < 0.35 ? { action: pick(KILL_AT), nth: 1 + Math.floor(rand() * 2) } : undefined;
      const r = await applyOnce(sb, mission, root, killAt);
      sb.clearFaults();
      log(`run ${i + 1}: ${specs.join(' ')}${await recordRun(f, sb, mission, root, r, killAt)}`);
    }
  } finally {
    await sb.close();
    await rm(root, { recursive: true, force: true });
  }
  return f;
}

export interface HostileFigures {
  scenarios: number;
  failedScenarios: string[];
  killedRuns: number;
  chaos: ChaosFigures;
}

/**
 * --hostile: every hostile scenario with its full checks (test/system/hostile), then `runs` runs that
 * mix a random scenario's corruption with SIGKILLs at random steps, each followed by a plain
 * re-run that must converge; the invariants are those of the plain chaos run.
 */
export async function runHostileChaos(
  runs: number,
  seed: number,
  log: (line: string) => void = () => {},
  mixedOnly = false,
): Promise<HostileFigures> {
  const { awsScenarios } = await import('../test/system/hostile/aws-scenarios.ts');
  const { runAwsScenario } = await import('../test/system/hostile/run-aws-scenario.ts');
  const { startHostileProxy } = await import('../test/system/hostile/aws-proxy.ts');
  const { factsScenarios } = await import('../test/system/hostile/facts-scenarios.ts');
  const { assertFactsOutcome, childProcess } = await import('../test/system/hostile/facts-harness.ts');
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const sb = await startSandbox();
  const failedScenarios: string[] = [];
  const f: ChaosFigures = { runs, exitCodes: {}, kills: 0, duplicateGroups: 0, partialFiles: 0, nonConverging: 0 };
  const root = await mkdtemp(join(tmpdir(), 'gsac-hostile-chaos-'));
  try {
    for (const s of mixedOnly ? [] : awsScenarios) {
      try {
        await runAwsScenario(sb, s);
        log(`scenario ok: ${s.name}`);
      } catch (err) {
        failedScenarios.push(s.name);
        log(`scenario FAILED: ${s.name}: ${(err as Error).message.split('\n')[0]}`);
      }
    }
    // The host side (IMDS, /sys, --facts), each as a child process as at boot.
    for (const s of mixedOnly ? [] : factsScenarios) {
      try {
        sb.groundStation.groups.clear();
        assertFactsOutcome(await s.run(sb, childProcess));
        log(`scenario ok: ${s.name}`);
      } catch (err) {
        failedScenarios.push(s.name);
        log(`scenario FAILED: ${s.name}: ${(err as Error).message.split('\n')[0]}`);
      }
    }
    sb.groundStation.groups.clear();
    const mission = join(root, 'mission.yaml');
    await writeFile(mission, await readFile(join(REPO, 'examples/missions/wideband-downlink.yaml'), 'utf8'));
    for (let i = 0; i < runs; i++) {
      const s = pick(awsScenarios.filter((x) => !x.deadline));
      const proxy = await startHostileProxy(sb.url, s.corrupt);
      const env = {
        ...sb.env,
        AWS_ENDPOINT_URL_GROUNDSTATION: proxy.url,
        AWS_ENDPOINT_URL_EC2: proxy.url,
        AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: proxy.url,
      };
      const killAt = rand() < 0.5 ? { action: pick(KILL_AT), nth: 1 + Math.floor(rand() * 2) } : undefined;
      sb.tagging.deny = Boolean(s.denyTagging);
      const r = await applyOnce(sb, mission, root, killAt, env).finally(() => proxy.close());
      sb.tagging.deny = false;
      log(`run ${i + 1}: ${s.name}${await recordRun(f, sb, mission, root, r, killAt)}`);
    }
  } finally {
    await sb.close();
    await rm(root, { recursive: true, force: true });
  }
  return { scenarios: mixedOnly ? 0 : awsScenarios.length + factsScenarios.length, failedScenarios, killedRuns: f.kills, chaos: f };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes('--hostile')) {
  const i = process.argv.indexOf('--runs');
  const only = process.argv.includes('--mixed-only');
  const figures = await runHostileChaos(i > 0 ? Number(process.argv[i + 1]) : 60, 20261201, (l) => console.log(l), only);
  console.log(JSON.stringify(figures, null, 2));
  const c = figures.chaos;
  const failed = figures.failedScenarios.length + c.duplicateGroups + c.partialFiles + c.nonConverging;
  console.log(
    failed
      ? `chaos --hostile: ${failed} failures`
      : `chaos --hostile: ${figures.scenarios} scenarios held; ${c.runs} mixed runs (${c.kills} SIGKILLs), 0 duplicate groups, 0 partial files, every re-run converged`,
  );
  process.exitCode = failed ? 1 : 0;
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string, dflt: number) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : dflt;
  };
  const figures = await runChaos(arg('--runs', 200), arg('--seed', 20261128), (l) => console.log(l));
  console.log(JSON.stringify(figures, null, 2));
  const failed = figures.duplicateGroups + figures.partialFiles + figures.nonConverging;
  console.log(
    failed
      ? `chaos: ${failed} invariant violations`
      : `chaos: ${figures.runs} runs, 0 duplicate groups, 0 partial files, every re-run converged`,
  );
  process.exitCode = failed ? 1 : 0;
}
