/**
 * How the single-file bundle holds its program, shared by the build (scripts/build.mjs) and
 * the bundle's prelude (bundle-entry.ts): after the prelude, a marker line, then the program
 * (CommonJS) with every line prefixed by `//`, run as a function of PROGRAM_PARAMS.
 */

/** Joined at run time so that the prelude's own code never contains the marker (the build checks). */
export const PROGRAM_MARKER = ['', '// ---- gs-agent-config program: compiled on first use (bundle-entry.ts) ----', ''].join('\n');

/** The CommonJS module wrapper's parameters, in order. */
export const PROGRAM_PARAMS = ['exports', 'require', 'module', '__filename', '__dirname'] as const;
