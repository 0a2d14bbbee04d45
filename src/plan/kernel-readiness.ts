/**
 * Kernel readiness (AWS tuning guide, agent-host.md §3.6): AWS's kernel arguments are on the
 * running kernel's command line, and the agent's adapters have names set_irq_affinity.sh
 * tunes (eth*: without net.ifnames=0, Amazon Linux 2023 names the NIC ens5 and the IRQ/RPS
 * tuning silently misses it). Pure: doctor's checks and the planner's readiness lines.
 */
import { verdict, type Verdict } from './verdict.ts';

/** AWS's `grubby --args` list, in AWS's order. */
export const AWS_KERNEL_ARGS = [
  'console=tty0',
  'console=ttyS0,115200n8',
  'net.ifnames=0',
  'biosdevname=0',
  'nvme_core.io_timeout=4294967295',
  'intel_idle.max_cstate=1',
  'processor.max_cstate=1',
  'max_cstate=1',
];

/** The exact command that adds `args` to every installed kernel, then the reboot that makes them live. */
export const grubbyFix = (args: string[]) => `sudo grubby --update-kernel=ALL --args="${args.join(' ')}" && sudo reboot`;

/** `cmdline`: /proc/cmdline as read. */
export function judgeKernelArgs(cmdline: string): Verdict {
  const have = new Set(cmdline.trim().split(/\s+/));
  const absent = AWS_KERNEL_ARGS.filter((a) => !have.has(a));
  if (!absent.length) return verdict('ok', `/proc/cmdline has all of AWS's arguments (${AWS_KERNEL_ARGS.join(' ')})`);
  return verdict('fail', `/proc/cmdline lacks ${absent.join(' ')}`, grubbyFix(absent));
}

/** Names set_irq_affinity.sh finds: it walks the eth* interfaces. */
export const TUNED_NAME = /^eth\d+$/;

/** `names`: the agent's adapters; `onHost`: the interface names /sys/class/net has. */
export function judgeNicNaming(names: string[], onHost: string[]): Verdict {
  const present = new Set(onHost);
  const absent = names.filter((n) => !present.has(n));
  if (absent.length) {
    return verdict(
      'fail',
      `networkAdapters ${absent.join(', ')} ${absent.length > 1 ? 'are' : 'is'} not an interface of this host (/sys/class/net has ${[...present].join(', ') || 'none'})`,
      'set agent.networkAdapters: auto in the mission (the interface holding the Elastic IP) and re-run apply',
    );
  }
  const untuned = names.filter((n) => !TUNED_NAME.test(n));
  if (!untuned.length) return verdict('ok', `networkAdapters ${names.join(', ')}: names set_irq_affinity.sh tunes (eth*)`);
  return verdict(
    'fail',
    `networkAdapters ${untuned.join(', ')}: set_irq_affinity.sh tunes eth* interfaces only, so IRQ and RPS tuning miss ${untuned.join(', ')}`,
    `${grubbyFix(['net.ifnames=0', 'biosdevname=0'])}, then re-run apply (the NIC is then eth0)`,
  );
}
