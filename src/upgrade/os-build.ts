/**
 * Which agent build this host takes, from /etc/os-release (under --root): Amazon Linux 2023 or
 * Amazon Linux 2 ("Install the agent": the two builds are not binary-compatible), on x86_64
 * (`rpm --eval %{_arch}`). Anything else is refused: AWS publishes no agent for it.
 */
import { HostFactsError } from '../errors.ts';
import { readFact } from '../facts/linux/bounded-read.ts';
import { underRoot } from '../host-paths.ts';
import type { OsBuild } from '../agent-releases.ts';

export const OS_RELEASE_PATH = '/etc/os-release';

/** os-release(5): KEY=value lines, values optionally quoted. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    out[m[1]] = m[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return out;
}

/** The build for this os-release, or undefined. */
export function buildOf(osRelease: Record<string, string>): OsBuild | undefined {
  if (osRelease.ID !== 'amzn') return undefined;
  if (osRelease.VERSION_ID === '2023') return 'al2023';
  if (osRelease.VERSION_ID === '2') return 'al2';
  return undefined;
}

export function readOsBuild(root: string): OsBuild {
  const path = underRoot(root, OS_RELEASE_PATH);
  const f = readFact(path);
  if (!f.ok)
    throw new HostFactsError(`cannot tell this host's OS build: ${f.reason}`, [
      'AWS publishes the agent for Amazon Linux 2023 and Amazon Linux 2 (x86_64) only',
    ]);
  const os = parseOsRelease(f.value);
  const build = buildOf(os);
  if (!build) {
    const name = (os.PRETTY_NAME ?? `${os.ID ?? '?'} ${os.VERSION_ID ?? '?'}`).slice(0, 80);
    throw new HostFactsError(`no agent build for this host's OS: ${JSON.stringify(name)} (${path})`, [
      'AWS publishes the agent for Amazon Linux 2023 (ID=amzn, VERSION_ID=2023) and Amazon Linux 2 (ID=amzn, VERSION_ID=2), x86_64 only',
      'nothing was downloaded, stopped or installed',
    ]);
  }
  return build;
}
