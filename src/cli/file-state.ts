/**
 * One vocabulary for the files the tool writes, in plan, apply, status and their JSON:
 * `created`, `changed`, `unchanged` (what apply did, or would do) and `missing` (status: a
 * recorded file that is gone). Text uses the same words, as verbs where it speaks of the future.
 */
import type { FileChange } from '../apply/file-changes.ts';

export type FileState = 'created' | 'changed' | 'unchanged' | 'missing';

export function changeState(f: Pick<FileChange, 'changed' | 'created'>): FileState {
  return !f.changed ? 'unchanged' : f.created ? 'created' : 'changed';
}

const MARK: Record<FileState, string> = { created: '+', changed: '~', unchanged: '=', missing: '!' };
/** plan says what apply would do. */
const FUTURE: Record<FileState, string> = { created: 'create', changed: 'change', unchanged: 'unchanged', missing: 'missing' };

/** `+ created  /etc/…`, aligned; `future` for plan (`+ create`). */
export function fileLine(state: FileState, path: string, future = false): string {
  const word = future ? FUTURE[state] : state;
  return `${MARK[state]} ${word.padEnd(9)} ${path}`;
}
