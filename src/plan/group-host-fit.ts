/**
 * Bring your own group: does an existing group (owned by IaC, not by the tool) fit this host and
 * mission, and what plan renders the host from it. The group is the truth: its agent ranges,
 * addresses and MTUs replace whatever the planner would have carved, so the reserved ports
 * and the security-group check cover exactly the group's ranges. Pure.
 */
import type { GroupEndpointState, GroupState, HostFacts, Mission, MissionDataflow, Plan } from '../types.ts';
import { endpointName, plan as planHost } from './plan.ts';
import { findPortLayoutProblems, formatRange } from './port-layout.ts';

const localKey = (d: MissionDataflow['direction']) => (d === 'downlink' ? 'egressAddressAndPort' : 'ingressAddressAndPort');
const missionKey = (d: MissionDataflow['direction']) => (d === 'downlink' ? 'deliverTo' : 'receiveFrom');
const hostPort = (a: { host: string; port: number }) => `${a.host}:${a.port}`;

/** Differences between what the mission says about one dataflow and the group's endpoint. */
function compareDataflow(name: string, df: MissionDataflow, got: GroupEndpointState): string[] {
  if (got.direction !== df.direction) return [`endpoint ${name}: the group has it as ${got.direction}, the mission says ${df.direction}`];
  const out: string[] = [];
  if (hostPort(got.address) !== hostPort(df.address)) {
    out.push(
      `endpoint ${name}: the group's ${localKey(df.direction)} is ${hostPort(got.address)}, the mission's ${missionKey(df.direction)} is ${hostPort(df.address)}`,
    );
  }
  if (df.agentPorts && formatRange(df.agentPorts) !== formatRange(got.agent.ports)) {
    out.push(
      `endpoint ${name}: the group's agent ports are ${formatRange(got.agent.ports)}, the mission's agentPorts are ${formatRange(df.agentPorts)}`,
    );
  }
  if (df.mtu !== undefined && df.mtu !== got.agent.mtu)
    out.push(`endpoint ${name}: the group's agent MTU is ${got.agent.mtu ?? 'the default'}, the mission's mtu is ${df.mtu}`);
  if (df.addressMtu !== undefined && df.addressMtu !== got.address.mtu) {
    out.push(
      `endpoint ${name}: the group's ${localKey(df.direction)} MTU is ${got.address.mtu ?? 'the default'}, the mission's localMtu is ${df.addressMtu}`,
    );
  }
  return out;
}

function compareEndpoints(group: GroupState, mission: Mission): string[] {
  const byName = new Map(group.endpoints.map((e) => [e.name, e]));
  const wanted = new Set<string>();
  const out: string[] = [];
  for (const df of mission.dataflows) {
    const name = endpointName(mission, df.name);
    wanted.add(name);
    const got = byName.get(name);
    if (got) out.push(...compareDataflow(name, df, got));
    else out.push(`endpoint ${name} (dataflow ${df.name}, ${df.direction}) is missing from the group`);
  }
  for (const extra of group.endpoints.filter((e) => !wanted.has(e.name))) {
    out.push(`endpoint ${extra.name} is in the group but not in the mission (add a dataflow for it, or remove it from the group)`);
  }
  return out;
}

/** Account of a group ARN (`arn:aws:groundstation:<region>:<account>:…`), when it has one. */
const accountOf = (arn: string) => arn.split(':')[4] || undefined;

function checkHost(group: GroupState, plan: Plan): string[] {
  const out: string[] = [];
  const account = accountOf(group.arn);
  if (account && account !== plan.accountId) out.push(`the group belongs to account ${account}; this host is in account ${plan.accountId}`);
  for (const e of group.endpoints) {
    if (e.agent.ip !== plan.publicIp)
      out.push(`endpoint ${e.name}: agent address ${e.agent.ip} is not this host's Elastic IP ${plan.publicIp}`);
  }
  return out;
}

/** Every way the group does not fit (empty when it fits). `plan` is the mission's plan on this host. */
export function diffGroupAgainstHost(group: GroupState, mission: Mission, plan: Plan): string[] {
  const layout = findPortLayoutProblems(
    group.endpoints.map((e) => ({ label: `endpoint ${e.name}`, range: e.agent.ports, port: e.address.port })),
  );
  return [
    ...checkHost(group, plan),
    ...compareEndpoints(group, mission),
    ...layout.map((p) => `endpoint ${group.endpoints[p.index].name}: ${p.message}`),
  ];
}

/** The mission with every value the group fixes taken from the group. Only for a group that fits. */
export function missionFromGroup(mission: Mission, group: GroupState): Mission {
  const byName = new Map(group.endpoints.map((e) => [e.name, e]));
  return {
    ...mission,
    contact: {
      prePassSeconds: group.contactPrePassDurationSeconds ?? mission.contact.prePassSeconds,
      postPassSeconds: group.contactPostPassDurationSeconds ?? mission.contact.postPassSeconds,
    },
    dataflows: mission.dataflows.map((df) => {
      const e = byName.get(endpointName(mission, df.name))!;
      return {
        ...df,
        address: { host: e.address.host, port: e.address.port },
        agentPorts: e.agent.ports,
        mtu: e.agent.mtu,
        addressMtu: e.address.mtu,
      };
    }),
  };
}

/** The plan that renders this host from the group as it is; its request mirrors the group (tags too). */
export function planFromGroup(mission: Mission, facts: HostFacts, group: GroupState): Plan {
  const p = planHost(missionFromGroup(mission, group), facts);
  return { ...p, request: { ...p.request, tags: { ...group.tags } } };
}
