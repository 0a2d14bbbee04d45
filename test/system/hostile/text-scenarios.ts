/**
 * Printed text under attack: what AWS could answer that carries terminal control characters
 * (ESC, CR, bidi overrides) or shell syntax (`$(reboot)`) in the fields the tool prints — contact
 * ids' neighbours, satellite ARNs, ground station names, mission-profile and config names, group
 * tags, EC2 route table / gateway / security group ids. What every such run must hold: no raw
 * control character on stdout or stderr, and every command line printed for pasting is words
 * only (no substitution, no second command), checked by a POSIX word splitter and `sh -n`.
 */
import assert from 'node:assert/strict';
import type { Corruption, Reply, Upstream } from './aws-proxy.ts';
import { RAW_CONTROL, shellAccepts, shellWords } from '../../helpers/shell-words.ts';
import type { CliResult } from '../../helpers/cli.ts';

/** ESC clear-screen, a CR that would rewrite the line, a bidi override, an OSC title. */
export const HOSTILE_TEXT = '\u001b[2J\rPASS OK\u202egnp.exe\u001b]0;pwned\u0007';

/** `rtb-1$(reboot)`-like ids for each EC2 id the doctor's fixes may name. */
export const HOSTILE_IDS = { routeTable: 'rtb-1$(reboot)', gateway: 'igw-\u001b[2J', securityGroup: "sg-0';reboot;'" };

const pass: Reply = { kind: 'pass' };
const relay = (u: Upstream): Reply => ({ kind: 'answer', status: u.status, headers: u.headers, body: u.body });

/** For actions `matches`, the upstream body edited as text (status and headers kept). */
export function editText(matches: (action: string) => boolean, f: (body: string) => string): Corruption {
  return async ({ action, upstream }) => {
    if (!matches(action)) return pass;
    const u = await upstream();
    if (u.status !== 200) return relay(u);
    return { kind: 'answer', status: u.status, headers: u.headers, body: f(u.body.toString('utf8')) };
  };
}

/** For actions `matches`, the upstream JSON body edited as a value. */
export function editJson(matches: (action: string) => boolean, f: (body: Record<string, unknown>) => unknown): Corruption {
  return editText(matches, (text) => JSON.stringify(f(JSON.parse(text || '{}') as Record<string, unknown>)));
}

/** Several corruptions in turn: the first that does not pass answers. */
export function chain(...cs: Corruption[]): Corruption {
  return async (ctx) => {
    for (const c of cs) {
      const r = await c(ctx);
      if (r.kind !== 'pass') return r;
    }
    return pass;
  };
}

/** A string as XML text (EC2 answers in XML): the characters XML escapes; controls stay raw, as a hostile server would send them. */
export const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The command lines a report offers for pasting: doctor's `Fix:` commands, exit 8's re-run hint,
 * destroy's, status's `to fix:`, each cut where the prose around it starts.
 */
export function commandLinesIn(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    for (const m of line.matchAll(/`((?:gs-agent-config|aws|sudo) [^`]*)`/g)) out.push(m[1]);
    const fix = /(?:Fix: (?:run |re-run )?|to fix: |to run then: )((?:sudo |aws |gs-agent-config ).*)$/.exec(line);
    if (fix) out.push(fix[1].replace(/ \((?:or |to ).*$/, '').replace(/(?: to render the agent config|: it renders .*)$/, ''));
  }
  return out;
}

/** No raw control character anywhere; every command line for pasting is words only, and sh parses it. Returns those lines. */
export function assertSafeText(r: CliResult): string[] {
  for (const [name, text] of [
    ['stdout', r.out],
    ['stderr', r.err],
  ] as const) {
    const raw = RAW_CONTROL.exec(text);
    assert.equal(
      raw,
      null,
      `${name} holds a raw control character U+${raw?.[0].charCodeAt(0).toString(16).padStart(4, '0')}:\n${JSON.stringify(text)}`,
    );
  }
  const lines = commandLinesIn(`${r.out}\n${r.err}`);
  for (const line of lines) {
    assert.deepEqual(shellWords(line).unsafe, [], `a printed command line a shell would do more with: ${line}`);
    assert.ok(shellAccepts(line), `sh -n refuses: ${line}`);
  }
  return lines;
}
