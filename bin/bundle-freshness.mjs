// Whether dist/gs-agent-config.cjs was built from the sources as they are now: used by
// bin/gs-agent-config (run the bundle or the sources) and scripts/bench.mjs (rebuild first).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(PACKAGE_ROOT, 'dist', 'gs-agent-config.cjs');

/** The newest file under dir: [mtimeMs, path]. */
function newest(dir) {
  let best = [0, dir];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    const here = entry.isDirectory() ? newest(p) : [statSync(p).mtimeMs, p];
    if (here[0] > best[0]) best = here;
  }
  return best;
}

/**
 * Why the bundle cannot be run: it is missing, or a file in src/, sandbox/, templates/ or
 * schemas/ is newer than it (a developer's edit). Undefined when it is fresh.
 */
export function bundleStaleness() {
  if (!existsSync(BUNDLE)) return `${relative(PACKAGE_ROOT, BUNDLE)} is missing`;
  const built = statSync(BUNDLE).mtimeMs;
  for (const d of ['src', 'sandbox', 'templates', 'schemas']) {
    if (!existsSync(join(PACKAGE_ROOT, d))) continue;
    const [mtime, path] = newest(join(PACKAGE_ROOT, d));
    if (mtime > built) return `${relative(PACKAGE_ROOT, path)} is newer than ${relative(PACKAGE_ROOT, BUNDLE)}`;
  }
  return undefined;
}

/** The bundle exists and is newer than every file in src/, sandbox/, templates/ and schemas/. */
export function bundleIsFresh() {
  return bundleStaleness() === undefined;
}
