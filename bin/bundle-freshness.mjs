// Whether dist/gs-agent-config.cjs was built from the sources as they are now: used by
// bin/gs-agent-config (run the bundle or the sources) and scripts/bench.mjs (rebuild first).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(PACKAGE_ROOT, 'dist', 'gs-agent-config.cjs');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** The bundle exists and is newer than every file in src/, sandbox/, templates/ and schemas/. */
export function bundleIsFresh() {
  if (!existsSync(BUNDLE)) return false;
  const built = statSync(BUNDLE).mtimeMs;
  return ['src', 'sandbox', 'templates', 'schemas'].every(
    (d) => !existsSync(join(PACKAGE_ROOT, d)) || newestMtime(join(PACKAGE_ROOT, d)) <= built,
  );
}
