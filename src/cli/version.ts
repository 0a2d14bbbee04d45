/** The tool's version, printed by --version; test/system/cli-conventions.test.ts keeps it equal to package.json's. */
export const VERSION = '0.1.0';
