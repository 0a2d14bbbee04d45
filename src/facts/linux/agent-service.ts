/**
 * The agent's unit as systemd sees it (`systemctl show -p … aws-groundstation-agent`) and, when
 * it is not running, the journal's last lines (`journalctl -u … -n 50 --no-pager -o cat`), both
 * read-only through the bounded runner. AWS's troubleshooting guide documents the agent failing
 * right after "Loading Config" with exit status 101 on a bad config: the journal is the evidence.
 *
 * `systemctl show` is parsed strictly: exactly the properties asked for, each once, as
 * KEY=VALUE lines with the values systemd documents; anything else is a reason, never a state.
 */
import type { AgentServiceFacts, Fact } from '../types.ts';
import { runHostProgram, undocumentedExit, type ProgramOptions } from './host-programs.ts';
import { ACTIVE_STATES } from './systemctl-state.ts';

export const AGENT_UNIT = 'aws-groundstation-agent';
export const SHOW_PROPERTIES = [
  'LoadState',
  'ActiveState',
  'SubState',
  'Result',
  'ExecMainStatus',
  'ExecMainStartTimestampMonotonic',
] as const;
/** journalctl -n: the lines read when the unit is not running. */
export const JOURNAL_LINES = 50;
/** A journal line longer than this is cut (evidence, not a log). */
const MAX_LINE = 300;

const WORD = /^[a-z][a-z0-9-]{0,40}$/;

/** `systemctl show` output → the facts, or why it is not an answer. */
export function parseSystemctlShow(stdout: string): Fact<Omit<AgentServiceFacts, 'journal'>> {
  const bad = (why: string): Fact<never> => ({ ok: false, reason: `systemctl show ${AGENT_UNIT}: ${why}` });
  const values = new Map<string, string>();
  const lines = stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const line of lines) {
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq) : '';
    if (!(SHOW_PROPERTIES as readonly string[]).includes(key))
      return bad(`unexpected line ${JSON.stringify(line.slice(0, 80))} (not a property asked for)`);
    if (values.has(key)) return bad(`${key} given twice`);
    values.set(key, line.slice(eq + 1));
  }
  const missing = SHOW_PROPERTIES.filter((k) => !values.has(k));
  if (missing.length) return bad(`no ${missing.join(', ')} in its answer`);
  const get = (k: (typeof SHOW_PROPERTIES)[number]) => values.get(k)!;
  for (const k of ['LoadState', 'SubState', 'Result'] as const)
    if (!WORD.test(get(k))) return bad(`${k}=${JSON.stringify(get(k).slice(0, 60))} is not a state word`);
  if (!ACTIVE_STATES.has(get('ActiveState')))
    return bad(`ActiveState=${JSON.stringify(get('ActiveState').slice(0, 60))} is not a state systemd documents`);
  const status = get('ExecMainStatus');
  if (!/^\d{1,3}$/.test(status) || Number(status) > 255)
    return bad(`ExecMainStatus=${JSON.stringify(status.slice(0, 60))} is not an exit status`);
  const started = get('ExecMainStartTimestampMonotonic');
  if (!/^\d{1,20}$/.test(started)) return bad(`ExecMainStartTimestampMonotonic=${JSON.stringify(started.slice(0, 60))} is not a number`);
  return {
    ok: true,
    value: {
      loadState: get('LoadState'),
      activeState: get('ActiveState'),
      subState: get('SubState'),
      result: get('Result'),
      execMainStatus: Number(status),
      startedMonotonicUs: Number(started),
    },
  };
}

/** Not running, and worth the journal: failed, or restarting after its process ended. */
export const isDown = (s: { activeState: string; subState: string }) =>
  s.activeState === 'failed' || (s.activeState === 'activating' && s.subState === 'auto-restart') || s.activeState === 'inactive';

/** The journal's lines, cut to MAX_LINE each; exit 0 only (journalctl documents no other success). */
export async function readAgentJournal(opts: ProgramOptions): Promise<Fact<string[]>> {
  const r = await runHostProgram('journalctl', ['-u', AGENT_UNIT, '-n', String(JOURNAL_LINES), '--no-pager', '-o', 'cat'], opts);
  if (!r.ok) return r;
  if (r.value.exitCode !== 0) return { ok: false, reason: undocumentedExit(r.value, [0]) };
  const lines = r.value.stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length > JOURNAL_LINES)
    return { ok: false, reason: `${r.value.label}: ${lines.length} lines, more than the ${JOURNAL_LINES} asked for` };
  return { ok: true, value: lines.map((l) => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE)}…` : l)) };
}

export async function readAgentService(opts: ProgramOptions): Promise<Fact<AgentServiceFacts>> {
  const r = await runHostProgram('systemctl', ['show', '-p', SHOW_PROPERTIES.join(','), AGENT_UNIT], opts);
  if (!r.ok) return r;
  if (r.value.exitCode !== 0) return { ok: false, reason: undocumentedExit(r.value, [0]) };
  const shown = parseSystemctlShow(r.value.stdout);
  if (!shown.ok) return shown;
  if (shown.value.loadState !== 'loaded' || !isDown(shown.value)) return shown;
  return { ok: true, value: { ...shown.value, journal: await readAgentJournal(opts) } };
}

/**
 * The journal lines that say why: from the last "Loading Config" on (at most `n` lines), else
 * the last `n` lines.
 */
export function journalEvidence(lines: readonly string[], n = 4): string[] {
  let at = -1;
  lines.forEach((l, i) => {
    if (l.includes('Loading Config')) at = i;
  });
  return at >= 0 ? lines.slice(at, at + n) : lines.slice(-n);
}
