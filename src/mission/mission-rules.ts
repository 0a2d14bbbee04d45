/**
 * Semantic rules, run on the normalised mission once the schema passes. Each rule is a small
 * named function that reports every violation it finds; the runner collects them all.
 */
import type { Mission } from '../types.ts';
import { describeHostProblem, describePortProblem } from './host-port.ts';
import { addressKey, MAX_CPU, parseCpuListParts } from './normalize-mission.ts';
import { portRules } from './port-rules.ts';
import { formatGot, formatPath, valueAt, type Problem } from './problem.ts';
import type { MissionInput } from './validate-schema.ts';
import type { Rule, RuleContext } from './rule-context.ts';

export type { Rule, RuleContext } from './rule-context.ts';

/** Ground Station's SafeName allows 256 characters for an endpoint name. */
export const MAX_ENDPOINT_NAME = 256;
export const RESERVED_TAG_PREFIXES = ['gs-agent-config:', 'aws:'] as const;

export const uniqueDataflowNames: Rule = ({ mission, report }) => {
  const first = new Map<string, number>();
  mission.dataflows.forEach((df, i) => {
    const earlier = first.get(df.name);
    if (earlier === undefined) first.set(df.name, i);
    else report(['dataflows', i, 'name'], `duplicate dataflow name, also used by dataflows[${earlier}]`, 'give each dataflow its own name');
  });
};

export const endpointNameLength: Rule = ({ mission, report }) => {
  mission.dataflows.forEach((df, i) => {
    const endpoint = `${mission.name}-${df.name}`;
    if (endpoint.length <= MAX_ENDPOINT_NAME) return;
    report(
      ['dataflows', i, 'name'],
      `makes the endpoint name "${endpoint}" ${endpoint.length} characters long; Ground Station allows at most ${MAX_ENDPOINT_NAME}`,
      `shorten name or ${formatPath(['dataflows', i, 'name'])}`,
    );
  });
};

export const reservedTags: Rule = ({ mission, report }) => {
  for (const key of Object.keys(mission.tags)) {
    const prefix = RESERVED_TAG_PREFIXES.find((p) => key.startsWith(p));
    if (prefix === undefined) continue;
    const owner = prefix === 'aws:' ? 'AWS' : "the tool's own tags";
    report(['tags', key], `tag keys starting with "${prefix}" are reserved for ${owner}`, 'rename the tag');
  }
};

export const validAddresses: Rule = ({ mission, report }) => {
  mission.dataflows.forEach((df, i) => {
    const path = ['dataflows', i, addressKey(df.direction)];
    const problem = describeHostProblem(df.address.host) ?? describePortProblem(df.address.port);
    if (problem) report(path, problem.what, problem.fix);
  });
};

export const validCpuList: Rule = ({ input, report }) => {
  const text = input.agent?.cpuCores;
  if (typeof text !== 'string' || text === 'auto') return;
  for (const [first, last] of parseCpuListParts(text)) {
    const part = first === last ? `${first}` : `${first}-${last}`;
    if (last > MAX_CPU) report(['agent', 'cpuCores'], `CPU ${last} in "${part}" is above ${MAX_CPU}`);
    else if (first > last) report(['agent', 'cpuCores'], `CPU range "${part}" runs backwards`, 'write the lower number first');
  }
};

/** profiles: unique names, every listed dataflow exists, every dataflow runs in at least one profile. */
export const profileRules: Rule = ({ mission, report }) => {
  const profiles = mission.profiles;
  if (!profiles) return;
  const names = new Set(mission.dataflows.map((d) => d.name));
  const seen = new Map<string, number>();
  profiles.forEach((p, i) => {
    const earlier = seen.get(p.name);
    if (earlier !== undefined)
      report(['profiles', i, 'name'], `duplicate profile name, also used by profiles[${earlier}]`, 'give each profile its own name');
    else seen.set(p.name, i);
    p.dataflows.forEach((d, j) => {
      if (!names.has(d))
        report(['profiles', i, 'dataflows', j], 'is not a dataflow of this mission', `use one of: ${[...names].join(', ')}`);
    });
  });
  const listed = new Set(profiles.flatMap((p) => p.dataflows));
  mission.dataflows.forEach((d, i) => {
    if (!listed.has(d.name))
      report(
        ['dataflows', i, 'name'],
        'is in no profile: once profiles are given, every dataflow must run in at least one',
        "add it to a profile's dataflows, or remove the dataflow",
      );
  });
};

export const MISSION_RULES: readonly Rule[] = [
  uniqueDataflowNames,
  endpointNameLength,
  reservedTags,
  validAddresses,
  validCpuList,
  portRules,
  profileRules,
];

/** Run every rule; an empty list means the mission is consistent. */
export function validateRules(mission: Mission, input: MissionInput, rules: readonly Rule[] = MISSION_RULES): Problem[] {
  const problems: Problem[] = [];
  const report: RuleContext['report'] = (path, what, fix, got = valueAt(input, path)) => {
    problems.push({ path, message: `${what}${formatGot(got)}${fix ? `; ${fix}` : ''}` });
  };
  const ctx: RuleContext = { mission, input, problems, report };
  for (const rule of rules) rule(ctx);
  return problems;
}
