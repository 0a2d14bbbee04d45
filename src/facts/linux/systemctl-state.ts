/** `systemctl is-active` and `is-enabled` of one unit, read-only, through execFile. */
import type { Fact, UnitState } from '../types.ts';
import { runProgram, type ProgramOptions } from './host-programs.ts';

const WORD = /^[a-z-]+$/;

async function state(verb: 'is-active' | 'is-enabled', unit: string, opts: ProgramOptions): Promise<Fact<string>> {
  const r = await runProgram('systemctl', [verb, unit], opts);
  if (!r.ok) return r;
  const word = r.value.stdout.trim().split('\n')[0] ?? '';
  // is-enabled of a unit that does not exist prints nothing on some versions (exit 1 and a message on stderr).
  if (word === '' && r.value.exitCode !== 0) return { ok: true, value: 'not-found' };
  return WORD.test(word)
    ? { ok: true, value: word }
    : { ok: false, reason: `systemctl ${verb} ${unit}: unexpected answer ${JSON.stringify(word.slice(0, 60))}` };
}

export async function readUnitState(unit: string, opts: ProgramOptions): Promise<Fact<UnitState>> {
  const [active, enabled] = await Promise.all([state('is-active', unit, opts), state('is-enabled', unit, opts)]);
  if (!active.ok) return active;
  if (!enabled.ok) return enabled;
  return { ok: true, value: { active: active.value, enabled: enabled.value } };
}
