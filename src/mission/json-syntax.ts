/**
 * A `.json` mission is JSON, not YAML: YAML would accept a trailing comma or a comment that
 * every other JSON reader refuses. Pure: the first syntax error as `file:line:column: …`.
 */

/** Index of the first `,` that only whitespace separates from a closing `}` or `]`, outside strings. */
export function trailingCommaAt(source: string): number | undefined {
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ',') {
      const next = /\S/.exec(source.slice(i + 1));
      if (next && (next[0] === '}' || next[0] === ']')) return i;
    }
  }
  return undefined;
}

function lineColumn(source: string, index: number): { line: number; column: number } {
  const before = source.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Undefined when `source` is valid JSON; else one detail line naming where and what. */
export function jsonSyntaxProblem(source: string, file: string): string | undefined {
  try {
    JSON.parse(source);
    return undefined;
  } catch (e) {
    const comma = trailingCommaAt(source);
    const at = (i: number) => {
      const { line, column } = lineColumn(source, i);
      return `${file}:${line}:${column}`;
    };
    if (comma !== undefined)
      return `${at(comma)}: syntax error: trailing comma; JSON allows none (remove it, or write the mission as .yaml)`;
    const message = (e as Error).message;
    const pos = /at position (\d+)/.exec(message);
    const where = pos ? at(Number(pos[1])) : at(source.trimEnd().length);
    const what = message.replace(/ in JSON at position \d+.*$/, '').replace(/, ".*" is not valid JSON$/s, '');
    return `${where}: syntax error: ${what} (a .json mission is read as strict JSON)`;
  }
}
