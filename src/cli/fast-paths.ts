/**
 * Answers the bundle gives without compiling the program: `--help` and `<command> --help`.
 * Empty here (the sources always run the parser); scripts/build.mjs fills it in the bundle
 * with what the built program's own parser printed for those argument lists, so the answers
 * are the parser's, byte for byte.
 */
export interface Replay { code: number; writes: { stream: 'out' | 'err'; text: string }[] }

export const FAST_PATHS: Record<string, Replay> = {};
