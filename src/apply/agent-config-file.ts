/**
 * The agent config as found on disk (written by this tool, by hand, or reset by an RPM
 * reinstall): read once, leniently, into what the tool needs to know of it. A file that is not
 * a JSON object gives undefined; fields of other types read as absent; nothing throws.
 */

export interface AgentConfigOnDisk {
  /** `capabilities` as written (the group ARNs), when it is an array. */
  capabilities?: readonly unknown[];
  publicIps: string[];
  agentCpuCores: number[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const only = <T>(v: unknown, is: (x: unknown) => x is T): T[] => (Array.isArray(v) ? v.filter(is) : []);
const isString = (x: unknown): x is string => typeof x === 'string';
const isNumber = (x: unknown): x is number => typeof x === 'number';

export function parseAgentConfigText(text: string): AgentConfigOnDisk | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(doc)) return undefined;
  const device = isObject(doc.device) ? doc.device : {};
  return {
    ...(Array.isArray(doc.capabilities) && { capabilities: doc.capabilities as unknown[] }),
    publicIps: only(device.publicIps, isString),
    agentCpuCores: only(device.agentCpuCores, isNumber),
  };
}

/** The group ARN the config names when it names exactly one (the agent registers for one group). */
export function soleGroupArn(config: AgentConfigOnDisk | undefined): string | undefined {
  const caps = config?.capabilities;
  return caps?.length === 1 && isString(caps[0]) ? caps[0] : undefined;
}

/** Whether the config names any of `arns`. */
export function namesAnyOf(config: AgentConfigOnDisk | undefined, arns: readonly string[]): boolean {
  return config?.capabilities?.some((c) => isString(c) && arns.includes(c)) ?? false;
}
