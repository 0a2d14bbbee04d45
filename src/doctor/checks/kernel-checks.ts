/**
 * Kernel checks (AWS tuning guide, agent-host.md §3.6): AWS's kernel arguments are on the
 * running kernel's command line, and the agent's adapters have names set_irq_affinity.sh
 * tunes (eth*: without net.ifnames=0, Amazon Linux 2023 names the NIC ens5 and the IRQ/RPS
 * tuning silently misses it). Pure.
 */
import type { Check, CheckResult } from '../types.ts';
import { eipInterface } from '../eip-interface.ts';

/** AWS's `grubby --args` list, in AWS's order. */
export const AWS_KERNEL_ARGS = [
  'console=tty0', 'console=ttyS0,115200n8', 'net.ifnames=0', 'biosdevname=0', 'nvme_core.io_timeout=4294967295',
  'intel_idle.max_cstate=1', 'processor.max_cstate=1', 'max_cstate=1',
];

/** The exact command that adds `args` to every installed kernel, then the reboot that makes them live. */
export const grubbyFix = (args: string[]) => `sudo grubby --update-kernel=ALL --args="${args.join(' ')}" && sudo reboot`;

const result = (id: string, status: CheckResult['status'], evidence: string, fix = ''): CheckResult => ({ id, status, evidence, fix });

export const kernelArgs: Check = ({ doctor }) => {
  const id = 'kernel-args';
  if (!doctor.cmdline.ok) return result(id, 'unknown', doctor.cmdline.reason);
  const have = new Set(doctor.cmdline.value.trim().split(/\s+/));
  const absent = AWS_KERNEL_ARGS.filter((a) => !have.has(a));
  if (!absent.length) return result(id, 'ok', `/proc/cmdline has all of AWS's arguments (${AWS_KERNEL_ARGS.join(' ')})`);
  return result(id, 'fail', `/proc/cmdline lacks ${absent.join(' ')}`, grubbyFix(absent));
};

/** Names set_irq_affinity.sh finds: it walks the eth* interfaces. */
export const TUNED_NAME = /^eth\d+$/;

export const nicNaming: Check = ({ host, plan }) => {
  const id = 'nic-naming';
  if (!host.ok) return result(id, 'unknown', host.reason);
  let names: string[];
  if (plan.ok) names = plan.value.device.networkAdapters;
  else {
    const iface = eipInterface(host.value);
    if (!iface?.linuxName) return result(id, 'unknown', `${plan.reason}; and no interface with an Elastic IP has a Linux name`);
    names = [iface.linuxName];
  }
  const onHost = new Set(host.value.interfaces.flatMap((i) => (i.linuxName ? [i.linuxName] : [])));
  const absent = names.filter((n) => !onHost.has(n));
  if (absent.length) {
    return result(id, 'fail', `networkAdapters ${absent.join(', ')} ${absent.length > 1 ? 'are' : 'is'} not an interface of this host (/sys/class/net has ${[...onHost].join(', ') || 'none'})`,
      'set agent.networkAdapters: auto in the mission (the interface holding the Elastic IP) and re-run apply');
  }
  const untuned = names.filter((n) => !TUNED_NAME.test(n));
  if (!untuned.length) return result(id, 'ok', `networkAdapters ${names.join(', ')}: names set_irq_affinity.sh tunes (eth*)`);
  return result(id, 'fail', `networkAdapters ${untuned.join(', ')}: set_irq_affinity.sh tunes eth* interfaces only, so IRQ and RPS tuning miss ${untuned.join(', ')}`,
    `${grubbyFix(['net.ifnames=0', 'biosdevname=0'])}, then re-run apply (the NIC is then eth0)`);
};
