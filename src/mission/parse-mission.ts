/**
 * The mission pipeline, pure: decode → parse YAML (or JSON) → validate the schema → normalise
 * → semantic rules. Every problem found at a stage is reported at once, as one
 * MissionInvalidError whose details read `file:line: path: what is wrong (got value); fix`.
 */
import type { Mission } from '../types.ts';
import { MissionInvalidError } from '../errors.ts';
import { earlyRuleProblems } from './early-rules.ts';
import { validateRules } from './mission-rules.ts';
import { normalizeMission } from './normalize-mission.ts';
import { decodeMissionText, MAX_DETAILS, parseMissionSource, SourceProblems } from './parse-source.ts';
import { formatPath, type Problem } from './problem.ts';
import type { SourceLines } from './source-lines.ts';
import { validateSchema, type MissionInput } from './validate-schema.ts';

export { MAX_MISSION_BYTES } from './parse-source.ts';

/** Parse and check a mission; throws MissionInvalidError listing every problem. */
export function parseMission(text: string | Uint8Array, file: string): Mission {
  return parseMissionDocument(text, file).mission;
}

/** parseMission, plus the mission as written (the file's own field names: deliverTo, localMtu …). */
export function parseMissionDocument(text: string | Uint8Array, file: string): { mission: Mission; input: MissionInput } {
  let parsed;
  try {
    parsed = parseMissionSource(decodeMissionText(text, file), file);
  } catch (e) {
    if (e instanceof SourceProblems) throw formatMissionInvalid(file, e.details, e.count);
    throw e;
  }
  const schema = validateSchema(parsed.data);
  if (!schema.ok) {
    const all = [...schema.problems, ...earlyRuleProblems(parsed.data, schema.problems)];
    throw formatMissionInvalid(file, formatProblems(file, all, parsed.lines), all.length);
  }
  const mission = normalizeMission(schema.input, file);
  const problems = validateRules(mission, schema.input);
  if (problems.length > 0) throw formatMissionInvalid(file, formatProblems(file, problems, parsed.lines), problems.length);
  return { mission, input: schema.input };
}

/** `mission <file> is invalid (N problems)` with one detail line per problem. */
export function formatMissionInvalid(file: string, details: string[], n = details.length): MissionInvalidError {
  return new MissionInvalidError(`mission ${file} is invalid (${n} problem${n === 1 ? '' : 's'})`, details);
}

/** `file:line: path: message`, in document order; at most MAX_DETAILS lines plus a summary. */
export function formatProblems(file: string, problems: readonly Problem[], lines: SourceLines): string[] {
  const details = problems
    .map((p) => ({ line: lines.lineOf(p.linePath ?? p.path), p }))
    .sort((a, b) => a.line - b.line)
    .slice(0, MAX_DETAILS)
    .map(({ line, p }) => `${file}:${line}: ${formatPath(p.path)}: ${p.message}`);
  const more = problems.length - details.length;
  return more > 0 ? [...details, `${file}: … and ${more} more problems`] : details;
}
