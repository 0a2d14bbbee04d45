#!/usr/bin/env node
/**
 * npm's `prepare` (run by `npm ci` and `npm install` in a checkout): builds the single-file
 * bundle, so bin/gs-agent-config runs it from the first command (docs/design/performance.md).
 * Without esbuild (an install with --omit=dev) there is nothing to build it with: it says so
 * and leaves bin/gs-agent-config on the sources. A build error fails the install, loudly.
 */
import { createRequire } from 'node:module';
import { relative } from 'node:path';

const require = createRequire(import.meta.url);
try {
  require.resolve('esbuild');
} catch {
  process.stderr.write('gs-agent-config: esbuild is not installed (--omit=dev?): no bundle built; bin/gs-agent-config runs the sources\n');
  process.exit(0);
}
const { build } = await import('./build.mjs');
const r = await build();
process.stdout.write(
  `gs-agent-config: built ${relative(process.cwd(), r.outfile)} (${(r.bytes / 1024).toFixed(0)} KiB): bin/gs-agent-config runs it\n`,
);
