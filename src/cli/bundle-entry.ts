/**
 * Prelude of the single-file bundle dist/gs-agent-config.cjs (scripts/build.mjs). The program
 * itself follows this code in the same file as line comments, so node does not parse it at
 * start-up; it is compiled on first use. `--help` is answered from text the program's parser
 * produced at build time (build-info.ts), without compiling anything.
 *
 * Exports main for bin/gs-agent-config; runs it when the bundle is the program (directly or
 * through a symlink, e.g. /usr/local/bin/gs-agent-config).
 */
import { readFileSync } from 'node:fs';
import { quietOnClosedOutput, type Io } from './io.ts';
import { FAST_PATHS, PROGRAM_SHA256 } from './build-info.ts';
import { PROGRAM_MARKER, PROGRAM_PARAMS } from './bundle-layout.ts';

type Main = (argv: string[], io?: Io) => Promise<number>;

interface Program {
  main: Main;
  saveCodeCache(): void;
}
let program: Program | undefined;

/**
 * Compiles the program (from the code cache when there is a valid one) and runs its module
 * body. node:vm and the cache are imported here, not above: --help needs neither.
 */
async function loadProgram(command: string): Promise<Program> {
  if (program) return program;
  const text = readFileSync(__filename, 'utf8');
  const at = text.lastIndexOf(PROGRAM_MARKER);
  if (at === -1)
    throw new Error(`${__filename}: the program is missing: a damaged or truncated bundle; copy it again or rebuild it with npm run build`);
  // Every line starts with `//` (the first one right after the marker).
  const code = text.slice(at + PROGRAM_MARKER.length + 2).replaceAll('\n//', '\n');
  const wrapped = `(function (${PROGRAM_PARAMS.join(', ')}) {${code}\n})`;
  const [{ Script }, { openCodeCache }] = await Promise.all([import('node:vm'), import('./code-cache.ts')]);
  const cache = openCodeCache(PROGRAM_SHA256, command, process.env, __filename);
  let script: InstanceType<typeof Script>;
  try {
    script = new Script(wrapped, { filename: __filename, ...(cache.data ? { cachedData: cache.data } : {}) });
  } catch (err) {
    // eslint-disable-next-line preserve-caught-error -- the message carries the compile error's text; a cause would add its stack to what the operator reads
    throw new Error(
      `${__filename}: the program does not compile (${(err as Error).message}): a damaged or truncated bundle; copy it again or rebuild it with npm run build`,
    );
  }
  const mod = { exports: {} as { main: Main } };
  (script.runInThisContext() as (...args: unknown[]) => void)(mod.exports, require, mod, __filename, __dirname);
  // A cut that falls between two statements still compiles: the program is whole only when it exports main.
  if (typeof mod.exports.main !== 'function')
    throw new Error(
      `${__filename}: the program does not compile to a whole program (it exports no main): a damaged or truncated bundle; copy it again or rebuild it with npm run build`,
    );
  const fresh = !cache.data || script.cachedDataRejected === true;
  program = {
    main: mod.exports.main,
    // After a run, so the functions it compiled lazily are in the cache too.
    saveCodeCache: () => {
      if (fresh) cache.save(script.createCachedData());
    },
  };
  return program;
}

export async function main(argv: string[], io?: Io): Promise<number> {
  const key = argv.join('\0');
  const replay = Object.hasOwn(FAST_PATHS, key) ? FAST_PATHS[key] : undefined;
  if (!replay) {
    const p = await loadProgram(argv[0] ?? '');
    const code = await p.main(argv, io);
    p.saveCodeCache();
    return code;
  }
  if (!io) quietOnClosedOutput();
  for (const { stream, text } of replay.writes) {
    if (io) io[stream](text);
    else process[stream === 'out' ? 'stdout' : 'stderr'].write(text.endsWith('\n') ? text : `${text}\n`);
  }
  return replay.code;
}

if (require.main === module) {
  // main() maps every error of the program to a message and an exit code; what is left is a
  // damaged bundle, said in one line too.
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: Error) => {
      process.stderr.write(`error: ${err.message}\n`);
      process.exitCode = 1;
    },
  );
}
