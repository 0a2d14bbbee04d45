/**
 * Builds the single-file bundle once per test file, into a private directory (never dist/:
 * bin/gs-agent-config would start using it for other tests), and runs the CLI either from the
 * sources (tsx) or from that bundle, as child processes with only the environment given.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnCollect, type CliResult } from './cli.ts';

export { spawnCollect };

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE_RUNNER = fileURLToPath(new URL('./run-source.ts', import.meta.url));
/** Absolute, so the sources run from any working directory. */
const TSX = import.meta.resolve('tsx');

export type Flavour = 'source' | 'bundle';

/** `node scripts/build.mjs --outfile DIR/gs-agent-config.cjs`; call remove() when done. */
export async function buildBundle(): Promise<{ dir: string; bundle: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'gsac-bundle-'));
  const bundle = join(dir, 'gs-agent-config.cjs');
  const r = await spawnCollect(process.execPath, [join(REPO, 'scripts', 'build.mjs'), '--outfile', bundle], {
    env: { PATH: process.env.PATH ?? '' },
    timeoutMs: 120_000,
  });
  if (r.code !== 0) throw new Error(`npm run build failed (${r.code}):\n${r.err}`);
  return { dir, bundle, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** node's arguments to run the CLI from the sources, after the given preload modules. */
export function sourceArgs(argv: string[], preloads: string[] = []): string[] {
  return ['--import', TSX, ...preloads.flatMap((p) => ['--import', p]), SOURCE_RUNNER, ...argv];
}

/**
 * The CLI as `flavour`, with PATH and the given environment only. The bundle's code cache is
 * off unless the caller sets GS_AGENT_CONFIG_CODE_CACHE (tests never write to the host's).
 */
export function runFlavour(
  flavour: Flavour,
  bundle: string,
  argv: string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<CliResult> {
  const fullEnv = { PATH: process.env.PATH ?? '', GS_AGENT_CONFIG_CODE_CACHE: 'off', ...env };
  const args = flavour === 'source' ? sourceArgs(argv) : [bundle, ...argv];
  return spawnCollect(process.execPath, args, { env: fullEnv, cwd });
}
