/**
 * The doctor use-case: every documented host-readiness check over one reading of the host. A
 * source that cannot be read (IMDS, EC2, a /proc file, a program) makes its checks "unknown"
 * with the reason; EC2 refusing still leaves the host itself (IMDS, /sys) to check. Prints nothing.
 */
import { AwsCallError, GsAgentConfigError } from '../errors.ts';
import type { Ec2FactsOptions } from '../facts/ec2/ec2.ts';
import type { ProgramOptions } from '../facts/linux/host-programs.ts';
import type { Fact } from '../facts/types.ts';
import { plan as planHost } from '../plan/plan.ts';
import type { Word } from '../shell-quote.ts';
import type { HostFacts, Mission } from '../types.ts';
import { readDoctorFacts } from './read-doctor-facts.ts';
import { readContactHold } from './read-contact-hold.ts';
import type { ContactsPort } from '../aws/contacts.ts';
import type { GuardOptions } from '../contacts/read-hold.ts';
import { runChecks } from './run-checks.ts';
import type { CheckResult, PlanFact } from './types.ts';

export interface DoctorPorts {
  /** The host facts through the host-facts gate; `skipEc2`: without asking EC2. */
  hostFacts: (skipEc2: boolean) => Promise<HostFacts>;
  ec2: (region: string) => Ec2FactsOptions;
  /** Ground Station's contacts (receiver-listening's escalation); absent: the schedule is not asked. */
  contacts?: (region: string) => ContactsPort;
}

export interface DoctorOptions {
  /** --root: where the rendered files are. */
  root: string;
  sysRoot: string;
  /** The /proc to read, or why none is read. */
  procRoot: Fact<string>;
  programs: ProgramOptions;
  /** --skip-ec2-checks. */
  skipEc2Checks: boolean;
  /** AWS_REGION: wins over the instance's own region for the EC2 calls. */
  regionOverride?: string;
  /** The apply the fixes name, as a line to paste (DoctorInput.applyCommand). */
  applyCommand?: (extra: readonly Word[]) => string;
  /** The os-release file (os-release.ts: osReleasePath). */
  osReleasePath: string;
  /** Epoch ms on AWS's clock (the run's AWS-corrected clock), read when the checks run. */
  awsNow?: () => number;
  /** The run's clocks, for the contact windows (absent: the schedule is not asked). */
  awsClock?: GuardOptions['clock'];
}

/** A tool error as a reason; anything else is a bug and propagates. */
function reasonOf(err: unknown): string {
  if (!(err instanceof GsAgentConfigError)) throw err;
  return err.message;
}

async function hostFact(ports: DoctorPorts, skipEc2Checks: boolean): Promise<Fact<HostFacts>> {
  try {
    return { ok: true, value: await ports.hostFacts(skipEc2Checks) };
  } catch (err) {
    const reason = reasonOf(err);
    // EC2 refused DescribeAddresses: the host itself (IMDS, /sys) is still worth checking; the EC2 checks then say why not.
    if (!(err instanceof AwsCallError) || skipEc2Checks) return { ok: false, reason: `host facts unavailable: ${reason}` };
    try {
      const facts = await ports.hostFacts(true);
      return { ok: true, value: { ...facts, ec2Unchecked: [...(facts.ec2Unchecked ?? []), reason] } };
    } catch (again) {
      return { ok: false, reason: `host facts unavailable: ${reasonOf(again)}` };
    }
  }
}

function planFact(mission: Mission | undefined, host: Fact<HostFacts>): PlanFact {
  if (!mission) return { ok: false, reason: 'no mission given: pass the mission file for the checks that need the plan' };
  if (!host.ok) return host;
  try {
    return { ok: true, value: planHost(mission, host.value) };
  } catch (err) {
    // The host was read: a mission that does not fit it is a failure, with the error's own advice as the fix.
    const fix =
      err instanceof GsAgentConfigError && err.details.length ? err.details.join('; ') : 'see gs-agent-config plan for the details';
    return { ok: false, reason: `the mission cannot be planned on this host: ${reasonOf(err)}`, fix };
  }
}

/** `mission`: the checks that need the plan say why not without it. */
export async function diagnoseHost(mission: Mission | undefined, ports: DoctorPorts, options: DoctorOptions): Promise<CheckResult[]> {
  const host = await hostFact(ports, options.skipEc2Checks);
  const plan = planFact(mission, host);
  const doctor = await readDoctorFacts(host, plan, {
    procRoot: options.procRoot,
    sysRoot: options.sysRoot,
    root: options.root,
    programs: options.programs,
    ec2: options.skipEc2Checks || !host.ok ? false : ports.ec2(options.regionOverride || host.value.instance.region),
    osReleasePath: options.osReleasePath,
  });
  const contactHold = await readContactHold(mission, host, plan, doctor.udpSockets, {
    contacts: ports.contacts,
    regionOverride: options.regionOverride,
    clock: options.awsClock,
  });
  const today = options.awsNow ? new Date(options.awsNow()).toISOString().slice(0, 10) : undefined;
  return runChecks({
    mission,
    host,
    plan,
    doctor,
    root: options.root,
    ...(options.applyCommand && { applyCommand: options.applyCommand }),
    ...(today !== undefined && { today }),
    ...(contactHold && { contactHold }),
  });
}
