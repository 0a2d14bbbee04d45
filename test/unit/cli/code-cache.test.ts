/**
 * The bundle's code cache is keyed by the bundle's path as well as the program's hash, so two
 * copies of the same build (two checkouts, /usr/local/bin and a dev tree) never load each
 * other's compiled code, and saving removes only this copy's entries of other builds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCodeCache, pathKey } from '../../../src/cli/code-cache.ts';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

test('two paths of one build: separate entries; another build of the same path replaces only its own', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gsac-cache-'));
  try {
    const env = { GS_AGENT_CONFIG_CODE_CACHE: dir };
    const here = '/opt/a/gs-agent-config.cjs';
    const there = '/home/x/checkout/dist/gs-agent-config.cjs';
    openCodeCache(SHA_A, 'apply', env, here).save(Buffer.from('compiled here'));
    assert.equal(openCodeCache(SHA_A, 'apply', env, there).data, undefined, "another copy must not load this one's cache");
    openCodeCache(SHA_A, 'apply', env, there).save(Buffer.from('compiled there'));
    assert.equal(String(openCodeCache(SHA_A, 'apply', env, here).data), 'compiled here');
    assert.equal(String(openCodeCache(SHA_A, 'apply', env, there).data), 'compiled there');
    const names = await readdir(dir);
    assert.equal(names.length, 2);
    assert.ok(names.some((n) => n.includes(`-${pathKey(here)}-`)) && names.some((n) => n.includes(`-${pathKey(there)}-`)));

    // A legacy entry (no path key) and a new build at `here`: both of here's old entries go, there's stays.
    await writeFile(join(dir, `program-${'c'.repeat(32)}-node20.0.0-x64-apply.v8cache`), 'legacy', { mode: 0o600 });
    openCodeCache(SHA_B, 'apply', env, here).save(Buffer.from('new build here'));
    const after = (await readdir(dir)).sort();
    assert.equal(after.length, 2, after.join(', '));
    assert.ok(after.some((n) => n.startsWith(`program-${SHA_B.slice(0, 32)}-${pathKey(here)}-`)));
    assert.equal(String(openCodeCache(SHA_A, 'apply', env, there).data), 'compiled there');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
