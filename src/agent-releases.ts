/**
 * The AWS Ground Station Agent releases, as AWS's "Agent release notes" page lists them: version,
 * release date, end-of-support date (or deprecated), and the SHA-256 of each OS build's RPM. Read
 * by doctor (is the installed agent supported?) and upgrade-agent (which build to install, and
 * is the file the one AWS published?). Data, with the day it was read: AWS adds releases and
 * end-of-support dates, so docs/reference/agent-releases.md says how to update it, and
 * test/unit/agent-releases.test.ts keeps it well-formed.
 */

/** The OS builds AWS publishes (the S3 path segment names them: amazon_linux_2023_x86_64, amazon_linux_2_x86_64). */
export type OsBuild = 'al2023' | 'al2';

export const OS_BUILDS: readonly OsBuild[] = ['al2023', 'al2'];

/** The S3 path segment of each build ("Install the agent"). */
export const OS_PATH: Record<OsBuild, string> = { al2023: 'amazon_linux_2023_x86_64', al2: 'amazon_linux_2_x86_64' };

export interface AgentRelease {
  /** Four dot-separated numbers, e.g. 1.0.5953.0. */
  version: string;
  /** YYYY-MM-DD. */
  released: string;
  /** YYYY-MM-DD, the last day of support; undefined when the page gives none (the latest). */
  endOfSupport?: string;
  /** Listed under "Deprecated Agent Versions". */
  deprecated: boolean;
  /** SHA-256 of each OS build's RPM that AWS lists (lowercase hex); a build AWS did not publish is absent. */
  sha256: Partial<Record<OsBuild, string>>;
}

export const RELEASE_SOURCES = [
  'https://docs.aws.amazon.com/ground-station/latest/gs-agent-ug/agent-release-notes.html',
  'https://docs.aws.amazon.com/ground-station/latest/gs-agent-ug/rpm-install-validation.html',
] as const;

/** The day the pages were last read into this table (YYYY-MM-DD). */
export const RELEASES_CHECKED_ON = '2026-12-06';

/**
 * Newest first. Before 1.0.5953.0 AWS published one RPM per version, built for Amazon Linux 2
 * (Amazon Linux 2023 builds start with 1.0.5953.0), so the single checksum is the al2 build's.
 */
export const AGENT_RELEASES: readonly AgentRelease[] = [
  {
    version: '1.0.5953.0',
    released: '2026-06-29',
    deprecated: false,
    sha256: {
      al2023: '083eaf4da2095250ab901251446c67b764a574a3cee34c7d2c6d41aa5790ae16',
      al2: 'f2905ff0da26473669ac2d3c096b04c8e423166be3e5b1dcf39912a2f6002915',
    },
  },
  {
    version: '1.0.4382.0',
    released: '2025-11-18',
    endOfSupport: '2026-06-30',
    deprecated: true,
    sha256: { al2: '620fd307124f1276194f2faa0104fe0549427ae18e4f5655444f8c30b919c640' },
  },
  {
    version: '1.0.3555.0',
    released: '2024-03-27',
    endOfSupport: '2026-06-30',
    deprecated: true,
    sha256: { al2: '108f3aceb00e5af549839cd766c56149397e448a6e1e1429c89a9eebb6bc0fc1' },
  },
  {
    version: '1.0.2942.0',
    released: '2023-06-26',
    endOfSupport: '2024-05-31',
    deprecated: true,
    sha256: { al2: '7d94b642577504308a58bab28f938507f2591d4e1b2c7ea170b77bea97b5a9b6' },
  },
  {
    version: '1.0.2716.0',
    released: '2023-03-15',
    endOfSupport: '2024-05-31',
    deprecated: true,
    sha256: { al2: 'cb05b6a77dfcd5c66d81c0072ac550affbcefefc372cc5562ee52fb220844929' },
  },
  {
    version: '1.0.2677.0',
    released: '2023-02-15',
    endOfSupport: '2024-05-31',
    deprecated: true,
    sha256: { al2: '77cfe94acb00af7ca637264b17c9b21bd7afdc85b99dffdd627aec9e99397489' },
  },
];

/**
 * Amazon Linux 2's own end of support (aws.amazon.com/amazon-linux-2: "Amazon Linux 2 reached
 * end-of-support on June 30, 2026"); the Ground Station pages give the OS no date of their own.
 */
export const AL2_END_OF_SUPPORT = '2026-06-30';

/** `1.0.5953.0` → [1, 0, 5953, 0]; undefined for anything else. */
export function parseAgentVersion(text: string): number[] | undefined {
  const m = /^(\d{1,9})\.(\d{1,9})\.(\d{1,9})\.(\d{1,9})$/.exec(text);
  return m ? m.slice(1).map(Number) : undefined;
}

/** < 0 when a is older than b, 0 when equal, > 0 when newer (both must parse). */
export function compareAgentVersions(a: string, b: string): number {
  const [x, y] = [parseAgentVersion(a), parseAgentVersion(b)];
  if (!x || !y) throw new Error(`not an agent version: ${x ? b : a}`);
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

export function releaseOf(version: string): AgentRelease | undefined {
  return AGENT_RELEASES.find((r) => r.version === version);
}

/** The newest release AWS published a build of for `os`. */
export function newestFor(os: OsBuild): AgentRelease | undefined {
  return [...AGENT_RELEASES].sort((a, b) => compareAgentVersions(b.version, a.version)).find((r) => r.sha256[os] !== undefined);
}

export type SupportStatus =
  | { kind: 'supported'; release: AgentRelease }
  | { kind: 'deprecated'; release: AgentRelease; endOfSupport?: string }
  | { kind: 'unsupported'; release: AgentRelease; endOfSupport: string }
  | { kind: 'unknown'; why: string };

/** What the table says of `version` on `today` (YYYY-MM-DD, the AWS-corrected date). */
export function supportOf(version: string, today: string): SupportStatus {
  if (!parseAgentVersion(version)) return { kind: 'unknown', why: `"${version}" is not an agent version (four numbers)` };
  const release = releaseOf(version);
  if (!release) {
    const newest = AGENT_RELEASES[0];
    return compareAgentVersions(version, newest.version) > 0
      ? { kind: 'unknown', why: `${version} is newer than every release in the table (read ${RELEASES_CHECKED_ON}); update the table` }
      : { kind: 'unknown', why: `${version} is not listed on AWS's release notes (read ${RELEASES_CHECKED_ON})` };
  }
  if (release.endOfSupport !== undefined && today > release.endOfSupport)
    return { kind: 'unsupported', release, endOfSupport: release.endOfSupport };
  if (release.deprecated)
    return { kind: 'deprecated', release, ...(release.endOfSupport !== undefined && { endOfSupport: release.endOfSupport }) };
  return { kind: 'supported', release };
}
