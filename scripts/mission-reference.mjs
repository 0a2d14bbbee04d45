#!/usr/bin/env node
// Generates the mission reference (docs/reference/mission.md) from schemas/mission.schema.json,
// so the two cannot drift: `node scripts/mission-reference.mjs --write` (npm run docs:mission)
// rewrites the block between the markers; the test suite checks that the block equals what
// this prints.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('schemas/mission.schema.json', root), 'utf8'));
const START = '<!-- mission-reference:start -->';
const END = '<!-- mission-reference:end -->';

const deref = (node) => (node?.$ref ? deref(schema.definitions[node.$ref.split('/').pop()]) : (node ?? {}));
const cell = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');

function rows(prefix, node, required) {
  const out = [];
  for (const [key, raw] of Object.entries(deref(node).properties ?? {})) {
    if (key === '$schema') continue;
    const n = { ...deref(raw), ...raw };
    const path = prefix ? `${prefix}.${key}` : key;
    const def = n.default === undefined ? '' : `\`${typeof n.default === 'object' ? JSON.stringify(n.default) : n.default}\``;
    out.push(`| \`${path}\` | ${required.includes(key) ? 'yes' : ''} | ${def} | ${cell(n.description)} |`);
    const items = n.type === 'array' && n.items ? deref(n.items) : undefined;
    if (items?.properties) out.push(...rows(`${path}[]`, items, items.required ?? []));
    else if (n.properties && key !== 'tags') out.push(...rows(path, n, n.required ?? []));
  }
  return out;
}

export function missionReference() {
  return [
    START,
    '## Mission reference',
    '',
    `${cell(schema.description)} Schema: \`schemas/mission.schema.json\` (add \`# yaml-language-server: $schema=<path>\` for editor completion). Examples: \`examples/missions/\`.`,
    '',
    '| key | required | default | meaning |',
    '|---|---|---|---|',
    ...rows('', schema, schema.required ?? []),
    END,
  ].join('\n');
}

/** The page that holds the generated block, relative to the repository root. */
export const MISSION_REFERENCE_PAGE = 'docs/reference/mission.md';

if (process.argv.includes('--write')) {
  const page = new URL(MISSION_REFERENCE_PAGE, root);
  const text = readFileSync(page, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < 0) throw new Error(`${MISSION_REFERENCE_PAGE} has no mission-reference markers`);
  writeFileSync(page, text.slice(0, a) + missionReference() + text.slice(b + END.length));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(missionReference());
}
