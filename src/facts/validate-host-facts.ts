/**
 * HostFacts against schemas/host-facts.schema.json and the relations of check-host-facts.ts:
 * the last gate before the planner, for facts gathered live (exit 3, naming the source) and
 * for `plan --facts FILE` (exit 2: the file is user input). The first problem only.
 */
import type { ErrorObject } from 'ajv';
import { HostFactsError, UsageError } from '../errors.ts';
import type { HostFacts } from '../types.ts';
import { validator } from '../validators.ts';
import { checkHostFacts, type FactProblem } from './check-host-facts.ts';
import { showValue } from './fact-value.ts';

/** One ajv error as a sentence about the value at its path. */
function describeError(e: ErrorObject): FactProblem {
  const path = e.instancePath || '/';
  const description = (e.parentSchema as { description?: string } | undefined)?.description;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { path, message: `lacks the required field ${showValue(params.missingProperty)}` };
    case 'additionalProperties':
      return { path, message: `has an unknown field ${showValue(params.additionalProperty)}` };
    case 'maxItems':
      return { path, message: `has ${(e.data as unknown[]).length} items; at most ${String(params.limit)} are accepted` };
    case 'maxProperties':
      return { path, message: `has ${Object.keys(e.data as object).length} entries; at most ${String(params.limit)} are accepted` };
    case 'uniqueItems':
      return { path, message: `repeats ${showValue((e.data as unknown[])[params.j as number])}` };
    case 'propertyNames':
      return { path, message: `has a key ${showValue(params.propertyName)} that is not an IPv4 address` };
    default:
      return { path, message: `${showValue(e.data)} is not ${description ?? `valid (${e.message ?? e.keyword})`}` };
  }
}

/** The first problem of `value` as host facts, or undefined when it is valid HostFacts. */
export function findFactsProblem(value: unknown): FactProblem | undefined {
  const validate = validator<HostFacts>('hostFacts');
  if (!validate(value)) {
    // propertyNames reports the key's own error first; the wrapping error names the key.
    const errors = validate.errors ?? [];
    const named = errors.find((e) => e.keyword === 'propertyNames') ?? errors[0];
    return named ? describeError(named) : { path: '/', message: 'is not valid host facts' };
  }
  return checkHostFacts(value);
}

/** `plan --facts FILE`: a document from the user, exit 2 with the field, value and fix. */
export function parseFactsDocument(value: unknown, file: string): HostFacts {
  const problem = findFactsProblem(value);
  if (problem) {
    throw new UsageError(`facts file ${file}: ${problem.path} ${problem.message}`, [
      'produce the file with `gs-agent-config facts > facts.json` on the host, or correct that value',
    ]);
  }
  return value as HostFacts;
}

/** Where a path of gathered facts came from. */
export function sourceOfPath(path: string): string {
  const rules: Array<[RegExp, string]> = [
    [/^\/instance\b/, 'IMDS dynamic/instance-identity/document'],
    [/^\/interfaces\/\d+\/linuxName/, '/sys/class/net/*/address'],
    [/^\/interfaces\b/, 'IMDS meta-data/network/interfaces/macs/'],
    [/^\/cpu\b/, '/sys/devices/system/cpu and /sys/devices/system/node'],
    [/^\/elasticIps\b/, 'EC2 DescribeAddresses'],
    [/^\/instanceTypeInfo\b/, 'EC2 DescribeInstanceTypes'],
    [/^\/securityGroups\b/, 'EC2 DescribeSecurityGroups'],
    [/^\/groundStationPrefixListId\b/, 'EC2 DescribeManagedPrefixLists'],
    [/^\/ec2Unchecked\b/, 'an EC2 error answer'],
    [/^\/nicRingMax\b/, 'ethtool -g'],
    [/^\/legacyTuning\b/, '/etc/sysctl.conf and /var/spool/cron/root under --root'],
    [/^\/proc\/cmdline\b/, '/proc/cmdline'],
    [/^\/proc\b/, '/proc/cpuinfo'],
  ];
  return rules.find(([re]) => re.test(path))?.[1] ?? 'the host facts';
}

/** Facts gathered live: a problem is the host's (exit 3), named by its source. */
export function assertGatheredFacts(facts: HostFacts): HostFacts {
  const problem = findFactsProblem(facts);
  if (problem) {
    throw new HostFactsError(`${sourceOfPath(problem.path)}: ${problem.path} ${problem.message}`, [
      'a healthy EC2 host does not answer this: check that source on the host, then re-run',
    ]);
  }
  return facts;
}
