/**
 * Templates shipped with the tool, read by their path relative to the package root. The
 * single-file bundle replaces this module with one that embeds the files (see scripts/build).
 */
import { readFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);

export function readAsset(relPath: string): string {
  return readFileSync(new URL(relPath, root), 'utf8');
}
