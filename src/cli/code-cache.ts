/**
 * V8 code cache for the bundle's program (Node 20 has no module.enableCompileCache): after a
 * run, the compiled code is saved; the next run deserialises it instead of parsing and
 * compiling ~750 KB again (npm run bench: roughly halves the time of every command but
 * --help). An optimisation only: any problem means compiling from source, silently.
 *
 * Where: $GS_AGENT_CONFIG_CODE_CACHE (a directory, or `off`), else /var/cache/gs-agent-config
 * for root (systemd's CacheDirectory=), else $XDG_CACHE_HOME or ~/.cache/gs-agent-config.
 * Cached code is executable: the directory and file must belong to this user and be writable
 * by no one else, or the cache is neither read nor written. The file name carries the
 * program's hash (computed by the build), a hash of the bundle's own path (two copies of the
 * same build, e.g. two checkouts, never share compiled code, whose stack traces would name the
 * other copy's path) and the node version, so another build never loads it (V8 also rejects a
 * cache made by another V8 or for a source of another length), and the command: each
 * command's file holds the functions that command compiled (apply's is what boot needs).
 * Saving removes this copy's entries of other builds, never another copy's.
 */
import {
  closeSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface CodeCache {
  /** Cached data for this program, if a trustworthy cache file exists. */
  data?: Buffer;
  /** Saves `data` for the next run (atomically; old entries of other builds are removed). */
  save(data: Buffer): void;
}

function cacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const setting = env.GS_AGENT_CONFIG_CODE_CACHE;
  if (setting === 'off' || setting === '0') return undefined;
  if (setting) return setting;
  if (process.getuid?.() === 0) return '/var/cache/gs-agent-config';
  const base = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : undefined);
  return base ? join(base, 'gs-agent-config') : undefined;
}

/** Owned by us, and not writable by group or others (no one else could have planted code). */
function trusted(st: { uid: number; mode: number }): boolean {
  return st.uid === process.getuid?.() && (st.mode & 0o022) === 0;
}

function usableDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    return st.isDirectory() && trusted(st);
  } catch {
    return false;
  }
}

function readTrusted(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const st = fstatSync(fd);
    if (!st.isFile() || !trusted(st)) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const NONE: CodeCache = { save() {} };

/** 12 hex digits naming the bundle's path in cache file names. */
export function pathKey(bundlePath: string): string {
  return createHash('sha256').update(bundlePath).digest('hex').slice(0, 12);
}

/** A file of this cache's format: program hash, path key, the rest. Older names had no path key. */
const ENTRY = /^program-([0-9a-f]{32})-(?:([0-9a-f]{12})-)?node.+\.v8cache$/;

export function openCodeCache(programSha256: string, command: string, env: NodeJS.ProcessEnv = process.env, bundlePath = ''): CodeCache {
  let dir: string | undefined;
  try {
    dir = cacheDir(env); // os.homedir() throws on a user without a home
  } catch {
    return NONE;
  }
  if (!/^[0-9a-f]{64}$/.test(programSha256) || !dir || process.getuid === undefined || !usableDir(dir)) return NONE;
  const where = pathKey(bundlePath);
  const key = `${programSha256.slice(0, 32)}-${where}-node${process.versions.node}-${process.arch}`;
  const name = `program-${key}-${/^[a-z][a-z-]{0,30}$/.test(command) ? command : 'other'}.v8cache`;
  const file = join(dir, name);
  return {
    data: readTrusted(file),
    save(data: Buffer) {
      const tmp = join(dir, `.${name}.${process.pid}.tmp`);
      try {
        writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' });
        renameSync(tmp, file);
        for (const old of readdirSync(dir)) {
          const m = ENTRY.exec(old);
          // Ours from another build, or from before path keys; another copy's entries stay.
          if (m && (m[2] === undefined || (m[2] === where && !old.startsWith(`program-${key}-`)))) rmSync(join(dir, old), { force: true });
        }
      } catch {
        rmSync(tmp, { force: true });
      }
    },
  };
}
