/**
 * The agent package's files as installed against what they are now: `rpm -V --nodeps
 * --noscripts aws-groundstation-agent` (read-only; files only, no dependency or script checks,
 * whose lines have no fixed form). rpm(8), VERIFY OPTIONS: one line per file that fails a test,
 * nine characters (S size, M mode, 5 digest, D device, L link, U user, G group, T mtime, P
 * capabilities, each `.` when it passed or `?` when it could not be tested), two spaces, the
 * file's attribute (c config, d doc, g ghost, l license, r readme, P public key; a space for
 * none), a space, the path; or `missing`, three spaces, the attribute, a space, the path.
 * rpm exits 0 when every file verifies (and prints nothing), 1 when one does not, and 1
 * saying "package … is not installed". Every line must be one of those: anything else (a
 * garbled, huge or hanging answer, another status) is a reason, never a partial list.
 */
import type { AgentFileChange, AgentFilesFacts, Fact } from '../types.ts';
import { AGENT_PACKAGE } from './agent-package.ts';
import { runHostProgram, undocumentedExit, type ProgramOptions, type ProgramOutput } from './host-programs.ts';

export const RPM_VERIFY_ARGS = ['-V', '--nodeps', '--noscripts', AGENT_PACKAGE] as const;

/** rpm -V's nine tests, in the order of their column. */
export const VERIFY_TESTS = [
  ['S', 'size'],
  ['M', 'mode'],
  ['5', 'digest'],
  ['D', 'device'],
  ['L', 'link'],
  ['U', 'user'],
  ['G', 'group'],
  ['T', 'mtime'],
  ['P', 'capabilities'],
] as const;

const ATTRS = 'cdglrP';
/** More changed files than this is not one package's edit: the answer is not judged line by line. */
export const MAX_VERIFY_LINES = 10_000;

const CHANGED = /^([.?SM5DLUGTP]{9}) {2}([cdglrP ]) (\/.*)$/;
const MISSING = /^missing {3}([cdglrP ]) (\/.*)$/;

/** One line of rpm -V → the change, or undefined when it is not exactly rpm's form. */
export function parseVerifyLine(line: string): AgentFileChange | undefined {
  // A path is data (display() escapes it later), but no path holds a NUL: such a line is not rpm's.
  if (line.includes('\u0000')) return undefined;
  const missing = MISSING.exec(line);
  if (missing) return { path: missing[2], attr: missing[1].trim(), changed: [], untested: [], missing: true };
  const m = CHANGED.exec(line);
  if (!m) return undefined;
  const changed: string[] = [];
  const untested: string[] = [];
  for (let i = 0; i < 9; i++) {
    const [flag, name] = VERIFY_TESTS[i];
    const c = m[1][i];
    if (c === '?') untested.push(name);
    else if (c === flag) changed.push(name);
    else if (c !== '.') return undefined;
  }
  if (!ATTRS.includes(m[2]) && m[2] !== ' ') return undefined;
  return { path: m[3], attr: m[2].trim(), changed, untested, missing: false };
}

const bad = (out: ProgramOutput, why: string): Fact<never> => ({ ok: false, reason: `${out.label}: ${why}` });
const quoteLine = (l: string) => JSON.stringify(l.slice(0, 80));

/** rpm -V's answer (exit status and output) → the changes, not installed, or why it cannot be judged. */
export function parseRpmVerify(out: ProgramOutput): Fact<AgentFilesFacts> {
  const lines = out.stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (out.exitCode === 0) {
    if (lines.length === 0) return { ok: true, value: { installed: true, changes: [] } };
    return bad(out, `exited 0 (every file verified) yet printed ${quoteLine(lines[0])}`);
  }
  if (out.exitCode !== 1) return { ok: false, reason: undocumentedExit(out, [0, 1]) };
  if (lines.length === 1 && lines[0] === `package ${AGENT_PACKAGE} is not installed`)
    return { ok: true, value: { installed: false, changes: [] } };
  if (lines.length === 0)
    return bad(out, `exited 1 without naming a file${out.stderrLine ? `: ${JSON.stringify(out.stderrLine.slice(0, 120))}` : ''}`);
  if (lines.length > MAX_VERIFY_LINES) return bad(out, `printed ${lines.length} lines, more than ${MAX_VERIFY_LINES}: not judged`);
  const changes: AgentFileChange[] = [];
  for (const [i, line] of lines.entries()) {
    const c = parseVerifyLine(line);
    if (!c) return bad(out, `line ${i + 1} is not one rpm -V prints: ${quoteLine(line)}`);
    changes.push(c);
  }
  return { ok: true, value: { installed: true, changes } };
}

export async function readAgentFiles(opts: ProgramOptions): Promise<Fact<AgentFilesFacts>> {
  const r = await runHostProgram('rpm', [...RPM_VERIFY_ARGS], opts);
  return r.ok ? parseRpmVerify(r.value) : r;
}
