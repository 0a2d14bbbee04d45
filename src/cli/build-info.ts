/**
 * What scripts/build.mjs knows about the program it bundles, for the bundle's prelude
 * (bundle-entry.ts). Empty here: the sources never use it; the build replaces this module.
 *
 * FAST_PATHS: `--help` and `<command> --help`, answered without compiling the program: what the
 * built program's own parser printed for those argument lists, byte for byte.
 * PROGRAM_SHA256: hash of the program's code, naming its V8 code cache (code-cache.ts).
 */
export interface Replay {
  code: number;
  writes: { stream: 'out' | 'err'; text: string }[];
}

export const FAST_PATHS: Record<string, Replay> = {};
export const PROGRAM_SHA256 = '';
