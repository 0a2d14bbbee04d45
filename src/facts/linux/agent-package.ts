/** Is the agent RPM installed, and which version: `rpm -q` through execFile (read-only). */
import type { AgentPackageFacts, Fact } from '../types.ts';
import { runProgram, type ProgramOptions } from './host-programs.ts';

export const AGENT_PACKAGE = 'aws-groundstation-agent';

export async function readAgentPackage(opts: ProgramOptions): Promise<Fact<AgentPackageFacts>> {
  const r = await runProgram('rpm', ['-q', '--queryformat', '%{VERSION}-%{RELEASE}\\n', AGENT_PACKAGE], opts);
  if (!r.ok) return r;
  const line = r.value.stdout.trim().split('\n')[0] ?? '';
  if (r.value.exitCode !== 0) return { ok: true, value: { installed: false, detail: line || `rpm -q exited ${r.value.exitCode}` } };
  if (!/^[\w.+~-]+$/.test(line))
    return { ok: false, reason: `rpm -q ${AGENT_PACKAGE}: unexpected answer ${JSON.stringify(line.slice(0, 80))}` };
  return { ok: true, value: { installed: true, version: line, detail: `rpm -q: ${line}` } };
}
