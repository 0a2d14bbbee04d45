/** Doctor facts for the pure check tests: every source unread unless a test gives it. */
import type { DoctorFacts, Fact } from '../../src/facts/types.ts';

/** A fact whose source did not answer (`reason` says why). */
export const notRead = <T>(reason = 'not read'): Fact<T> => ({ ok: false, reason });

/** Every doctor source unread, except those in `over`. */
export function unreadDoctorFacts(over: Partial<DoctorFacts> = {}): DoctorFacts {
  return {
    cmdline: notRead(),
    cpuInfo: notRead(),
    reservedPorts: notRead(),
    nics: [],
    irqbalance: notRead(),
    agentUnit: notRead(),
    agentPackage: notRead(),
    agentService: notRead(),
    osRelease: notRead(),
    agentConfig: notRead(),
    route: notRead(),
    egress: notRead(),
    ...over,
  };
}
