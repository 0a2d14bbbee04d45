/** The checks as pure functions: the branches the sandbox hosts do not reach (warn, unknown, edge values). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCTOR_HOST, unreadDoctorFacts } from '../../helpers/doctor-facts.ts';
import { cpuGeneration, instanceBandwidth, intelGeneration } from '../../../src/doctor/checks/cpu-checks.ts';
import { kernelArgs, nicNaming } from '../../../src/doctor/checks/kernel-checks.ts';
import { sgOutbound443 } from '../../../src/doctor/checks/network-checks.ts';
import { agentInstalled, irqbalance } from '../../../src/doctor/checks/service-checks.ts';
import { normalizeMask, ringMax, tuningLive } from '../../../src/doctor/checks/tuning-checks.ts';
import { doctorExitCode, formatChecks } from '../../../src/doctor/run-checks.ts';
import type { DoctorInput } from '../../../src/doctor/types.ts';
import type { DoctorFacts, Fact, NicFacts } from '../../../src/facts/types.ts';
import type { HostFacts, Mission } from '../../../src/types.ts';

const no = <T>(reason = 'not read'): Fact<T> => ({ ok: false, reason });
const yes = <T>(value: T): Fact<T> => ({ ok: true, value });

const HOST: HostFacts = {
  ...DOCTOR_HOST,
  instanceTypeInfo: { instanceType: 'c5.24xlarge', networkPerformance: 'Up to 25 Gigabit' },
};

const facts = unreadDoctorFacts;

const input = (over: Partial<DoctorFacts> = {}, host: HostFacts = HOST, mission?: Mission): DoctorInput => ({
  mission,
  host: yes(host),
  plan: no('no mission given'),
  doctor: facts(over),
});

test('kernel-args: a NUL-separated or extra-spaced command line still counts every argument', () => {
  const all =
    'console=tty0 console=ttyS0,115200n8 net.ifnames=0 biosdevname=0 nvme_core.io_timeout=4294967295 intel_idle.max_cstate=1 processor.max_cstate=1 max_cstate=1';
  assert.equal(kernelArgs(input({ cmdline: yes(`ro  ${all}\n`) })).status, 'ok');
  const r = kernelArgs(input({ cmdline: yes('ro console=tty0 max_cstate=1') }));
  assert.equal(r.status, 'fail');
  assert.equal(
    r.fix,
    'sudo grubby --update-kernel=ALL --args="console=ttyS0,115200n8 net.ifnames=0 biosdevname=0 nvme_core.io_timeout=4294967295 intel_idle.max_cstate=1 processor.max_cstate=1" && sudo reboot',
  );
  // intel_idle.max_cstate=2 is not AWS's value.
  assert.match(
    kernelArgs(input({ cmdline: yes(all.replace('intel_idle.max_cstate=1', 'intel_idle.max_cstate=2')) })).evidence,
    /lacks intel_idle\.max_cstate=1$/,
  );
});

test('cpu-generation: Cascade Lake and newer pass, Skylake warns, Broadwell fails, AMD warns', () => {
  const cpu = (model: number, stepping: number, vendor = 'GenuineIntel') =>
    cpuGeneration(input({ cpuInfo: yes({ vendor, family: 6, model, stepping }) })).status;
  assert.equal(cpu(85, 7), 'ok');
  assert.equal(cpu(106, 6), 'ok');
  assert.equal(cpu(143, 8), 'ok');
  assert.equal(cpu(85, 4), 'warn');
  assert.equal(cpu(79, 1), 'fail');
  assert.equal(cpu(1, 1, 'AuthenticAMD'), 'warn');
  assert.deepEqual(intelGeneration({ vendor: 'GenuineIntel', family: 6, model: 85, stepping: 11 }), {
    name: 'Cooper Lake',
    newEnough: true,
  });
});

test('instance-bandwidth: "Up to" figures warn, larger aggregates fail, no mission is unknown', () => {
  const mission = {
    name: 'm',
    file: 'm.yaml',
    dataflows: [
      { name: 'a', direction: 'downlink', bandwidthMHz: 400 },
      { name: 'b', direction: 'uplink' },
    ],
  } as unknown as Mission;
  const r = instanceBandwidth(input({}, HOST, mission));
  assert.equal(r.status, 'warn');
  assert.match(r.evidence, /9000 Mb\/s DigIF aggregate/);
  const small = { ...HOST, instanceTypeInfo: { instanceType: 'm5.4xlarge', networkPerformance: '5 Gigabit' } };
  assert.equal(
    instanceBandwidth(input({}, small, mission)).fix,
    'use an instance type whose network performance exceeds 9 Gigabit (c5n.18xlarge: 100 Gigabit), or split the dataflows across hosts',
  );
  assert.equal(instanceBandwidth(input()).status, 'unknown');
});

test('sg-outbound-443: 443 only to a prefix list warns; all-traffic to 0.0.0.0/0 passes', () => {
  const g = (outbound: object[]) => sgOutbound443(input({ egress: yes([{ groupId: 'sg-1', outbound: outbound as never }]) }));
  assert.equal(g([{ protocol: '-1', cidrs: ['0.0.0.0/0'], prefixListIds: [] }]).status, 'ok');
  assert.equal(g([{ protocol: 'tcp', fromPort: 0, toPort: 1024, cidrs: ['0.0.0.0/0'], prefixListIds: [] }]).status, 'ok');
  const w = g([{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrs: [], prefixListIds: ['pl-7ba54012'] }]);
  assert.equal(w.status, 'warn');
  assert.match(w.evidence, /only to pl-7ba54012/);
  assert.equal(g([{ protocol: 'udp', fromPort: 443, toPort: 443, cidrs: ['0.0.0.0/0'], prefixListIds: [] }]).status, 'fail');
});

test('irqbalance: masked passes, enabled but stopped fails', () => {
  assert.equal(irqbalance(input({ irqbalance: yes({ active: 'inactive', enabled: 'masked' }) })).status, 'ok');
  assert.equal(irqbalance(input({ irqbalance: yes({ active: 'inactive', enabled: 'enabled' }) })).status, 'fail');
});

test('agent-installed: unit disabled, config unreadable', () => {
  const pkg = yes({ installed: true, version: '1.0.5953.0-1', detail: '' });
  const disabled = agentInstalled(input({ agentPackage: pkg, agentUnit: yes({ active: 'inactive', enabled: 'disabled' }) }));
  assert.equal(disabled.status, 'fail');
  assert.equal(disabled.fix, 'sudo systemctl enable aws-groundstation-agent');
  const unreadable = agentInstalled(
    input({
      agentPackage: pkg,
      agentUnit: yes({ active: 'active', enabled: 'enabled' }),
      agentConfig: yes({ path: '/opt/aws/groundstation/etc/aws-gs-agent-config.json', mode: 0o100000 }),
    }),
  );
  assert.equal(unreadable.status, 'fail');
  assert.equal(unreadable.fix, 'sudo chmod 0644 /opt/aws/groundstation/etc/aws-gs-agent-config.json');
});

test('nic-naming without a mission looks at the Elastic IP interface', () => {
  const ens = { ...HOST, interfaces: [{ ...HOST.interfaces[0], linuxName: 'ens5' }] };
  assert.equal(nicNaming(input()).status, 'ok');
  assert.equal(nicNaming(input({}, ens)).status, 'fail');
});

test('ring-max: a rendered unit above the NIC maximum fails and says to re-run apply', () => {
  const nic: NicFacts = {
    name: 'eth0',
    irqAffinity: no(),
    rpsMasks: no(),
    numaNode: no(),
    coalesce: no(),
    ring: yes({ rxMax: 16384, rxCurrent: 1024 }),
  };
  assert.equal(ringMax(input({ nics: [{ ...nic }] })).status, 'ok');
  const r = ringMax(input({ nics: [{ ...nic, ring: yes({ rxMax: 8192, rxCurrent: 1024 }) }], renderedRing: 16384 }));
  assert.equal(r.status, 'fail');
  assert.equal(r.fix, 're-run gs-agent-config apply <mission>: it renders rx 8192');
});

test("a mission that does not fit the host fails the plan checks with the planner's advice", () => {
  const unfit: DoctorInput = {
    ...input(),
    plan: {
      ok: false,
      reason: 'the mission cannot be planned on this host: this instance has 2 Elastic IPs',
      fix: 'set agent.publicIp in the mission',
    },
  };
  assert.deepEqual(sgOutbound443(unfit).status, 'unknown');
  assert.deepEqual(tuningLive(unfit), {
    id: 'tuning-live',
    status: 'fail',
    evidence: 'the mission cannot be planned on this host: this instance has 2 Elastic IPs',
    fix: 'set agent.publicIp in the mission',
  });
  assert.equal(tuningLive(input()).status, 'unknown');
});

test('masks compare without grouping commas and leading zeros', () => {
  assert.equal(normalizeMask('00000000,ffffffff'), normalizeMask('ffffffff'));
  assert.notEqual(normalizeMask('ffff,ffffffff'), normalizeMask('ffffffff,ffffffff'));
});

test('exit 6 only on fail; text has one line per check with its fix', () => {
  const ok = { id: 'a', status: 'ok', evidence: 'fine', fix: '' } as const;
  const warn = { id: 'bb', status: 'warn', evidence: 'hmm', fix: 'do x' } as const;
  assert.equal(doctorExitCode([ok, warn]), 0);
  assert.equal(doctorExitCode([ok, { ...warn, status: 'fail' }]), 6);
  assert.equal(formatChecks([ok, warn]), 'a   ok       fine\nbb  warn     hmm. Fix: do x');
});
