/**
 * `systemctl is-active` and `is-enabled` of one unit, read-only, judged against what systemd
 * documents: the LSB exit statuses 0–4 (systemctl(1), "Exit status") and the state words of
 * ActiveState and UnitFileState. Any other status (a wrapper killed with 137, a crash) or word
 * is a reason, never an answer: irqbalance "inactive" must come from systemd, not from silence.
 */
import type { Fact, UnitState } from '../types.ts';
import { runHostProgram, undocumentedExit, type ProgramOptions } from './host-programs.ts';

/** systemctl(1): 0 active/enabled; 1–4 the LSB statuses (dead, not running, unknown unit …). */
export const SYSTEMCTL_EXIT_STATUSES = [0, 1, 2, 3, 4] as const;

/** `is-active` words (ActiveState, and "unknown" for a unit systemd does not know). */
export const ACTIVE_STATES: ReadonlySet<string> = new Set([
  'active',
  'reloading',
  'refreshing',
  'inactive',
  'failed',
  'activating',
  'deactivating',
  'maintenance',
  'unknown',
]);
/** `is-enabled` words (UnitFileState, and "not-found"). */
const ENABLED_STATES = new Set([
  'enabled',
  'enabled-runtime',
  'linked',
  'linked-runtime',
  'alias',
  'masked',
  'masked-runtime',
  'static',
  'indirect',
  'disabled',
  'generated',
  'transient',
  'bad',
  'not-found',
]);

type Verb = 'is-active' | 'is-enabled';

async function state(verb: Verb, unit: string, opts: ProgramOptions): Promise<Fact<string>> {
  const r = await runHostProgram('systemctl', [verb, unit], opts);
  if (!r.ok) return r;
  const out = r.value;
  if (!(SYSTEMCTL_EXIT_STATUSES as readonly number[]).includes(out.exitCode))
    return { ok: false, reason: undocumentedExit(out, SYSTEMCTL_EXIT_STATUSES) };
  const word = out.stdout.trim().split('\n')[0] ?? '';
  // is-enabled of a unit that does not exist prints nothing on some versions (exit 1 and a message on stderr).
  if (word === '' && verb === 'is-enabled' && out.exitCode !== 0) return { ok: true, value: 'not-found' };
  const known = verb === 'is-active' ? ACTIVE_STATES : ENABLED_STATES;
  return known.has(word)
    ? { ok: true, value: word }
    : {
        ok: false,
        reason: `systemctl ${verb} ${unit}: unexpected answer ${JSON.stringify(word.slice(0, 60))} (not a state systemd documents)`,
      };
}

export async function readUnitState(unit: string, opts: ProgramOptions): Promise<Fact<UnitState>> {
  const [active, enabled] = await Promise.all([state('is-active', unit, opts), state('is-enabled', unit, opts)]);
  if (!active.ok) return active;
  if (!enabled.ok) return enabled;
  return { ok: true, value: { active: active.value, enabled: enabled.value } };
}
