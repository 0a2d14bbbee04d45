/**
 * CPU and capacity readiness: the CPU generation AWS's core tables assume (Cascade Lake or
 * newer) and the mission's aggregate DigIF rate against the instance type's network
 * performance. Pure: doctor's checks and the planner's readiness lines.
 */
import { ASSUMED_ROW, NARROWBAND_MAX_MHZ, WIDEBAND_CORES } from './core-table.ts';
import type { CpuInfoFacts, Direction, Mission } from '../types.ts';
import { verdict, type Verdict } from './verdict.ts';

/** Intel family-6 server models: Cascade Lake is model 85 from stepping 5 (Skylake-SP is 85 stepping ≤ 4). */
const NEWER_MODELS = new Map([
  [106, 'Ice Lake'],
  [108, 'Ice Lake'],
  [143, 'Sapphire Rapids'],
  [207, 'Emerald Rapids'],
  [173, 'Granite Rapids'],
]);
const OLDER_MODELS = new Map([
  [63, 'Haswell'],
  [79, 'Broadwell'],
  [86, 'Broadwell'],
]);

/** The Intel generation of a CPU, and whether it is Cascade Lake or newer; undefined when not an Intel server model we know. */
export function intelGeneration(c: CpuInfoFacts): { name: string; newEnough: boolean } | undefined {
  if (c.vendor !== 'GenuineIntel' || c.family !== 6 || c.model === undefined) return undefined;
  if (c.model === 85) {
    if (c.stepping === undefined) return undefined;
    return c.stepping >= 5
      ? { name: c.stepping >= 10 ? 'Cooper Lake' : 'Cascade Lake', newEnough: true }
      : { name: 'Skylake', newEnough: false };
  }
  const newer = NEWER_MODELS.get(c.model);
  if (newer) return { name: newer, newEnough: true };
  const older = OLDER_MODELS.get(c.model);
  return older ? { name: older, newEnough: false } : undefined;
}

const CPU_FIX =
  "AWS's core tables assume Cascade Lake or newer: use an instance type with such CPUs (c5.24xlarge, c5.12xlarge, c6i.32xlarge, c7i.24xlarge …), or give the agent more cores than the table (agent.cpuCores)";

/** `instanceType`: named in the evidence when known. */
export function judgeCpuGeneration(c: CpuInfoFacts, instanceType?: string): Verdict {
  const type = instanceType !== undefined ? ` on ${instanceType}` : '';
  const what = `${c.modelName ?? 'CPU'} (family ${c.family ?? '?'} model ${c.model ?? '?'} stepping ${c.stepping ?? '?'})${type}`;
  const gen = intelGeneration(c);
  if (!gen)
    return verdict(
      'warn',
      `${what}: not an Intel server generation this tool knows; AWS's core tables assume Cascade Lake or newer`,
      CPU_FIX,
    );
  if (gen.newEnough) return verdict('ok', `${what}: ${gen.name}, Cascade Lake or newer`);
  // Skylake runs types AWS lists for the agent (c5n.18xlarge, c5.18xlarge): a warning; older generations fail.
  if (gen.name === 'Skylake')
    return verdict('warn', `${what}: Skylake, one generation before Cascade Lake: the core plan may be short`, CPU_FIX);
  return verdict('fail', `${what}: ${gen.name}, older than Cascade Lake: the core plan may be short`, CPU_FIX);
}

/** DigIF rate of one dataflow in Mb/s: AWS's table gives 1000 Mb/s per 50 MHz row (narrowband and uplink: the 50 MHz row). */
export function digifRateMbps(direction: Direction, bandwidthMHz?: number): number {
  if (bandwidthMHz === undefined || direction === 'uplink' || bandwidthMHz <= NARROWBAND_MAX_MHZ) return ASSUMED_ROW.maxMHz * 20;
  const row = WIDEBAND_CORES.find((r) => bandwidthMHz <= r.maxMHz) ?? WIDEBAND_CORES[WIDEBAND_CORES.length - 1];
  return row.maxMHz * 20;
}

export const aggregateMbps = (m: Mission) => m.dataflows.reduce((s, d) => s + digifRateMbps(d.direction, d.bandwidthMHz), 0);

const NETWORK = /^(Up to )?(\d+(?:\.\d+)?) Gigabit$/;

/** `networkPerformance`: EC2 DescribeInstanceTypes' figure for the type, when it was asked. */
export function judgeInstanceBandwidth(mission: Mission, type: string, networkPerformance: string | undefined): Verdict {
  if (!networkPerformance) return verdict('unknown', `EC2 DescribeInstanceTypes did not tell the network performance of ${type}`);
  const m = NETWORK.exec(networkPerformance);
  if (!m) return verdict('unknown', `${type} network performance "${networkPerformance}" is not a Gigabit figure`);
  const need = aggregateMbps(mission);
  const have = Number(m[2]) * 1000;
  const evidence = `mission ${mission.name}: ${mission.dataflows.length} dataflow(s), ${need} Mb/s DigIF aggregate (AWS's table); ${type}: ${networkPerformance}`;
  const fix = `use an instance type whose network performance exceeds ${need / 1000} Gigabit (c5n.18xlarge: 100 Gigabit), or split the dataflows across hosts`;
  if (need > have) return verdict('fail', `${evidence}: more than the instance carries`, fix);
  if (m[1]) return verdict('warn', `${evidence}: "Up to" is a burst figure, the sustained rate is lower`, fix);
  return verdict('ok', evidence);
}
