/**
 * Kernel checks: AWS's kernel arguments on the running kernel's command line, and adapter
 * names set_irq_affinity.sh tunes. The judgments are the planner's (src/plan/kernel-readiness.ts);
 * here they meet the doctor's readings, which may be missing. Pure.
 */
import type { Check, CheckResult } from '../types.ts';
import { eipInterface } from '../eip-interface.ts';
import { judgeKernelArgs, judgeNicNaming } from '../../plan/kernel-readiness.ts';
import { linuxNames } from '../../plan/readiness.ts';

const unknown = (id: string, evidence: string): CheckResult => ({ id, status: 'unknown', evidence, fix: '' });

export const kernelArgs: Check = ({ doctor }) => {
  const id = 'kernel-args';
  if (!doctor.cmdline.ok) return unknown(id, doctor.cmdline.reason);
  return { id, ...judgeKernelArgs(doctor.cmdline.value) };
};

export const nicNaming: Check = ({ host, plan }) => {
  const id = 'nic-naming';
  if (!host.ok) return unknown(id, host.reason);
  let names: string[];
  if (plan.ok) names = plan.value.device.networkAdapters;
  else {
    const iface = eipInterface(host.value);
    if (!iface?.linuxName) return unknown(id, `${plan.reason}; and no interface with an Elastic IP has a Linux name`);
    names = [iface.linuxName];
  }
  return { id, ...judgeNicNaming(names, linuxNames(host.value)) };
};
