/** What a semantic rule sees and how it reports (mission-rules.ts runs them; port-rules.ts holds the port ones). */
import type { Mission } from '../types.ts';
import type { PathSegment, Problem } from './problem.ts';
import type { MissionInput } from './validate-schema.ts';

export interface RuleContext {
  mission: Mission;
  /** The input as written, for `(got ...)`. Paths are the same in both. */
  input: MissionInput;
  problems: Problem[];
  /** Report `what (got <value at path>); fix`. Pass `got` when the value is not at `path`. */
  report: (path: PathSegment[], what: string, fix?: string, got?: unknown) => void;
}

export type Rule = (ctx: RuleContext) => void;
