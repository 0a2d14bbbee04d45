/** Differences between a group as the service returns it and the planned endpoints. Pure. */
import type { GroupEndpointState, GroupState, Plan, PlannedEndpoint } from '../types.ts';

const fmt = (ep: {
  agent: { ip: string; ports: { min: number; max: number }; mtu?: number };
  address: { host: string; port: number; mtu?: number };
}) =>
  `agent ${ep.agent.ip}:${ep.agent.ports.min}-${ep.agent.ports.max}${ep.agent.mtu ? ` mtu ${ep.agent.mtu}` : ''}, ` +
  `local ${ep.address.host}:${ep.address.port}${ep.address.mtu ? ` mtu ${ep.address.mtu}` : ''}`;

function compareEndpoint(want: PlannedEndpoint, got: GroupEndpointState): string | undefined {
  if (got.direction !== want.direction) return `endpoint ${want.name}: direction is ${got.direction}, the mission says ${want.direction}`;
  if (fmt(got) !== fmt(want)) return `endpoint ${want.name}: group has ${fmt(got)}; planned ${fmt(want)}`;
  return undefined;
}

export function diffGroupAgainstPlan(group: GroupState, plan: Plan): string[] {
  const problems: string[] = [];
  const byName = new Map(group.endpoints.map((e) => [e.name, e]));
  for (const want of plan.endpoints) {
    const got = byName.get(want.name);
    if (!got) problems.push(`endpoint ${want.name} is missing from the group`);
    else {
      const p = compareEndpoint(want, got);
      if (p) problems.push(p);
    }
  }
  const planned = new Set(plan.endpoints.map((e) => e.name));
  for (const extra of group.endpoints.filter((e) => !planned.has(e.name))) {
    problems.push(`endpoint ${extra.name} is in the group but not in the mission`);
  }
  const { contactPrePassDurationSeconds: pre, contactPostPassDurationSeconds: post } = plan.request;
  if (group.contactPrePassDurationSeconds !== pre)
    problems.push(`prePassSeconds: group has ${group.contactPrePassDurationSeconds}, planned ${pre}`);
  if (group.contactPostPassDurationSeconds !== post)
    problems.push(`postPassSeconds: group has ${group.contactPostPassDurationSeconds}, planned ${post}`);
  return problems;
}
