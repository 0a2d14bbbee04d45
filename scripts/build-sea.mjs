#!/usr/bin/env node
/**
 * npm run build:sea: dist/gs-agent-config-<platform>-<arch>, a copy of this node binary with
 * the tool injected as a single-executable application (Node 20 SEA + postject). It needs
 * no node on PATH and nothing else on disk.
 *
 * Node 20's SEA runs one CommonJS script with its own V8 code cache (useCodeCache), so it
 * gets the program alone (buildProgram in scripts/build.mjs, entry src/cli/sea-entry.ts),
 * without the bundle's prelude. postject prints LIEF warnings about ELF note sections while
 * injecting; they are harmless (the binary is tested by test/dist/sea.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { inject } from 'postject';
import { buildProgram } from './build.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'dist');
/** The fuse string Node's SEA loader looks for (Node docs, "Single executable applications"). */
const SENTINEL_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

export async function buildSea({ outfile = join(DIST, `gs-agent-config-${process.platform}-${process.arch}`) } = {}) {
  if (process.platform !== 'linux')
    throw new Error(`build:sea is set up for Linux hosts (postject's ELF path); this is ${process.platform}`);
  const work = await mkdtemp(join(tmpdir(), 'gs-agent-config-sea-'));
  try {
    const script = join(work, 'gs-agent-config.cjs');
    const blob = join(work, 'sea-prep.blob');
    const config = join(work, 'sea-config.json');
    await writeFile(script, (await buildProgram({ entry: join(ROOT, 'src', 'cli', 'sea-entry.ts') })).code);
    await writeFile(
      config,
      JSON.stringify({ main: script, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }, null, 2),
    );
    execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    await mkdir(dirname(outfile), { recursive: true });
    await rm(outfile, { force: true });
    await copyFile(process.execPath, outfile);
    await chmod(outfile, 0o755);
    await inject(outfile, 'NODE_SEA_BLOB', await readFile(blob), { sentinelFuse: SENTINEL_FUSE });
    return outfile;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { outfile: { type: 'string' } } });
  const outfile = await buildSea(values.outfile ? { outfile: values.outfile } : {});
  const { size } = await stat(outfile);
  process.stdout.write(
    `built ${relative(process.cwd(), outfile) || outfile} (${(size / 1024 / 1024).toFixed(1)} MiB, node ${process.version} inside)\n`,
  );
}
