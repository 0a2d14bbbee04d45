/**
 * Line numbers for mission paths, from the YAML document's source positions. JSON missions are
 * parsed by the same YAML parser (JSON is YAML), so this works for both.
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { PathSegment } from './problem.ts';

export interface SourceLines {
  /** Line (1-based) of the node at `path`; falls back to the nearest ancestor that exists. */
  lineOf(path: readonly PathSegment[]): number;
  /** The path of the deepest node containing `offset`, for parse errors. */
  pathAt(offset: number): PathSegment[];
}

function keyOf(key: unknown): PathSegment | undefined {
  if (isScalar(key)) return typeof key.value === 'number' ? String(key.value) : (key.value as string);
  return undefined;
}

/** Children of a collection as [segment, line anchor, child node]. A mapping entry is anchored at its key. */
function childrenOf(node: unknown): Array<[PathSegment, Node | undefined, unknown]> {
  if (isMap(node)) {
    return node.items.map((pair) => [keyOf(pair.key) ?? '', (pair.key ?? pair.value) as Node | undefined, pair.value]);
  }
  if (isSeq(node)) return node.items.map((item, i) => [i, item as Node, item]);
  return [];
}

function startOf(node: Node | undefined): number | undefined {
  return node?.range ? node.range[0] : undefined;
}

export function parseSourceLines(doc: Document, lineCounter: LineCounter): SourceLines {
  const lineAt = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  return {
    lineOf(path) {
      let node: unknown = doc.contents;
      let line = lineAt(startOf(doc.contents ?? undefined));
      for (const seg of path) {
        const child = childrenOf(node).find(([s]) => String(s) === String(seg));
        if (!child) break;
        const at = startOf(child[1]);
        if (at !== undefined) line = lineAt(at);
        node = child[2];
      }
      return line;
    },
    pathAt(offset) {
      const path: PathSegment[] = [];
      let node: unknown = doc.contents;
      for (let depth = 0; depth < 1000; depth++) {
        const child = childrenOf(node).find(([, anchor, value]) => contains(anchor, value, offset));
        if (!child) break;
        path.push(child[0]);
        node = child[2];
      }
      return path;
    },
  };
}

/** Does the entry (key anchor through the end of its value) contain `offset`? */
function contains(anchor: Node | undefined, value: unknown, offset: number): boolean {
  const start = startOf(anchor);
  const end = (value as Node | null)?.range?.[2] ?? anchor?.range?.[2];
  return start !== undefined && end !== undefined && start <= offset && offset < end;
}
