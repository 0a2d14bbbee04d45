/**
 * The simulated host's agent package, for rehearsing `upgrade-agent`: stateful stand-ins of
 * `rpm`, `yum`, `dnf` and `systemctl` (POSIX sh, under the bin dir) that keep the installed
 * version and the agent unit's state in files, record every step they take in order
 * (`steps.log`), and fail a step once when told to (`fail-at`: the `--fail-agent-step` switch
 * or `sandbox.agentPackage.failNext(step)`). What they do not handle they pass to the
 * read-only stand-ins written before them (kept as `.readonly-rpm`, `.readonly-systemctl`).
 *
 * The agent RPMs are fake: small text files that name their package, version and build
 * (`agentRpm`). Their SHA-256 is never the one AWS publishes, so a run against the sandbox
 * passes `--sha256` (and `--previous-sha256`): the sandbox never overrides the release table.
 */
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { AgentStep } from './agent-steps.ts';

export type { AgentStep } from './agent-steps.ts';

export const AGENT_BUILDS = { al2023: 'amazon_linux_2023_x86_64', al2: 'amazon_linux_2_x86_64' } as const;
export type AgentBuild = keyof typeof AGENT_BUILDS;

const MAGIC = 'GSAC-SANDBOX-RPM 1';

/** The fake RPM of `version` for `build` (deterministic: its SHA-256 is the same every time). */
export function agentRpm(version: string, build: AgentBuild, release = '1'): Buffer {
  return Buffer.from(`${MAGIC}\nname aws-groundstation-agent\nversion ${version}\nrelease ${release}\narch x86_64\nbuild ${build}\n`);
}

export interface AgentPackage {
  /** The directory holding the state files. */
  readonly dir: string;
  /** The steps the stand-ins took, in order (`systemctl stop aws-groundstation-agent.service`, `dnf install -y FILE` …). */
  steps(): Promise<string[]>;
  /** Back to `installed` (version-release) with the unit active, no step recorded, no failure armed (between tests). */
  reset(installed: string): Promise<void>;
  /** Make the next `step` fail (once). */
  failNext(step: AgentStep): Promise<void>;
  /** Make these steps fail, in this order, each once (`['install', 'install']`: the install, then the rollback's reinstall). */
  failInOrder(steps: AgentStep[]): Promise<void>;
  /** A failed install erases the installed package (a transaction that failed half-way), until reset. */
  failedInstallErases(): Promise<void>;
  /** Every successful install writes the RPM's default config (RPM_DEFAULT_CONFIG) over `path`, until reset. */
  resetConfigOnInstall(path: string): Promise<void>;
  /** `1.0.5953.0-1`, or '' when not installed. */
  installed(): Promise<string>;
  /** The agent unit's ActiveState as the stand-in systemctl keeps it, and how many times it was started: `active#2`. */
  unitState(): string;
}

/** What the fake RPM writes over the agent config when told to (`resetConfigOnInstall`): not a config apply renders. */
export const RPM_DEFAULT_CONFIG = '{"registrationData":{},"note":"written by the sandbox fake RPM install"}';

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function rpmScript(dir: string, bin: string): string {
  return `#!/bin/sh
# gs-agent-config sandbox stand-in for rpm: the agent package's state lives in ${dir}.
D=${q(dir)}
field() { sed -n "s/^$1 //p" "$2"; }
isrpm() { [ -f "$1" ] && [ "$(head -n 1 "$1")" = ${q(MAGIC)} ]; }
case "$1" in
  -q)
    if [ "$2" = "--queryformat" ] && [ "$3" = '%{VERSION}-%{RELEASE}\\n' ] && [ "$4" = "aws-groundstation-agent" ] && [ $# -eq 4 ]; then
      v=$(cat "$D/installed")
      if [ -z "$v" ]; then echo "package aws-groundstation-agent is not installed"; exit 1; fi
      echo "$v"; exit 0
    fi ;;
  -V)
    # Verify: the read-only stand-in's answer (clean, or --break agent-files) once a version is installed.
    if [ "$2" = "--nodeps" ] && [ "$3" = "--noscripts" ] && [ "$4" = "aws-groundstation-agent" ] && [ $# -eq 4 ] && [ -z "$(cat "$D/installed")" ]; then
      echo "package aws-groundstation-agent is not installed"; exit 1
    fi ;;
  -qp)
    if [ "$2" = "--queryformat" ] && [ $# -eq 4 ]; then
      if ! isrpm "$4"; then echo "error: $4: not an rpm package (or package manifest)" >&2; exit 1; fi
      echo "$(field name "$4") $(field version "$4") $(field release "$4") $(field arch "$4")"; exit 0
    fi ;;
  -K)
    if [ "$2" = "--nosignature" ] && [ $# -eq 3 ]; then
      if isrpm "$3"; then echo "$3: digests OK"; exit 0; fi
      echo "$3: DIGESTS NOT OK"; exit 1
    fi ;;
  --eval)
    if [ "$2" = "%{_arch}" ] && [ $# -eq 2 ]; then echo x86_64; exit 0; fi ;;
esac
exec ${q(join(bin, '.readonly-rpm'))} "$@"
`;
}

function packageManagerScript(name: string, dir: string): string {
  return `#!/bin/sh
# gs-agent-config sandbox stand-in for ${name}: installs the sandbox's fake agent RPMs.
D=${q(dir)}
field() { sed -n "s/^$1 //p" "$2"; }
verb="$1"
if [ $# -ne 3 ] || [ "$2" != "-y" ] || { [ "$verb" != install ] && [ "$verb" != downgrade ]; }; then
  echo "${name} (sandbox stand-in): not simulated: $*" >&2; exit 2
fi
f="$3"
echo "${name} $*" >> "$D/steps.log"
if [ "$(head -n 1 "$D/fail-at" 2>/dev/null)" = install ]; then
  sed -i 1d "$D/fail-at"
  # A transaction that failed half-way: the old package erased, the new one not installed.
  if [ -f "$D/failed-install-erases" ]; then : > "$D/installed"; fi
  echo "Error: Transaction failed (sandbox: --fail-agent-step install)" >&2; exit 1
fi
if [ "$(head -n 1 "$f" 2>/dev/null)" != ${q(MAGIC)} ]; then echo "Error: $f: not an rpm package" >&2; exit 1; fi
if [ "$(cat "$D/unit")" = active ]; then
  # Since 1.0.2942.0 the agent RPM refuses to install while the agent runs.
  echo "error: %prein(aws-groundstation-agent) scriptlet failed: the agent is running; stop it first" >&2; exit 1
fi
echo "$(field version "$f")-$(field release "$f")" > "$D/installed"
# The RPM's own default config over the one in place (a reinstall resets it), when told to.
if [ -s "$D/reset-config" ]; then printf '%s\n' '${RPM_DEFAULT_CONFIG}' > "$(cat "$D/reset-config")"; fi
echo "Complete!"
exit 0
`;
}

function systemctlScript(dir: string, bin: string): string {
  return `#!/bin/sh
# gs-agent-config sandbox stand-in for systemctl: the agent unit's state lives in ${dir}.
D=${q(dir)}
U=aws-groundstation-agent.service
failing() { if [ "$(head -n 1 "$D/fail-at" 2>/dev/null)" = "$1" ]; then sed -i 1d "$D/fail-at"; return 0; fi; return 1; }
case "$*" in
  "stop $U")
    echo "systemctl $*" >> "$D/steps.log"
    if failing stop; then echo "Failed to stop $U (sandbox: --fail-agent-step stop)" >&2; exit 1; fi
    echo inactive > "$D/unit"; exit 0 ;;
  "start $U")
    echo "systemctl $*" >> "$D/steps.log"
    if failing start; then
      echo failed > "$D/unit"
      echo "Job for $U failed because the control process exited with error code (sandbox: --fail-agent-step start)." >&2; exit 1
    fi
    if [ -z "$(cat "$D/installed")" ]; then echo "Failed to start $U: Unit $U not found." >&2; exit 5; fi
    echo active > "$D/unit"; echo start >> "$D/starts"; exit 0 ;;
  "daemon-reload")
    echo "systemctl $*" >> "$D/steps.log"
    if failing daemon-reload; then echo "Failed to reload daemon (sandbox: --fail-agent-step daemon-reload)" >&2; exit 1; fi
    exit 0 ;;
  "is-active $U")
    s=$(cat "$D/unit"); echo "$s"; [ "$s" = active ] && exit 0; exit 3 ;;
esac
exec ${q(join(bin, '.readonly-systemctl'))} "$@"
`;
}

export interface AgentPackageOptions {
  /** Installed `version-release`, or '' for none. */
  installed: string;
  /** The unit's state at start (`active`, `inactive` …). */
  unit: string;
  failAt?: AgentStep;
}

/**
 * Writes the state files and the stateful stand-ins into `binDir`, after the read-only ones
 * (proc-tree.ts), which become the fallbacks of rpm and systemctl.
 */
export async function writeAgentPackage(hostDir: string, binDir: string, o: AgentPackageOptions): Promise<AgentPackage> {
  const dir = join(hostDir, 'agent-package');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'installed'), o.installed ? `${o.installed}\n` : '');
  await writeFile(join(dir, 'unit'), `${o.unit}\n`);
  await writeFile(join(dir, 'steps.log'), '');
  await writeFile(join(dir, 'starts'), '');
  await writeFile(join(dir, 'fail-at'), o.failAt ? `${o.failAt}\n` : '');
  await writeFile(join(dir, 'reset-config'), '');
  await rename(join(binDir, 'rpm'), join(binDir, '.readonly-rpm'));
  await rename(join(binDir, 'systemctl'), join(binDir, '.readonly-systemctl'));
  const scripts: Record<string, string> = {
    rpm: rpmScript(dir, binDir),
    systemctl: systemctlScript(dir, binDir),
    yum: packageManagerScript('yum', dir),
    dnf: packageManagerScript('dnf', dir),
  };
  for (const [name, text] of Object.entries(scripts)) {
    await writeFile(join(binDir, name), text, { mode: 0o755 });
    await chmod(join(binDir, name), 0o755);
  }
  const read = async (f: string) => (await readFile(join(dir, f), 'utf8')).trim();
  return {
    dir,
    steps: async () => (await read('steps.log')).split('\n').filter(Boolean),
    failNext: (step) => writeFile(join(dir, 'fail-at'), `${step}\n`),
    failInOrder: (steps) => writeFile(join(dir, 'fail-at'), steps.map((x) => `${x}\n`).join('')),
    failedInstallErases: () => writeFile(join(dir, 'failed-install-erases'), ''),
    resetConfigOnInstall: (path) => writeFile(join(dir, 'reset-config'), path),
    async reset(installed) {
      await writeFile(join(dir, 'installed'), installed ? `${installed}\n` : '');
      await writeFile(join(dir, 'unit'), 'active\n');
      await writeFile(join(dir, 'steps.log'), '');
      await writeFile(join(dir, 'fail-at'), '');
      await rm(join(dir, 'failed-install-erases'), { force: true });
      await writeFile(join(dir, 'reset-config'), '');
    },
    installed: () => read('installed'),
    unitState: () =>
      `${readFileSync(join(dir, 'unit'), 'utf8').trim()}#${readFileSync(join(dir, 'starts'), 'utf8').split('\n').filter(Boolean).length}`,
  };
}
