/**
 * Port rules: agent port ranges inside the pool, ≥ 300 ports, not overlapping; the pool big
 * enough for the dataflows the planner carves; delivery ports clear of all of it and unique.
 */
import type { MissionDataflow, PortRange } from '../types.ts';
import type { Rule, RuleContext } from './rule-context.ts';
import { describePortProblem } from './host-port.ts';
import { addressKey } from './normalize-mission.ts';
import {
  countBlocks,
  describeRangeProblem,
  formatRange,
  portInRange,
  rangeContains,
  rangeSize,
  rangesOverlap,
  subtractRanges,
} from './port-ranges.ts';

/** AWS: "at least 300 contiguous ports" per agent endpoint. */
export const MIN_AGENT_PORTS = 300;

const addressKeyOf = (df: MissionDataflow) => addressKey(df.direction);
const agentPortsPath = (i: number) => ['dataflows', i, 'agentPorts'];

/** Runs the range checks first; the layout checks only make sense on well-formed ranges. */
export const portRules: Rule = (ctx) => {
  if (!rangesWellFormed(ctx)) return;
  agentPortsInsidePool(ctx);
  agentPortsLargeEnough(ctx);
  agentPortsDisjoint(ctx);
  poolCapacity(ctx);
  addressPortsClear(ctx);
  addressPortsUnique(ctx);
};

function rangesWellFormed({ mission, report }: RuleContext): boolean {
  let ok = true;
  const check = (path: Array<string | number>, r: PortRange) => {
    const problem = describeRangeProblem(r);
    if (problem) report(path, problem.what, problem.fix);
    ok &&= !problem;
  };
  check(['agent', 'portPool'], mission.agent.portPool);
  mission.dataflows.forEach((df, i) => df.agentPorts && check(agentPortsPath(i), df.agentPorts));
  return ok;
}

function agentPortsInsidePool({ mission, report }: RuleContext): void {
  const pool = mission.agent.portPool;
  mission.dataflows.forEach((df, i) => {
    if (!df.agentPorts || rangeContains(pool, df.agentPorts)) return;
    report(agentPortsPath(i), `lies outside agent.portPool ${formatRange(pool)}`, 'pick a range inside the pool, or widen agent.portPool');
  });
}

function agentPortsLargeEnough({ mission, report }: RuleContext): void {
  mission.dataflows.forEach((df, i) => {
    if (!df.agentPorts || rangeSize(df.agentPorts) >= MIN_AGENT_PORTS) return;
    const example = formatRange({ min: df.agentPorts.min, max: df.agentPorts.min + MIN_AGENT_PORTS - 1 });
    report(
      agentPortsPath(i),
      `has ${rangeSize(df.agentPorts)} ports; AWS needs at least ${MIN_AGENT_PORTS} contiguous ports`,
      `e.g. ${example}`,
    );
  });
}

function agentPortsDisjoint({ mission, report }: RuleContext): void {
  mission.dataflows.forEach((df, i) => {
    const j = mission.dataflows.findIndex(
      (other, k) => k < i && other.agentPorts && df.agentPorts && rangesOverlap(other.agentPorts, df.agentPorts),
    );
    if (j < 0) return;
    const other = formatRange(mission.dataflows[j].agentPorts!);
    report(agentPortsPath(i), `overlaps dataflows[${j}].agentPorts ${other}`, 'agent port ranges on one host must not overlap');
  });
}

function poolCapacity({ mission, input, report }: RuleContext): void {
  const { portPool: pool, portsPerDataflow: size } = mission.agent;
  const wanted = mission.dataflows.filter((df) => !df.agentPorts).length;
  if (wanted === 0) return;
  const free = subtractRanges(
    pool,
    mission.dataflows.flatMap((df) => (df.agentPorts ? [df.agentPorts] : [])),
  );
  const fit = countBlocks(free, size);
  if (fit >= wanted) return;
  const freePorts = free.reduce((n, r) => n + rangeSize(r), 0);
  const which = input.agent?.portPool === undefined ? `the default pool ${formatRange(pool)} is ` : '';
  report(
    ['agent', 'portPool'],
    `${which}too small: ${wanted} dataflow(s) without agentPorts need ${wanted * size} ports (${wanted} × ${size} contiguous) ` +
      `but ${freePorts} ports are free, room for ${fit}`,
    'widen agent.portPool or lower agent.portsPerDataflow (minimum 300)',
  );
}

function addressPortsClear({ mission, report }: RuleContext): void {
  const pool = mission.agent.portPool;
  mission.dataflows.forEach((df, i) => {
    const port = df.address.port;
    if (describePortProblem(port)) return;
    const path = ['dataflows', i, addressKeyOf(df)];
    const fix = 'the agent uses those ports for Ground Station traffic; pick a port outside them';
    if (portInRange(port, pool)) return report(path, `port ${port} lies inside agent.portPool ${formatRange(pool)}`, fix);
    const j = mission.dataflows.findIndex((other) => other.agentPorts && portInRange(port, other.agentPorts));
    if (j >= 0) report(path, `port ${port} lies inside dataflows[${j}].agentPorts ${formatRange(mission.dataflows[j].agentPorts!)}`, fix);
  });
}

function addressPortsUnique({ mission, report }: RuleContext): void {
  const first = new Map<number, number>();
  mission.dataflows.forEach((df, i) => {
    const earlier = first.get(df.address.port);
    if (earlier === undefined) return void first.set(df.address.port, i);
    const other = mission.dataflows[earlier];
    report(
      ['dataflows', i, addressKeyOf(df)],
      `port ${df.address.port} is already used by dataflows[${earlier}].${addressKeyOf(other)}`,
      'the agent binds these ports on one host; give each dataflow its own port',
    );
  });
}
