/**
 * The single-file bundle (npm run build) against the sources: the CLI-level cases run in both
 * and must answer alike (exit code, stdout, stderr, modulo temp paths and random ids); the
 * bundle also runs alone in an empty directory, through a symlink on PATH (how cloud-init
 * installs it, README "Run at boot"), and keeps its code cache safe.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { example, REPO, type CliResult } from '../helpers/cli.ts';
import { buildBundle, runFlavour, spawnCollect, type Flavour } from '../helpers/bundle.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';

let built: Awaited<ReturnType<typeof buildBundle>>;
let scratch: string;
before(async () => {
  built = await buildBundle();
  scratch = await mkdtemp(join(tmpdir(), 'gsac-bundle-cases-'));
});
after(async () => {
  await built.remove();
  await rm(scratch, { recursive: true, force: true });
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Temp directories and random ids differ between two runs; nothing else may. */
function normalise(r: CliResult, ...paths: string[]): CliResult {
  const clean = (t: string) => paths.reduce((acc, p) => acc.replaceAll(p, '<dir>'), t).replace(UUID, '<uuid>');
  return { code: r.code, out: clean(r.out), err: clean(r.err) };
}

const both = (argv: string[], env: Record<string, string> = {}) =>
  Promise.all((['source', 'bundle'] as Flavour[]).map((f) => runFlavour(f, built.bundle, argv, env)));

describe('the bundle answers as the sources do', () => {
  const stateless: Array<[string, string[], number]> = [
    ['--help', ['--help'], 0],
    ['apply --help', ['apply', '--help'], 0],
    ['sandbox --help', ['sandbox', '--help'], 0],
    ['validate (good)', ['validate', example('uplink-and-downlink.yaml')], 0],
    ['validate --json', ['validate', example('narrowband.json'), '--json'], 0],
    ['validate (bad mission)', ['validate', join(REPO, 'test/fixtures/invalid-missions/bad-direction.yaml')], 2],
    ['validate (missing file)', ['validate', '/nonexistent/mission.yaml'], 2],
    ['unknown command', ['launch'], 2],
    ['unknown flag', ['plan', example('wideband-downlink.yaml'), '--frobnicate'], 2],
    ['no command', [], 2],
    ['iam-policy', ['iam-policy'], 0],
    [
      'export (from a facts file that does not exist)',
      ['export', example('wideband-downlink.yaml'), '--facts', '/nonexistent/facts.json'],
      2,
    ],
  ];
  for (const [name, argv, code] of stateless) {
    test(name, async () => {
      const [source, bundle] = await both(argv);
      assert.equal(source.code, code, `source: ${source.err}`);
      assert.deepEqual(bundle, source);
      assert.ok(!/\n\s+at /.test(bundle.err), 'no stack trace without --debug');
    });
  }

  describe('against one sandbox', () => {
    const fx = useSandbox('bundle');

    test('facts, plan and export', async () => {
      for (const argv of [
        ['facts', '--json'],
        ['plan', example('multi-downlink.yaml')],
        ['plan', example('uplink-and-downlink.yaml'), '--json'],
        ['export', example('wideband-downlink.yaml'), '--format', 'terraform-awscc'],
      ]) {
        const [source, bundle] = await both(argv, fx.sb.env);
        assert.equal(source.code, 0, `${argv.join(' ')}: ${source.err}`);
        assert.deepEqual(normalise(bundle, fx.sb.sysRoot), normalise(source, fx.sb.sysRoot), argv.join(' '));
      }
    });

    test('apply (create), apply (no change), status, destroy: same reports and same files', async () => {
      const reports: Record<Flavour, unknown[]> = { source: [], bundle: [] };
      const files: Record<Flavour, string> = { source: '', bundle: '' };
      for (const flavour of ['source', 'bundle'] as Flavour[]) {
        const root = join(fx.root, flavour);
        const run = async (argv: string[], codes = [0]) => {
          const r = await runFlavour(flavour, built.bundle, [...argv, '--root', root], fx.sb.env);
          assert.ok(codes.includes(r.code), `${flavour} ${argv.join(' ')} exited ${r.code}: ${r.err}`);
          reports[flavour].push({ code: r.code, report: JSON.parse(normalise(r, root, fx.sb.sysRoot).out) });
        };
        await run(['apply', example('uplink-and-downlink.yaml'), '--json']);
        await run(['apply', example('uplink-and-downlink.yaml'), '--json']);
        files[flavour] = (await readFile(join(root, 'opt/aws/groundstation/etc/aws-gs-agent-config.json'), 'utf8')).replace(UUID, '<uuid>');
        // 6: the sandbox's agent never registers, so the endpoints are not HEALTHY.
        await run(['status', '--json'], [0, 6]);
        await run(['destroy', '--yes', '--json']);
      }
      const action = (i: number) => (reports.bundle[i] as { report: { action: string } }).report.action;
      assert.deepEqual([action(0), action(1)], ['create', 'keep']);
      assert.deepEqual(reports.bundle, reports.source);
      assert.equal(files.bundle, files.source);
    });
  });
});

describe('the bundle on its own', () => {
  test('is one executable file under 2 MB that starts with a shebang', async () => {
    const st = await stat(built.bundle);
    assert.ok(st.size < 2 * 1024 * 1024, `${st.size} bytes`);
    assert.equal(st.mode & 0o777, 0o755);
    assert.ok((await readFile(built.bundle, 'utf8')).startsWith('#!/usr/bin/env node\n'));
  });

  test('runs the demo from a directory that holds nothing but the bundle', async () => {
    const dir = join(scratch, 'alone');
    await mkdir(dir);
    await copyFile(built.bundle, join(dir, 'gs-agent-config.cjs'));
    const r = await spawnCollect(process.execPath, ['gs-agent-config.cjs', 'demo', '--json'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', GS_AGENT_CONFIG_CODE_CACHE: 'off' },
    });
    assert.equal(r.code, 0, r.err);
    const demo = JSON.parse(r.out) as { apply: { action: string }; rerun: { action: string; changedFiles: number }; root: string };
    assert.equal(demo.apply.action, 'create');
    assert.deepEqual(demo.rerun, { action: 'keep', changedFiles: 0 });
    assert.deepEqual(await readdir(dir), ['gs-agent-config.cjs'], 'the demo writes nothing next to the bundle');
    await rm(demo.root, { recursive: true, force: true });
  });

  test('a truncated bundle (an interrupted copy) says so in one line, exit 1', async () => {
    const text = await readFile(built.bundle, 'utf8');
    const marker = text.lastIndexOf('\n// ---- gs-agent-config program');
    const cases: Array<[string, number, RegExp]> = [
      ['without its program', marker, /the program is missing/],
      ['cut inside its program', marker + Math.floor((text.length - marker) / 2), /the program does not compile/],
    ];
    for (const [what, at, message] of cases) {
      const cut = join(scratch, `truncated-${at}.cjs`);
      await writeFile(cut, text.slice(0, at), { mode: 0o755 });
      const help = await spawnCollect(process.execPath, [cut, '--help'], { env: { PATH: process.env.PATH ?? '' } });
      assert.equal(help.code, 0, `${what}: the prelude still answers --help (${help.err})`);
      const r = await spawnCollect(process.execPath, [cut, 'validate', example('wideband-downlink.yaml')], {
        env: { PATH: process.env.PATH ?? '', GS_AGENT_CONFIG_CODE_CACHE: 'off' },
      });
      assert.equal(r.code, 1, what);
      assert.match(r.err, message, what);
      assert.match(r.err, /^error: [^\n]*npm run build\n$/, `${what}: one line`);
    }
  });

  test('runs through a symlink without extension on PATH, as cloud-init installs it', async () => {
    const bin = join(scratch, 'bin');
    await mkdir(bin);
    await symlink(built.bundle, join(bin, 'gs-agent-config'));
    const nodeDir = join(process.execPath, '..');
    const env = { PATH: `${bin}:${nodeDir}:/usr/bin:/bin`, GS_AGENT_CONFIG_CODE_CACHE: 'off' };
    const help = await spawnCollect('gs-agent-config', ['--help'], { env });
    assert.equal(help.code, 0, help.err);
    assert.match(help.out, /^gs-agent-config <command> \[options\]/);
    const valid = await spawnCollect('gs-agent-config', ['validate', example('wideband-downlink.yaml')], { env });
    assert.equal(valid.code, 0, valid.err);
    assert.match(valid.out, /is a valid mission/);
  });
});

describe('the code cache', () => {
  const validate = (env: Record<string, string>) =>
    runFlavour('bundle', built.bundle, ['validate', example('wideband-downlink.yaml')], env);

  test('is written after the first run (0600, per command) and used by the next', async () => {
    const dir = join(scratch, 'cache-ok');
    const first = await validate({ GS_AGENT_CONFIG_CODE_CACHE: dir });
    assert.equal(first.code, 0, first.err);
    const files = await readdir(dir);
    assert.equal(files.length, 1);
    assert.match(files[0], /^program-[0-9a-f]{32}-[0-9a-f]{12}-node[0-9.]+-[a-z0-9]+-validate\.v8cache$/);
    const st = await stat(join(dir, files[0]));
    assert.equal(st.mode & 0o777, 0o600);
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
    const second = await validate({ GS_AGENT_CONFIG_CODE_CACHE: dir });
    assert.deepEqual(second, first);
    assert.equal((await stat(join(dir, files[0]))).mtimeMs, st.mtimeMs, 'a valid cache is not rewritten');
  });

  test('a damaged cache file is rejected by V8 and replaced; the run is unaffected', async () => {
    const dir = join(scratch, 'cache-damaged');
    const clean = await validate({ GS_AGENT_CONFIG_CODE_CACHE: dir });
    const [name] = await readdir(dir);
    await writeFile(join(dir, name), Buffer.alloc(4096, 0x41), { mode: 0o600 });
    const again = await validate({ GS_AGENT_CONFIG_CODE_CACHE: dir });
    assert.deepEqual(again, clean);
    assert.notDeepEqual(await readFile(join(dir, name)), Buffer.alloc(4096, 0x41));
  });

  test('a directory others can write is neither read nor written', async () => {
    const dir = join(scratch, 'cache-shared');
    await mkdir(dir);
    await chmod(dir, 0o777);
    const r = await validate({ GS_AGENT_CONFIG_CODE_CACHE: dir });
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(await readdir(dir), []);
  });

  test('off: nothing is written', async () => {
    const home = join(scratch, 'home-off');
    await mkdir(home);
    const r = await validate({ GS_AGENT_CONFIG_CODE_CACHE: 'off', HOME: home, XDG_CACHE_HOME: join(home, 'xdg') });
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(await readdir(home), []);
  });
});
