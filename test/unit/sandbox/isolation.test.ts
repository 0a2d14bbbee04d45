/**
 * The sandbox is a wing of its own: it imports nothing from src/ (its wire shapes come from the
 * official models, its formatters are its own), so it cannot agree with the product's mistakes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

test('no sandbox module imports from src/ (statically or dynamically)', () => {
  const dir = new URL('../../../sandbox/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length > 20, `only ${files.length} sandbox modules found`);
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    for (const m of text.matchAll(/(?:^import[^'"]*|\bimport\(\s*)['"]([^'"]+)['"]/gm)) {
      assert.doesNotMatch(m[1], /(^|\/)src\//, `sandbox/${f} imports ${m[1]}`);
      assert.ok(m[1].startsWith('./') || !m[1].startsWith('.'), `sandbox/${f} imports ${m[1]} from outside the sandbox`);
    }
  }
});
