#!/usr/bin/env node
/**
 * npm run bench: start-up time and memory of the single-file bundle, as ratios to `node -e 0`
 * measured in the same run (machines differ; ratios travel). One sandbox serves every run.
 *
 *   node scripts/bench.mjs [--runs N] [--json] [--code-cache on|off]
 *
 * Also: the peer (scripts/peer-apply.sh: curl + AWS CLI + jq, the same no-change job), the
 * floor under a no-change apply (scripts/sdk-floor.mjs: IMDS and the same five AWS calls on the
 * same SDK clients, nothing else), the AWS calls of a no-change apply, and how fast the sandbox
 * stops (directly, and under npm exec).
 *
 * Commands are run round-robin (one of each per round) so drift hits all alike; each figure
 * is the median. Peak RSS is each command's own getrusage maxRSS, reported at exit by a
 * preloaded module. Exits 1 when a budget is missed. Not part of npm test: timings are noisy.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { register } from 'tsx/esm/api';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { bundleIsFresh } from '../bin/bundle-freshness.mjs';
import * as esbuild from 'esbuild';
import { build, DEFAULT_OUTFILE } from './build.mjs';

const BUDGETS = {
  helpRatio: 1.5, // --help vs node -e 0
  applyRatio: 3, // apply (create and no change) vs node -e 0
  peakRssMiB: 80,
  plan12Ratio: 1.1, // plan of 12 dataflows vs plan of 1
  bundleMiB: 2,
  discoveryCalls: 6, // Ground Station + tagging calls of an apply on a fresh root, 1 000 other groups
  discoveryRatio: 1.5, // that apply vs apply (no change) on a root with its state file
  fleetExtraCalls: 10, // fleet over 100 hosts: AWS calls ≤ groups + this
  peerRatio: 8, // scripts/peer-apply.sh (curl + AWS CLI + jq) vs apply (no change): at least this
  noChangeGroundStationCalls: 1, // Ground Station calls of an apply with nothing to change
  sandboxStopMs: 500, // SIGTERM to the sandbox, or to npm above it, until the sandbox is gone
};
const FLEET_HOSTS = 100;

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
    // off: every run compiles the program from source (a host's first boot after an install).
    'code-cache': { type: 'string', default: 'on' },
  },
});
const RUNS = Number(opts.runs);
if (!Number.isInteger(RUNS) || RUNS < 3) throw new Error(`--runs ${opts.runs}: expected an integer >= 3`);

const loadAtStart = loadavg();
const bundle = DEFAULT_OUTFILE;
if (!bundleIsFresh()) {
  process.stderr.write('bench: dist/gs-agent-config.cjs is missing or older than the sources: building it\n');
  await build();
}
const work = mkdtempSync(join(tmpdir(), 'gs-agent-config-bench-'));
const rssFile = join(work, 'rss');
// Preloaded into every measured process for the RSS runs only: writes maxRSS (KiB) at exit.
const RSS_PRELOAD = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.GS_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));",
)}`;

function mission(name, dataflows) {
  return stringify({
    name,
    contact: { prePassSeconds: 120, postPassSeconds: 180 },
    agent: { portPool: '42000-50000', portsPerDataflow: 300, publicIp: 'auto', cpuCores: 'auto', networkAdapters: 'auto' },
    dataflows: Array.from({ length: dataflows }, (_, i) => ({
      name: `downlink-${i + 1}`,
      direction: 'downlink',
      deliverTo: `127.0.0.1:${55000 + i}`,
      mtu: 1500,
      bandwidthMHz: 20,
    })),
    tags: { team: 'bench' },
  });
}
const mission1 = join(work, 'one-dataflow.yaml');
const mission12 = join(work, 'twelve-dataflows.yaml');
writeFileSync(mission1, mission('bench-one', 1));
writeFileSync(mission12, mission('bench-twelve', 12));

/** The sandbox, once, as the bundle's own `sandbox` command; resolves with its environment. */
function startSandbox() {
  const child = spawn(process.execPath, [bundle, 'sandbox', '--json', '--host', 'c7i.48xlarge'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the sandbox exited early (code ${code})`)));
    child.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl !== -1) resolve({ child, env: JSON.parse(buf.slice(0, nl)).env });
    });
  });
}

const sandbox = await startSandbox();
// A private code cache (src/cli/code-cache.ts), warmed by the untimed rounds, or none.
const env = {
  PATH: process.env.PATH ?? '',
  HOME: work,
  ...sandbox.env,
  GS_AGENT_CONFIG_CODE_CACHE: opts['code-cache'] === 'off' ? 'off' : join(work, 'code-cache'),
};
process.on('exit', () => sandbox.child.kill('SIGTERM'));

function run(argv, { rss = false, allow = [0], file = process.execPath } = {}) {
  const args = rss ? ['--import', RSS_PRELOAD, ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(file, args, { env: { ...env, GS_BENCH_RSS_FILE: rssFile }, cwd: work, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!allow.includes(r.status)) throw new Error(`${argv.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return { ms, rssKiB: rss ? Number(readFileSync(rssFile, 'utf8')) : undefined };
}

let applyRoots = 0;
const freshRoot = () => join(work, `root-${++applyRoots}`);
const noChangeRoot = freshRoot();
run([bundle, 'apply', mission1, '--root', noChangeRoot]);
let createRoot;

/**
 * The peer (scripts/peer-apply.sh) needs bash, curl, jq and the AWS CLI. A pyenv shim adds
 * seconds of its own per call: the CLI it points to is used, so the peer pays for the CLI only.
 */
function peerCommand() {
  const which = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();
  const missing = ['bash', 'curl', 'jq', 'aws'].filter((c) => !which(c));
  if (missing.length) return { skip: `${missing.join(', ')} not on PATH` };
  let aws = which('aws');
  if (aws.includes('/.pyenv/shims/')) aws = execFileSync('pyenv', ['which', 'aws'], { encoding: 'utf8' }).trim();
  const script = fileURLToPath(new URL('peer-apply.sh', import.meta.url));
  return {
    file: 'bash',
    argv: ['-c', `PATH=${JSON.stringify(dirname(aws))}:"$PATH" exec bash ${JSON.stringify(script)} "$0"`, join(work, 'peer')],
  };
}
/**
 * The floor (scripts/sdk-floor.mjs), bundled and minified as the tool is, and run from a V8
 * code cache made after a run, as the tool's bundle is (the untimed rounds warm it).
 */
async function floorCommand() {
  const program = join(work, 'sdk-floor.cjs');
  await esbuild.build({
    entryPoints: [fileURLToPath(new URL('sdk-floor.mjs', import.meta.url))],
    outfile: program,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    logLevel: 'warning',
  });
  const loader = join(work, 'sdk-floor-run.cjs');
  writeFileSync(
    loader,
    `const fs = require('node:fs'), vm = require('node:vm');
const file = ${JSON.stringify(program)}, cacheFile = file + '.v8cache';
let data; try { data = fs.readFileSync(cacheFile); } catch {}
const script = new vm.Script('(function (exports, require, module, __filename, __dirname) {' + fs.readFileSync(file, 'utf8') + '\\n})', { filename: file, ...(data && { cachedData: data }) });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, require, mod, file, ${JSON.stringify(work)});
if (!data || script.cachedDataRejected) process.on('beforeExit', () => { if (!fs.existsSync(cacheFile)) fs.writeFileSync(cacheFile, script.createCachedData()); });
`,
  );
  return loader;
}
const floorLoader = await floorCommand();
/** The no-change root's group (the create case makes it anew each round). */
const noChangeGroupId = () =>
  JSON.parse(readFileSync(join(noChangeRoot, 'var', 'lib', 'gs-agent-config', 'outputs.json'), 'utf8')).dataflowEndpointGroupId;
const peer = peerCommand();
if (!peer.skip) run(peer.argv, { file: peer.file }); // writes the peer's config once: its timed runs change nothing

/** name → { argv, before? (untimed, per run) }. */
const cases = {
  'node -e 0': { argv: ['-e', '0'] },
  '--help': { argv: [bundle, '--help'] },
  validate: { argv: [bundle, 'validate', mission1] },
  'plan (1 dataflow)': { argv: [bundle, 'plan', mission1] },
  'plan (12 dataflows)': { argv: [bundle, 'plan', mission12] },
  'apply (no change)': { argv: [bundle, 'apply', mission1, '--root', noChangeRoot] },
  'SDK floor (IMDS + 5 calls)': { argv: () => [floorLoader, noChangeGroupId()], reference: true },
  'apply (create)': {
    argv: () => [bundle, 'apply', mission1, '--root', createRoot],
    before() {
      // The host's group belongs to noChangeRoot's state: a new root on the same host would
      // adopt it. Destroy it first (untimed), create in a fresh root, and re-create the
      // no-change root's group after the round.
      run([bundle, 'destroy', '--root', noChangeRoot, '--yes']);
      createRoot = freshRoot();
    },
    after() {
      run([bundle, 'destroy', '--root', createRoot, '--yes']);
      run([bundle, 'apply', mission1, '--root', noChangeRoot]);
      if (!peer.skip) run(peer.argv, { file: peer.file }); // the group's id changed: the peer's config follows, untimed
    },
  },
  ...(!peer.skip && { 'peer: curl + aws + jq': { argv: peer.argv, file: peer.file } }),
};

const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, { ms: [], rssKiB: 0 }]));
const argvOf = (c) => (typeof c.argv === 'function' ? c.argv() : c.argv);
try {
  for (let round = -2; round < RUNS + 1; round++) {
    const rss = round === RUNS; // the last round measures memory; the first two warm caches
    for (const [name, c] of Object.entries(cases)) {
      c.before?.();
      const r = run(argvOf(c), { rss: rss && !c.file, file: c.file });
      c.after?.();
      if (rss) samples[name].rssKiB = r.rssKiB;
      else if (round >= 0) samples[name].ms.push(r.ms);
    }
  }
} finally {
  sandbox.child.kill('SIGTERM');
}

/** Runs the bundle (argv) asynchronously in `envOf`, against an in-process sandbox; resolves with its wall time in ms, rejects on an exit other than 0. */
function runTimed(argv, envOf) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, argv, { env: envOf, cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(Number(process.hrtime.bigint() - t0) / 1e6) : reject(new Error(`${argv.join(' ')} exited ${code}:\n${err}`)),
    );
  });
}

/**
 * Discovery at scale: the host's group exists, the root is new (a re-imaged root volume), and
 * the account holds 1 000 other groups. The sandbox runs in this process (through tsx) so its
 * action log counts the calls; the bundle runs asynchronously against it.
 */
async function benchDiscovery() {
  register();
  const { startSandbox: startInProcess } = await import('../sandbox/server.ts');
  const sb = await startInProcess({ profile: 'c7i.48xlarge', otherGroups: 1000 });
  const runAsync = (argv) => runTimed(argv, { ...env, ...sb.env });
  const awsCalls = () => sb.actions.filter((a) => /^(groundstation|tagging):/.test(a)).length;
  try {
    const home = join(work, 'discovery-home');
    await runAsync([bundle, 'apply', mission1, '--root', home]);
    const fresh = [],
      kept = [],
      noChange = [],
      calls = [],
      scan = [];
    for (let i = 0; i < Math.max(3, Math.min(RUNS, 7)); i++) {
      const before = awsCalls();
      fresh.push(await runAsync([bundle, 'apply', mission1, '--root', join(work, `discovery-fresh-${i}`)]));
      calls.push(awsCalls() - before);
      const beforeKept = sb.actions.length;
      kept.push(await runAsync([bundle, 'apply', mission1, '--root', home]));
      const keptActions = sb.actions.slice(beforeKept).filter((a) => !a.startsWith('imds:'));
      noChange.push({ aws: keptActions.length, groundStation: keptActions.filter((a) => a.startsWith('groundstation:')).length });
    }
    // The fallback when tag:GetResources is refused: one GetDataflowEndpointGroup per group.
    sb.tagging.deny = true;
    const before = awsCalls();
    scan.push(await runAsync([bundle, 'apply', mission1, '--root', join(work, 'discovery-scan')]));
    const scanCalls = awsCalls() - before;
    return {
      freshMs: median(fresh),
      keptMs: median(kept),
      // The last no-change run: the one after a create lists once more to confirm the group.
      noChangeAwsCalls: noChange.at(-1).aws,
      noChangeGroundStationCalls: noChange.at(-1).groundStation,
      calls: Math.max(...calls),
      scanMs: scan[0],
      scanCalls,
      groups: sb.groundStation.groups.size,
    };
  } finally {
    await sb.close();
  }
}

/**
 * fleet over 100 simulated hosts: host 1 applied for real (with --report-compliance), hosts
 * 2…100 as the account sees them (their instance in EC2, their group tagged by the tool on their
 * Elastic IP, their compliance report in SSM). AWS calls of one `fleet`, and its time as a ratio
 * to one `status` on host 1 in the same run.
 */
async function benchFleet() {
  register();
  const { startSandbox: startInProcess } = await import('../sandbox/server.ts');
  const { fleetHost } = await import('../sandbox/hosts.ts');
  const sb = await startInProcess({ profile: 'c7i.48xlarge', agentHealthy: true });
  const runAsync = (argv) => runTimed(argv, { ...env, ...sb.env });
  try {
    const root = join(work, 'fleet-host-1');
    await runAsync([bundle, 'apply', mission1, '--root', root, '--report-compliance']);
    const [own] = sb.groundStation.groups.values();
    const report = sb.ssm.reports.values().next().value;
    for (let k = 2; k <= FLEET_HOSTS; k++) {
      const h = fleetHost(sb.host, k);
      sb.fleetHosts.push(h);
      const ip = h.interfaces[0].elasticIps[0].publicIp;
      sb.accountIps.push(ip);
      const id = `00000000-0000-4000-9000-${k.toString(16).padStart(12, '0')}`;
      const endpoints = JSON.parse(JSON.stringify(own.endpoints).replaceAll(sb.host.interfaces[0].elasticIps[0].publicIp, ip));
      sb.groundStation.groups.set(id, {
        ...own,
        id,
        arn: own.arn.replace(own.id, id),
        endpoints,
        tags: { ...own.tags, 'gs-agent-config:instance-id': h.instanceId },
        agentRegistered: true,
      });
      sb.ssm.reports.set(`${h.instanceId}|Custom:GsAgentConfig`, { ...report, resourceId: h.instanceId });
    }
    const awsCalls = () => sb.actions.filter((a) => !a.startsWith('imds:')).length;
    const fleet = [],
      status = [],
      calls = [];
    for (let i = 0; i < Math.max(3, Math.min(RUNS, 7)); i++) {
      const before = awsCalls();
      fleet.push(await runAsync([bundle, 'fleet']));
      calls.push(awsCalls() - before);
      status.push(await runAsync([bundle, 'status', '--root', root]));
    }
    return {
      hosts: sb.fleetHosts.length,
      groups: sb.groundStation.groups.size,
      calls: Math.max(...calls),
      fleetMs: median(fleet),
      statusMs: median(status),
    };
  } finally {
    await sb.close();
  }
}

/** `state ppid` of a live process from /proc; undefined once it is gone or a zombie (exited, not yet reaped). */
function procStat(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const [state, ppid] = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return state === 'Z' ? undefined : { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}
const descendantsOf = (pid) =>
  execFileSync('sh', ['-c', 'ls /proc'], { encoding: 'utf8' })
    .split(/\s+/)
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((p) => procStat(p)?.ppid === pid)
    .flatMap((c) => [c, ...descendantsOf(c)]);

/**
 * How long the sandbox takes to stop: SIGTERM to it (started directly), and SIGTERM to npm
 * above it (`npm exec gs-agent-config sandbox` in a project that installed the tool: the
 * sandbox notices its parent is gone). From the signal until the sandbox process has ended.
 */
async function benchSandboxStop() {
  const project = join(work, 'npm-project');
  mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
  writeFileSync(join(project, 'package.json'), '{ "name": "bench-project", "private": true }\n');
  symlinkSync(fileURLToPath(new URL('../bin/gs-agent-config', import.meta.url)), join(project, 'node_modules', '.bin', 'gs-agent-config'));
  const modes = {
    direct: [process.execPath, [bundle, 'sandbox', '--json']],
    'npm exec': ['npm', ['exec', '--no', '--', 'gs-agent-config', 'sandbox', '--json']],
  };
  const out = {};
  for (const [mode, [file, args]] of Object.entries(modes)) {
    const ms = [];
    for (let i = 0; i < 3; i++) {
      const child = spawn(file, args, {
        cwd: project,
        env: { PATH: env.PATH, HOME: process.env.HOME ?? work },
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      await new Promise((resolve, reject) => {
        let buf = '';
        const timer = setTimeout(() => reject(new Error(`sandbox (${mode}) did not start in 60 s`)), 60_000);
        child.stdout.on('data', (d) => {
          buf += d;
          if (buf.includes('\n')) resolve(clearTimeout(timer));
        });
      });
      const sandboxPid = [child.pid, ...descendantsOf(child.pid)]
        .filter((p) => {
          try {
            return readFileSync(`/proc/${p}/cmdline`, 'latin1').includes('sandbox');
          } catch {
            return false;
          }
        })
        .at(-1);
      const t0 = performance.now();
      child.kill('SIGTERM');
      while (procStat(sandboxPid) && performance.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 5));
      ms.push(performance.now() - t0);
      if (procStat(sandboxPid)) process.kill(sandboxPid, 'SIGKILL');
    }
    out[mode] = median(ms);
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const base = median(samples['node -e 0'].ms);
const rows = Object.entries(samples).map(([name, s]) => ({
  name,
  medianMs: median(s.ms),
  ratio: median(s.ms) / base,
  peakRssMiB: s.rssKiB / 1024,
}));
const by = Object.fromEntries(rows.map((r) => [r.name, r]));
const bundleMiB = statSync(bundle).size / 1024 / 1024;
const peakRssMiB = Math.max(
  ...rows.filter((r) => r.name !== 'node -e 0' && !cases[r.name].file && !cases[r.name].reference).map((r) => r.peakRssMiB),
);
/** How far above its own floor (the SDK clients and the calls alone) a no-change apply is. */
const overFloor = by['apply (no change)'].medianMs / by['SDK floor (IMDS + 5 calls)'].medianMs;
const check = (budget, value, limit, unit) => ({ budget, value, ok: value <= limit, unit });
const checks = [
  check(`--help ≤ ${BUDGETS.helpRatio}× node -e 0`, by['--help'].ratio, BUDGETS.helpRatio, '×'),
  check(`apply (no change) ≤ ${BUDGETS.applyRatio}× node -e 0`, by['apply (no change)'].ratio, BUDGETS.applyRatio, '×'),
  check(`apply (create) ≤ ${BUDGETS.applyRatio}× node -e 0`, by['apply (create)'].ratio, BUDGETS.applyRatio, '×'),
  check(`peak RSS ≤ ${BUDGETS.peakRssMiB} MiB`, peakRssMiB, BUDGETS.peakRssMiB, ' MiB'),
  check(
    `plan 12 dataflows ≤ ${BUDGETS.plan12Ratio}× plan 1`,
    by['plan (12 dataflows)'].medianMs / by['plan (1 dataflow)'].medianMs,
    BUDGETS.plan12Ratio,
    '×',
  ),
  { ...check(`bundle < ${BUDGETS.bundleMiB} MiB`, bundleMiB, BUDGETS.bundleMiB, ' MiB'), ok: bundleMiB < BUDGETS.bundleMiB },
];
if (!peer.skip)
  checks.push({
    ...check(
      `peer (curl + AWS CLI + jq) ≥ ${BUDGETS.peerRatio}× apply (no change)`,
      by['peer: curl + aws + jq'].medianMs / by['apply (no change)'].medianMs,
      Infinity,
      '×',
    ),
    ok: by['peer: curl + aws + jq'].medianMs / by['apply (no change)'].medianMs >= BUDGETS.peerRatio,
  });
const discovery = await benchDiscovery();
checks.push(
  check(
    `no-change apply: ≤ ${BUDGETS.noChangeGroundStationCalls} Ground Station call (${discovery.noChangeAwsCalls} AWS calls in all)`,
    discovery.noChangeGroundStationCalls,
    BUDGETS.noChangeGroundStationCalls,
    ' calls',
  ),
  check(
    `fresh-root apply with ${discovery.groups - 1} other groups: ≤ ${BUDGETS.discoveryCalls} AWS calls`,
    discovery.calls,
    BUDGETS.discoveryCalls,
    ' calls',
  ),
  check(
    `fresh-root apply ≤ ${BUDGETS.discoveryRatio}× apply with its state file`,
    discovery.freshMs / discovery.keptMs,
    BUDGETS.discoveryRatio,
    '×',
  ),
);
const fleet = await benchFleet();
checks.push(
  check(
    `fleet over ${fleet.hosts} hosts: ≤ groups + ${BUDGETS.fleetExtraCalls} AWS calls (${fleet.groups + BUDGETS.fleetExtraCalls})`,
    fleet.calls,
    fleet.groups + BUDGETS.fleetExtraCalls,
    ' calls',
  ),
);
const stop = await benchSandboxStop();
for (const [mode, ms] of Object.entries(stop))
  checks.push(check(`sandbox stop (${mode}) ≤ ${BUDGETS.sandboxStopMs} ms`, ms, BUDGETS.sandboxStopMs, ' ms'));
rmSync(work, { recursive: true, force: true });

if (opts.json) {
  process.stdout.write(
    `${JSON.stringify({ node: process.version, load: loadavg(), runs: RUNS, rows, overFloor, discovery, fleet, stop, peer: peer.skip ?? 'timed', checks }, null, 2)}\n`,
  );
} else {
  const w = Math.max(...rows.map((r) => r.name.length));
  process.stdout.write(
    `gs-agent-config bench: ${bundle}, node ${process.version}, ${RUNS} runs each, medians, code cache ${opts['code-cache']}, ` +
      `load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} at start, ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} at end\n` +
      (peer.skip ? `peer (scripts/peer-apply.sh) not timed: ${peer.skip}\n\n` : '\n'),
  );
  process.stdout.write(`${'command'.padEnd(w)}  median ms  × node -e 0  peak RSS MiB\n`);
  for (const r of rows)
    process.stdout.write(
      `${r.name.padEnd(w)}  ${r.medianMs.toFixed(1).padStart(9)}  ${r.ratio.toFixed(2).padStart(11)}  ${(cases[r.name].file ? '-' : r.peakRssMiB.toFixed(1)).padStart(12)}\n`,
    );
  process.stdout.write(
    `\napply (no change) is ${overFloor.toFixed(2)}× its floor (scripts/sdk-floor.mjs: IMDS and the same 5 AWS calls on the same SDK clients, ` +
      `${by['SDK floor (IMDS + 5 calls)'].ratio.toFixed(2)}× node -e 0)\n`,
  );
  process.stdout.write(
    `\ndiscovery, ${discovery.groups - 1} other groups: fresh root ${discovery.freshMs.toFixed(1)} ms, ${discovery.calls} AWS calls; ` +
      `same host with its state file ${discovery.keptMs.toFixed(1)} ms ` +
      `(${discovery.noChangeAwsCalls} AWS calls, ${discovery.noChangeGroundStationCalls} Ground Station); ` +
      `scan fallback (tag:GetResources refused) ${discovery.scanMs.toFixed(0)} ms, ${discovery.scanCalls} calls\n\n`,
  );
  process.stdout.write(
    `fleet over ${fleet.hosts} hosts (${fleet.groups} groups): ${fleet.fleetMs.toFixed(1)} ms, ${fleet.calls} AWS calls; ` +
      `${(fleet.fleetMs / fleet.statusMs).toFixed(2)}× one status (${fleet.statusMs.toFixed(1)} ms)\n\n`,
  );
  for (const c of checks) process.stdout.write(`${c.ok ? 'ok  ' : 'MISS'} ${c.budget}: ${c.value.toFixed(2)}${c.unit}\n`);
}
process.exitCode = checks.every((c) => c.ok) ? 0 : 1;
