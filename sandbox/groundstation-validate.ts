/**
 * Validates input against the shape table in groundstation-model.ts the way AWS's service
 * framework does: every violation is collected, unknown members are ignored (and dropped from
 * the stored copy, since AWS never echoes them back), and null counts as absent.
 */
import { SHAPES, type Shape } from './groundstation-model.ts';

export interface Violation {
  /** Dotted member path, 0-based list indexes: `endpoints.0.downlinkAwsGroundStationAgentEndpoint.name`. */
  path: string;
  value: unknown;
  constraint: string;
}

export interface ValidationResult<T> {
  violations: Violation[];
  /** The input with unknown members removed (meaningful only without violations). */
  value: T;
}

type StringRule = { pattern?: string; minLength?: number; maxLength?: number };
type IntegerRule = { minimum?: number; maximum?: number };

const regexCache = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let r = regexCache.get(pattern);
  if (!r) regexCache.set(pattern, (r = new RegExp(pattern)));
  return r;
}

function join(path: string, key: string | number): string {
  return path === '' ? String(key) : `${path}.${key}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Length as the service counts it: in characters (code points), not UTF-16 units. */
export function checkString(path: string, value: unknown, rule: StringRule, out: Violation[]): void {
  if (typeof value !== 'string') {
    out.push({ path, value, constraint: 'Member must be a string' });
    return;
  }
  const length = [...value].length;
  if (rule.minLength !== undefined && length < rule.minLength) {
    out.push({ path, value, constraint: `Member must have length greater than or equal to ${rule.minLength}` });
  }
  if (rule.maxLength !== undefined && length > rule.maxLength) {
    out.push({ path, value, constraint: `Member must have length less than or equal to ${rule.maxLength}` });
  }
  if (rule.pattern !== undefined && !regex(rule.pattern).test(value)) {
    out.push({ path, value, constraint: `Member must satisfy regular expression pattern: ${rule.pattern}` });
  }
}

export function checkInteger(path: string, value: unknown, rule: IntegerRule, out: Violation[]): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    out.push({ path, value, constraint: 'Member must be an integer' });
    return;
  }
  if (rule.minimum !== undefined && value < rule.minimum) {
    out.push({ path, value, constraint: `Member must have value greater than or equal to ${rule.minimum}` });
  }
  if (rule.maximum !== undefined && value > rule.maximum) {
    out.push({ path, value, constraint: `Member must have value less than or equal to ${rule.maximum}` });
  }
}

function checkStructure(shape: Extract<Shape, { type: 'structure' }>, value: unknown, path: string, out: Violation[]): unknown {
  if (!isObject(value)) {
    out.push({ path, value, constraint: 'Member must be a structure' });
    return value;
  }
  const present = Object.keys(shape.members).filter((k) => value[k] !== undefined && value[k] !== null);
  for (const k of shape.required ?? []) {
    if (!present.includes(k)) out.push({ path: join(path, k), value: null, constraint: 'Member must not be null' });
  }
  if (shape.union && present.length !== 1) {
    const names = Object.keys(shape.members).join(', ');
    out.push({ path, value, constraint: `Member must have exactly one member set (one of: ${names}), found ${present.length}` });
  }
  const clean: Record<string, unknown> = {};
  for (const k of present) clean[k] = checkValue(shape.members[k], value[k], join(path, k), out);
  return clean;
}

function checkList(shape: Extract<Shape, { type: 'list' }>, value: unknown, path: string, out: Violation[]): unknown {
  if (!Array.isArray(value)) {
    out.push({ path, value, constraint: 'Member must be a list' });
    return value;
  }
  if (shape.minItems !== undefined && value.length < shape.minItems) {
    out.push({ path, value, constraint: `Member must have length greater than or equal to ${shape.minItems}` });
  }
  if (shape.maxItems !== undefined && value.length > shape.maxItems) {
    out.push({ path, value, constraint: `Member must have length less than or equal to ${shape.maxItems}` });
  }
  return value.map((item: unknown, i) => {
    if (item !== null) return checkValue(shape.member, item, join(path, i), out);
    out.push({ path: join(path, i), value: null, constraint: 'Member must not be null' });
    return item;
  });
}

function checkMap(shape: Extract<Shape, { type: 'map' }>, value: unknown, path: string, out: Violation[]): unknown {
  if (!isObject(value)) {
    out.push({ path, value, constraint: 'Member must be a map' });
    return value;
  }
  for (const [k, v] of Object.entries(value)) checkValue(shape.value, v, join(path, k), out);
  return { ...value };
}

/** Double and Boolean as JSON gives them; Timestamp as restJson1 sends it (epoch seconds); a document as sent. */
function checkScalar(type: 'double' | 'boolean' | 'timestamp' | 'document', value: unknown, path: string, out: Violation[]): unknown {
  const ok =
    type === 'boolean'
      ? typeof value === 'boolean'
      : type === 'document'
        ? isObject(value)
        : typeof value === 'number' && Number.isFinite(value);
  if (!ok) out.push({ path, value, constraint: `Member must be a ${type === 'document' ? 'structure' : type}` });
  return value;
}

function checkValue(shapeName: string, value: unknown, path: string, out: Violation[]): unknown {
  const shape = SHAPES[shapeName];
  if (!shape) throw new Error(`groundstation-validate: no shape ${shapeName}`);
  switch (shape.type) {
    case 'structure':
      return checkStructure(shape, value, path, out);
    case 'list':
      return checkList(shape, value, path, out);
    case 'map':
      return checkMap(shape, value, path, out);
    case 'string':
      checkString(path, value, shape, out);
      return value;
    case 'integer':
      checkInteger(path, value, shape, out);
      return value;
    default:
      return checkScalar(shape.type, value, path, out);
  }
}

/** Validates `value` as the named top-level shape (e.g. CreateDataflowEndpointGroupV2Request). */
export function validateShape<T>(shapeName: string, value: unknown): ValidationResult<T> {
  const violations: Violation[] = [];
  const clean = checkValue(shapeName, value, '', violations);
  return { violations, value: clean as T };
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return `'${s.length > 80 ? `${s.slice(0, 77)}...` : s}'`;
}

/** The service framework's wording: "2 validation errors detected: Value 'x' at 'a.b' failed to satisfy constraint: ...". */
export function formatViolations(violations: Violation[]): string {
  const n = violations.length;
  const head = `${n} validation error${n === 1 ? '' : 's'} detected: `;
  return (
    head + violations.map((v) => `Value ${describeValue(v.value)} at '${v.path}' failed to satisfy constraint: ${v.constraint}`).join('; ')
  );
}
