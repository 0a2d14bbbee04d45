#!/usr/bin/env node
// The test lanes: unit (test/unit, mirrors src/ and sandbox/, seconds), system (test/system,
// scenarios through main() and the real binary), dist (test/dist: the bundle, the single
// executable, the examples with the real tools). Node 20's --test takes paths, not globs, and
// its directory scan skips .ts files: list every *.test.ts explicitly and run them through tsx.
//
//   node scripts/run-tests.mjs [unit|system|dist ...] [FILE ...]   (no argument: every lane)
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const LANES = ['unit', 'system', 'dist'];

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const lanes = args.filter((a) => LANES.includes(a));
const named = args.filter((a) => !LANES.includes(a));
const dirs = (lanes.length || named.length ? lanes : LANES).map((l) => join(root, 'test', l)).filter((d) => existsSync(d));
const files = [...dirs.flatMap(findTests).map((f) => relative(root, f)), ...named];
if (files.length === 0) {
  console.error(`run-tests: no test files found (lanes: ${LANES.join(', ')})`);
  process.exit(1);
}
console.log(`run-tests: ${files.length} test files${lanes.length ? ` (${lanes.join(', ')})` : ''}`);
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
