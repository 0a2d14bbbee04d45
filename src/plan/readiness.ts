/**
 * The host-readiness checks the planner can judge from the facts alone, as the plan's
 * readiness lines: doctor's kernel-args and cpu-generation (from the /proc readings, when the
 * facts have them), nic-naming and instance-bandwidth. Only failures become lines; what the
 * facts cannot tell is left to `doctor`. sg-inbound is not repeated: the ingress pre-flight
 * already warns with the same fix. Pure.
 */
import type { HostFacts, Mission } from '../types.ts';
import { judgeCpuGeneration, judgeInstanceBandwidth } from './cpu-readiness.ts';
import { judgeKernelArgs, judgeNicNaming } from './kernel-readiness.ts';
import type { Verdict } from './verdict.ts';

/** The Linux names of the host's interfaces (/sys/class/net). */
export const linuxNames = (facts: Pick<HostFacts, 'interfaces'>) => facts.interfaces.flatMap((i) => (i.linuxName ? [i.linuxName] : []));

/** One line per failing check, in doctor's order: `doctor <id>: <evidence>. Fix: <fix>`. */
export function planReadiness(mission: Mission, facts: HostFacts, networkAdapters: string[]): string[] {
  const { cmdline, cpuInfo } = facts.proc ?? {};
  const verdicts: Array<[string, Verdict | undefined]> = [
    ['kernel-args', cmdline !== undefined ? judgeKernelArgs(cmdline) : undefined],
    ['nic-naming', judgeNicNaming(networkAdapters, linuxNames(facts))],
    ['cpu-generation', cpuInfo ? judgeCpuGeneration(cpuInfo, facts.instance.type) : undefined],
    ['instance-bandwidth', judgeInstanceBandwidth(mission, facts.instance.type, facts.instanceTypeInfo?.networkPerformance)],
  ];
  return verdicts.flatMap(([id, v]) => (v?.status === 'fail' ? [`doctor ${id}: ${v.evidence}. Fix: ${v.fix}`] : []));
}
