/**
 * Pure parsers for single host values, with the patterns, ranges and list limits of
 * schemas/host-facts.schema.json (its `definitions`): the schema that checks a facts file is
 * the one that checks what IMDS, /sys and EC2 answer. Each parser returns the typed value or
 * throws InvalidValue (expected, value); the caller names the source.
 */
import hostFactsSchema from '../../schemas/host-facts.schema.json' with { type: 'json' };
import { InvalidValue } from './fact-value.ts';

interface Definition {
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  maxLength?: number;
  description: string;
}
const DEFS = hostFactsSchema.definitions as unknown as Record<string, Definition>;

export type StringKind =
  | 'ipv4'
  | 'cidr'
  | 'mac'
  | 'interfaceName'
  | 'instanceId'
  | 'eniId'
  | 'subnetId'
  | 'vpcId'
  | 'securityGroupId'
  | 'allocationId'
  | 'associationId'
  | 'prefixListId'
  | 'region'
  | 'availabilityZone'
  | 'accountId'
  | 'instanceType'
  | 'roleName'
  | 'text'
  | 'protocol';
export type IntegerKind = 'cpuId' | 'topologyId' | 'numaNode' | 'deviceNumber' | 'count' | 'port';

/** Limits of lists, from the schema (maxItems). */
export const LIMITS = {
  interfaces: hostFactsSchema.properties.interfaces.maxItems,
  ipsPerInterface: DEFS.ipList.maxItems as number,
  securityGroupsPerInterface: hostFactsSchema.definitions.interface.properties.securityGroupIds.maxItems,
  cpus: DEFS.cpuList.maxItems as number,
  elasticIps: hostFactsSchema.properties.elasticIps.maxItems,
  securityGroups: hostFactsSchema.properties.securityGroups.maxItems,
  entriesPerRule: 1000,
  legacyTuningLines: hostFactsSchema.definitions.legacyTuningFile.properties.lines.maxItems,
  legacyTuningText: hostFactsSchema.definitions.legacyTuningLine.properties.text.maxLength,
} as const;

const patterns = new Map<string, RegExp>();
function patternOf(kind: string): RegExp {
  let re = patterns.get(kind);
  if (!re) {
    re = new RegExp(DEFS[kind].pattern as string, 'u');
    patterns.set(kind, re);
  }
  return re;
}

/** What a value of this kind must be, in words (for messages). */
export function describeKind(kind: StringKind | IntegerKind): string {
  return DEFS[kind].description;
}

/** A string of `kind`; MACs are lower-cased first (IMDS and /sys may differ in case). */
export function parseString(kind: StringKind, value: unknown): string {
  const def = DEFS[kind];
  if (typeof value !== 'string') throw new InvalidValue(def.description, value);
  const text = kind === 'mac' ? value.toLowerCase() : value;
  if ((def.maxLength !== undefined && text.length > def.maxLength) || !patternOf(kind).test(text))
    throw new InvalidValue(def.description, value);
  return text;
}

/** A whole number of `kind`, from a number or its decimal text (sysfs, IMDS leaves): no sign, no leading zeros, no blanks. */
export function parseInteger(kind: IntegerKind, value: unknown): number {
  const def = DEFS[kind];
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^(0|-?[1-9][0-9]{0,9})$/.test(value)) n = Number(value);
  else throw new InvalidValue(def.description, value);
  if (!Number.isSafeInteger(n) || n < (def.minimum as number) || n > (def.maximum as number))
    throw new InvalidValue(def.description, value);
  return n;
}

/** A list of at most `max` items, each parsed by `item`; distinct when `unique`. */
export function parseList<T>(value: unknown, max: number, item: (v: unknown) => T, what: string, unique = true): T[] {
  if (!Array.isArray(value)) throw new InvalidValue(`a list of ${what}`, value);
  if (value.length > max) throw new InvalidValue(`a list of at most ${max} ${what} (it has ${value.length})`, value);
  const out = value.map(item);
  if (unique && new Set(out).size !== out.length) {
    const dup = out.find((v, i) => out.indexOf(v) !== i);
    throw new InvalidValue(`a list of distinct ${what} (${JSON.stringify(dup)} is repeated)`, value);
  }
  return out;
}

/** An optional string: undefined stays undefined, anything else must be of `kind`. */
export function parseOptional(kind: StringKind, value: unknown): string | undefined {
  return value === undefined ? undefined : parseString(kind, value);
}

/** Parsers by kind, for `read(field, value, p.ipv4)`. */
export const p = {
  string: (kind: StringKind) => (v: unknown) => parseString(kind, v),
  integer: (kind: IntegerKind) => (v: unknown) => parseInteger(kind, v),
};
