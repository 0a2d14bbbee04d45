/** Doctor facts for the pure check tests: every source unread unless a test gives it. */
import type { DoctorFacts, Fact } from '../../src/facts/types.ts';
import type { HostFacts } from '../../src/types.ts';

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

/** The host the pure check tests judge: a c5.24xlarge with one interface, eth0; tests add what their check reads. */
export const DOCTOR_HOST: HostFacts = {
  instance: { id: 'i-0123456789abcdef0', type: 'c5.24xlarge', region: 'us-east-2', accountId: '123456789012' },
  interfaces: [
    {
      mac: '0a:00:00:00:00:01',
      deviceNumber: 0,
      privateIps: ['10.0.0.10'],
      publicIps: ['203.0.113.10'],
      ipv4Associations: {},
      linuxName: 'eth0',
    },
  ],
};
