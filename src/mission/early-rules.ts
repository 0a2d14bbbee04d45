/**
 * The rules that can still run when the schema fails: they need only the dataflow names and
 * the tags, so the parts of a mission that have the right shape are judged in the same pass
 * as the schema problems (one edit-and-retry instead of two). Pure.
 */
import type { Mission } from '../types.ts';
import { reservedTags, uniqueDataflowNames, validateRules } from './mission-rules.ts';
import type { Problem } from './problem.ts';
import type { MissionInput } from './validate-schema.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Rule problems of `data` (schema-invalid) that the schema did not already report at the same path. */
export function earlyRuleProblems(data: unknown, schemaProblems: readonly Problem[]): Problem[] {
  if (!isRecord(data)) return [];
  const dataflows =
    Array.isArray(data.dataflows) && data.dataflows.every((d) => isRecord(d) && typeof d.name === 'string')
      ? (data.dataflows as Array<{ name: string }>)
      : [];
  const tags = isRecord(data.tags) ? data.tags : {};
  // Only the fields these two rules read; the rest of Mission is never looked at.
  const partial = { name: String(data.name ?? ''), dataflows: dataflows.map((d) => ({ name: d.name })), tags } as unknown as Mission;
  const seen = new Set(schemaProblems.map((p) => JSON.stringify(p.path)));
  return validateRules(partial, data as unknown as MissionInput, [uniqueDataflowNames, reservedTags]).filter(
    (p) => !seen.has(JSON.stringify(p.path)),
  );
}
