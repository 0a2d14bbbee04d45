/**
 * What the apply use-case takes and gives: the run's inputs (mission, facts, plan), its ports,
 * its options, and the outcome the CLI formats (text and JSON) without asking anything more.
 */
import type { ContactsPort } from '../aws/contacts.ts';
import type { InstanceVerdict } from '../facts/ec2/ec2-instances.ts';
import type { GroundStationPort } from '../aws/groundstation.ts';
import type { TagChange } from './reconcile-tags.ts';
import type { GuardPolicy } from '../contacts/hold-check.ts';
import type { GroupState, HostFacts, Mission, Plan } from '../types.ts';
import type { CommandRunner, TuningReport } from './apply-tuning.ts';
import type { GroupAction, GroupSource } from './converge.ts';
import type { Deferral } from './deferral.ts';
import { regionOfGroupRef } from './existing-group.ts';
import type { FileChange } from './file-changes.ts';

export interface ApplyInputs {
  mission: Mission;
  facts: HostFacts;
  /** The mission's plan on this host. */
  plan: Plan;
  /** The region of this host's AWS calls (AWS_REGION, else the instance's own). */
  region: string;
}

export interface ApplyPorts {
  /** Ground Station in a region (a group the mission names by ARN may live in another one). */
  groundStation: (region: string) => GroundStationPort;
  /** Ground Station's contacts in a region: the contact guard and the profile wiring. */
  contacts: (region: string) => ContactsPort;
  /** Restarts aws-groundstation-agent; without one, systemctl does, and only on the real host (root /). */
  agentRestarter?: () => Promise<void>;
  /** Runs the --apply-tuning commands (default: execFile, and only on the real host). */
  tuningRunner?: CommandRunner;
  /** Says a warning at once while the run goes on (a --force override); the outcome records it too. */
  notify: (warning: string) => void;
  /** EC2's word on instances (orphans named when the group quota is reached); absent: not judged. */
  instanceStates?: (region: string) => (ids: string[]) => Promise<Map<string, InstanceVerdict>>;
}

/** Preview (plan, apply --dry-run): what apply would do, with no writes, no lock and no contact check. */
export interface PreviewOptions {
  /** --root: prefix of every path read. */
  root: string;
  preview: true;
  /** From the local state file alone, AWS not asked (plan --facts); a group the mission names is read anyway. */
  offline: boolean;
}

export interface WriteOptions {
  /** --root: prefix of every path read and written (the lock and state files too). */
  root: string;
  preview?: false;
  /** Restart the agent when its config changed (--restart-agent). */
  restartAgent: boolean;
  /** Make the tuning files live now (--apply-tuning). */
  applyTuning: boolean;
  /** How long to wait for another run holding the lock (--lock-wait). */
  lockWaitSeconds: number;
  guard: GuardPolicy;
}

export type ApplyOptions = PreviewOptions | WriteOptions;

export interface ApplyOutcome {
  /** `owned`: the tool's own group; `existing`: the group the mission names (never created, tagged or deleted). */
  source: GroupSource['kind'];
  action: GroupAction;
  /** The plan the files are rendered from: the mission's, or the mission with an existing group's values. */
  plan: Plan;
  /** The group kept, created or used; undefined only in a preview that would create. */
  group?: Pick<GroupState, 'id' | 'arn'>;
  files: FileChange[];
  /** Groups deleted (in a preview: to delete). */
  retired: string[];
  /** Tag keys added, changed or removed in place on the kept group (in a preview: to be). */
  tagsChanged: string[];
  /** A preview's tag changes with their values before and after (plan shows them as Terraform does). */
  tagChanges?: TagChange[];
  /** False when the preview came from the state file alone. */
  checkedAws: boolean;
  /** A preview of a replace: what in the current group differs from the plan. */
  replaceReasons: string[];
  /** A contact held the host (either group source): the safe steps were done and the rest recorded for the next run. */
  deferred?: Deferral;
  agentRestarted: boolean;
  /** What --apply-tuning ran (null when not asked). */
  tuning: TuningReport | null;
  /** The run's own warnings, in the order they arose; the plan's are in `plan.warnings`. */
  warnings: string[];
  /** What the run found wrong and will not fix by itself (exit 6 after the rest converged): INVALID_IP_OWNERSHIP again. */
  problems: string[];
}

/** The group source of the mission, and the region its group lives in. */
export function groupSourceOf(inputs: ApplyInputs): { source: GroupSource; region: string } {
  const { mission, facts, plan } = inputs;
  if (mission.group !== undefined)
    return { source: { kind: 'existing', ref: mission.group, mission, facts }, region: regionOfGroupRef(mission.group, inputs.region) };
  // INVALID_IP_OWNERSHIP is replaced only once EC2 shows the Elastic IP on this host (ip-ownership.ts).
  const eipVerified = facts.elasticIps?.some((e) => e.publicIp === plan.publicIp) ?? false;
  return { source: { kind: 'owned', eipVerified }, region: inputs.region };
}
