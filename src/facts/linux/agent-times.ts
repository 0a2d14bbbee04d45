/**
 * When the agent RPM was installed and when the agent's unit last started, both as the host's
 * wall clock wrote them at the time: `rpm -q --queryformat '%{INSTALLTIME}\n'` (epoch seconds,
 * stored in the rpmdb at install) and `systemctl show -p ExecMainStartTimestamp` (the realtime
 * half of the dual timestamp systemd records at the start; printed in UTC because the runner
 * sets TZ=UTC, to the second). Comparing two recordings of the same clock is exact to the
 * second; converting ExecMainStartTimestampMonotonic through /proc/uptime is not (the monotonic
 * clock stops while a hibernated instance sleeps, /proc/uptime does not), so it is not used.
 */
import type { AgentTimesFacts, Fact } from '../types.ts';
import { AGENT_PACKAGE } from './agent-package.ts';
import { AGENT_UNIT } from './agent-service.ts';
import { runHostProgram, undocumentedExit, type ProgramOptions } from './host-programs.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const STAMP = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) UTC$/;

/** `Tue 2023-11-14 22:13:20 UTC` → epoch seconds, or undefined when it is not exactly that. */
export function parseUtcStamp(text: string): number | undefined {
  const m = STAMP.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(2).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  if (DAYS[back.getUTCDay()] !== m[1]) return undefined;
  return ms / 1000;
}

/** `systemctl show -p ExecMainStartTimestamp` → epoch seconds, null when never started, or why not. */
export function parseStartStamp(stdout: string): Fact<number | null> {
  const lines = stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const bad = (why: string): Fact<never> => ({ ok: false, reason: `systemctl show -p ExecMainStartTimestamp ${AGENT_UNIT}: ${why}` });
  if (lines.length !== 1 || !lines[0].startsWith('ExecMainStartTimestamp=')) return bad('not one ExecMainStartTimestamp= line');
  const value = lines[0].slice('ExecMainStartTimestamp='.length);
  if (value === '') return { ok: true, value: null };
  const at = parseUtcStamp(value);
  return at === undefined ? bad(`${JSON.stringify(value.slice(0, 60))} is not a UTC time (TZ=UTC was set)`) : { ok: true, value: at };
}

/** rpm's INSTALLTIME answer → epoch seconds, null when the package is not installed, or why not. */
export function parseInstallTime(out: { stdout: string; exitCode: number; label: string; stderrLine: string }): Fact<number | null> {
  const line = out.stdout.trim();
  if (out.exitCode === 1) {
    if (line === `package ${AGENT_PACKAGE} is not installed`) return { ok: true, value: null };
    return { ok: false, reason: `${out.label} exited 1 without saying the package is not installed` };
  }
  if (out.exitCode !== 0) return { ok: false, reason: undocumentedExit(out, [0, 1]) };
  // One installed package: one number. Two lines (two versions installed mid-transaction) are not judged.
  if (!/^\d{1,12}$/.test(line) || Number(line) === 0)
    return { ok: false, reason: `${out.label}: unexpected answer ${JSON.stringify(line.slice(0, 80))} (not one install time)` };
  return { ok: true, value: Number(line) };
}

export async function readAgentTimes(opts: ProgramOptions): Promise<Fact<AgentTimesFacts>> {
  const [rpm, show] = await Promise.all([
    runHostProgram('rpm', ['-q', '--queryformat', '%{INSTALLTIME}\\n', AGENT_PACKAGE], opts),
    runHostProgram('systemctl', ['show', '-p', 'ExecMainStartTimestamp', AGENT_UNIT], opts),
  ]);
  if (!rpm.ok) return rpm;
  if (!show.ok) return show;
  const installed = parseInstallTime(rpm.value);
  if (!installed.ok) return installed;
  if (show.value.exitCode !== 0) return { ok: false, reason: undocumentedExit(show.value, [0]) };
  const started = parseStartStamp(show.value.stdout);
  if (!started.ok) return started;
  return { ok: true, value: { installedAt: installed.value, startedAt: started.value } };
}
