/**
 * The host's OS from os-release(5): ID and VERSION_ID (Amazon Linux 2 is ID="amzn"
 * VERSION_ID="2"; Amazon Linux 2023 VERSION_ID="2023"). A bounded read; the file is
 * `GS_AGENT_CONFIG_OS_RELEASE` when set (the sandbox's simulated host), else /etc/os-release
 * under --root. Values are parsed as the page documents them (unquoted, or in double or single
 * quotes); an ID or VERSION_ID that is not such a value is a reason.
 */
import { underRoot } from '../../host-paths.ts';
import type { Fact, OsReleaseFacts } from '../types.ts';
import { readFact } from './bounded-read.ts';

export const OS_RELEASE_PATH = '/etc/os-release';
const MAX_BYTES = 16 * 1024;
/** os-release(5): ID and VERSION_ID are lower-case (ID) or plain (VERSION_ID) words of these characters. */
const ID = /^[a-z0-9._-]{1,64}$/;
const VERSION_ID = /^[a-zA-Z0-9._~-]{1,64}$/;

export function osReleasePath(root: string, env: Record<string, string | undefined>): string {
  return env.GS_AGENT_CONFIG_OS_RELEASE || underRoot(root, OS_RELEASE_PATH);
}

function unquote(raw: string): string | undefined {
  const m = /^"([^"\\`$]*)"$|^'([^']*)'$|^([^"'\s\\`$]*)$/.exec(raw);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

export function parseOsRelease(text: string, path: string): Fact<OsReleaseFacts> {
  const values = new Map<string, string | undefined>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) values.set(m[1], unquote(m[2]));
  }
  const id = values.has('ID') ? values.get('ID') : 'linux'; // os-release(5): ID defaults to "linux"
  const versionId = values.has('VERSION_ID') ? values.get('VERSION_ID') : '';
  if (id === undefined || !ID.test(id)) return { ok: false, reason: `${path}: ID is not an os-release identifier` };
  if (versionId === undefined || (versionId !== '' && !VERSION_ID.test(versionId)))
    return { ok: false, reason: `${path}: VERSION_ID is not an os-release version` };
  return { ok: true, value: { id, versionId, path } };
}

export function readOsRelease(path: string): Fact<OsReleaseFacts> {
  const f = readFact(path, MAX_BYTES);
  return f.ok ? parseOsRelease(f.value, path) : f;
}

export const isAmazonLinux2 = (os: OsReleaseFacts) => os.id === 'amzn' && os.versionId === '2';
