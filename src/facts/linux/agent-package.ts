/**
 * Is the agent RPM installed, and which version: `rpm -q` (read-only), judged against what rpm
 * documents: exit 0 with the version, or exit 1 saying the package is not installed. Exit 1
 * for another reason (a locked or broken rpmdb) or any other status is a reason, never
 * "not installed".
 */
import type { AgentPackageFacts, Fact } from '../types.ts';
import { runHostProgram, undocumentedExit, type ProgramOptions } from './host-programs.ts';

export const AGENT_PACKAGE = 'aws-groundstation-agent';
/** rpm -q: 0 every package installed, 1 one is not (for one package). */
export const RPM_QUERY_EXIT_STATUSES = [0, 1] as const;

export async function readAgentPackage(opts: ProgramOptions): Promise<Fact<AgentPackageFacts>> {
  const r = await runHostProgram('rpm', ['-q', '--queryformat', '%{VERSION}-%{RELEASE}\\n', AGENT_PACKAGE], opts);
  if (!r.ok) return r;
  const out = r.value;
  const line = out.stdout.trim().split('\n')[0] ?? '';
  if (out.exitCode === 1) {
    // LC_ALL=C: rpm's own words. Exit 1 without them is rpm failing, not the package missing.
    if (line === `package ${AGENT_PACKAGE} is not installed`) return { ok: true, value: { installed: false, detail: line } };
    return {
      ok: false,
      reason: `${out.label} exited 1 without saying the package is not installed${out.stderrLine ? `: ${JSON.stringify(out.stderrLine.slice(0, 120))}` : ''}`,
    };
  }
  if (out.exitCode !== 0) return { ok: false, reason: undocumentedExit(out, RPM_QUERY_EXIT_STATUSES) };
  if (!/^[\w.+~-]+$/.test(line))
    return { ok: false, reason: `rpm -q ${AGENT_PACKAGE}: unexpected answer ${JSON.stringify(line.slice(0, 80))}` };
  return { ok: true, value: { installed: true, version: line, detail: `rpm -q: ${line}` } };
}
