/** Compares rendered files with what is on disk and writes the ones that differ. */
import { createHash } from 'node:crypto';
import { readIfExists } from './read-if-exists.ts';
import { createTwoFilesPatch } from 'diff';
import type { RenderedFile } from '../render/render-files.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { underRoot } from '../host-paths.ts';
import type { StateFile } from './state-file.ts';

export interface FileChange {
  /** Host path (without --root). */
  path: string;
  /** Path actually written (with --root). */
  written: string;
  changed: boolean;
  created: boolean;
  diff: string;
  file: RenderedFile;
}

export async function compareFiles(root: string, files: RenderedFile[]): Promise<FileChange[]> {
  return Promise.all(
    files.map(async (file) => {
      const written = underRoot(root, file.path);
      const before = await readIfExists(written);
      const changed = before !== file.content;
      const diff = changed
        ? createTwoFilesPatch(file.path, file.path, before ?? '', file.content, before === null ? '(absent)' : 'on disk', 'planned')
        : '';
      return { path: file.path, written, changed, created: before === null, diff, file };
    }),
  );
}

export async function writeChangedFiles(changes: FileChange[]): Promise<void> {
  for (const c of changes) {
    if (c.changed) await writeFileAtomic(c.written, c.file.content, c.file.mode);
  }
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function stateFileOf(c: FileChange): StateFile {
  return { path: c.path, sha256: sha256(c.file.content) };
}
