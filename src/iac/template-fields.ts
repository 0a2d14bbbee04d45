/**
 * Reading values out of a template resource by property path, telling apart a literal value,
 * a value CloudFormation computes at deploy time (an intrinsic function: not checkable here)
 * and a missing one. Every value carries its property path for the findings.
 */
import { describeIntrinsic, isIntrinsic } from './cfn-intrinsics.ts';

export type Field =
  { path: string; kind: 'value'; value: unknown } | { path: string; kind: 'computed'; expr: string } | { path: string; kind: 'missing' };

export type Step = string | number;

export const joinPath = (path: string, step: Step) => (typeof step === 'number' ? `${path}[${step}]` : path ? `${path}.${step}` : step);

/** The value at `steps` below `root` (whose own path is `rootPath`); stops at the first intrinsic. */
export function fieldAt(root: unknown, rootPath: string, steps: Step[]): Field {
  let cur = root;
  let path = rootPath;
  if (isIntrinsic(cur)) return { path, kind: 'computed', expr: describeIntrinsic(cur) };
  for (const step of steps) {
    path = joinPath(path, step);
    if (cur === null || typeof cur !== 'object') return { path, kind: 'missing' };
    cur = (cur as Record<string, unknown>)[step as string];
    if (cur === undefined || cur === null) return { path, kind: 'missing' };
    if (isIntrinsic(cur)) return { path, kind: 'computed', expr: describeIntrinsic(cur) };
  }
  return { path, kind: 'value', value: cur };
}

/** CloudFormation takes integers as numbers or digit strings ("55000"). */
export function asInteger(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,9}$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

export interface Finding {
  logicalId: string;
  /** Property path inside the resource, e.g. `Properties.Endpoints[0].…PortRange`. */
  path: string;
  message: string;
  /** problem: the template is wrong; unchecked: the value is computed at deploy time. */
  severity: 'problem' | 'unchecked';
}

/** Collects findings for one resource; `unchecked` and `missing` handle the non-literal cases once. */
export class FindingSink {
  readonly findings: Finding[] = [];
  constructor(readonly logicalId: string) {}

  problem(path: string, message: string): void {
    this.findings.push({ logicalId: this.logicalId, path, message, severity: 'problem' });
  }

  /** The literal value, or undefined after noting why there is none (computed, or missing when required). */
  literal(f: Field, required: boolean): unknown {
    if (f.kind === 'value') return f.value;
    if (f.kind === 'computed')
      this.findings.push({ logicalId: this.logicalId, path: f.path, message: `not checked (computed: ${f.expr})`, severity: 'unchecked' });
    else if (required) this.problem(f.path, 'is missing');
    return undefined;
  }

  /** An integer within [min, max], or undefined after a finding. */
  integer(f: Field, required: boolean, min: number, max: number, what: string): number | undefined {
    const raw = this.literal(f, required);
    if (raw === undefined) return undefined;
    const n = asInteger(raw);
    if (n === undefined) this.problem(f.path, `must be an integer (got ${JSON.stringify(raw)})`);
    else if (n < min || n > max) this.problem(f.path, `${what} must be ${min}–${max} (got ${n})`);
    else return n;
    return undefined;
  }

  /** A string matching `pattern`, or undefined after a finding. */
  text(f: Field, required: boolean, pattern: RegExp, rule: string): string | undefined {
    const raw = this.literal(f, required);
    if (raw === undefined) return undefined;
    if (typeof raw === 'string' && pattern.test(raw)) return raw;
    this.problem(f.path, `${rule} (got ${JSON.stringify(raw)})`);
    return undefined;
  }
}
