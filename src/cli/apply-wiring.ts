/**
 * The apply use-case's inputs, ports and options from a command's flags and the run: plan,
 * apply and demo call it through here.
 */
import type { ApplyInputs, ApplyPorts, PreviewOptions, WriteOptions } from '../apply/apply-types.ts';
import { guardPolicyOf, notifyOn, type GuardArgs } from './contact-guard.ts';
import { prepare } from './commands/prepare.ts';
import { contactsFor, ec2For, groundStationFor, regionOf, type ExtraFacts, type FactsArgs } from './ports.ts';
import { readInstanceStates } from '../facts/ec2/ec2-instances.ts';
import type { Runtime } from './runtime.ts';

export interface ApplyArgs extends FactsArgs, GuardArgs {
  mission: string;
  dryRun?: boolean;
  restartAgent?: boolean;
  /** Seconds to wait for another run's lock (the parser's --lock-wait default). */
  lockWait: number;
  applyTuning?: boolean;
  /** --report-compliance: also put this host's state into SSM Compliance. */
  reportCompliance?: boolean;
  /** --detailed-exitcode (with --dry-run): exit 9 when anything would change. */
  detailedExitcode?: boolean;
}

/** The mission, the host facts (what `extra` asks for too) and the plan. */
export async function applyInputs(args: FactsArgs & { mission: string }, rt: Runtime, extra: ExtraFacts): Promise<ApplyInputs> {
  const { mission, facts, plan } = await prepare(args, rt, extra);
  return { mission, facts, plan, region: regionOf(facts, rt.io) };
}

export function applyPorts(rt: Runtime): ApplyPorts {
  return {
    groundStation: (region) => groundStationFor(region, rt),
    contacts: (region) => contactsFor(region, rt),
    notify: notifyOn(rt),
    instanceStates: (region) => (ids) => readInstanceStates(ec2For(region, rt), ids),
  };
}

/** plan --facts: the tool's own group from the local state file alone. */
export function previewOptions(args: FactsArgs): PreviewOptions {
  return { root: args.root, preview: true, offline: args.facts !== undefined };
}

export function writeOptions(args: ApplyArgs): WriteOptions {
  return {
    root: args.root,
    restartAgent: args.restartAgent !== false,
    applyTuning: args.applyTuning === true,
    lockWaitSeconds: args.lockWait,
    guard: guardPolicyOf(args),
  };
}
