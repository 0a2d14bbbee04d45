#!/usr/bin/env node
// Node 20's --test takes paths, not globs, and its directory scan skips .ts files:
// list every test/**/*.test.ts explicitly and run them through tsx.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

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
const only = process.argv.slice(2);
const files = only.length ? only : findTests(join(root, 'test')).map((f) => relative(root, f));
if (files.length === 0) {
  console.error('run-tests: no test files found under test/');
  process.exit(1);
}
console.log(`run-tests: ${files.length} test files`);
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
