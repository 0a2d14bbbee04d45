/**
 * The small state file beside the rendered files: which group this host made, its hash, and
 * groups being retired (so a crash between "create new" and "delete old" converges later).
 * It is read as data from outside (a copied image or volume brings another host's): parsed
 * once here, and trusted only when it names this instance (IMDS); see readOwnState.
 */
import { rm } from 'node:fs/promises';
import { writeFileIfChanged } from './atomic-write.ts';
import { readIfExists } from './read-if-exists.ts';
import { STATE_PATH, underRoot } from '../host-paths.ts';
import type { DisruptiveStep } from '../contacts/hold-check.ts';
import { GROUP_ID } from '../aws/parse-group.ts';
import { INSTANCE_ID_PATTERN } from '../ownership-tags.ts';

export interface HostState {
  version: 1;
  mission: string;
  instanceId: string;
  region: string;
  groupId: string;
  groupArn: string;
  groupHash: string;
  /** False for a bring-your-own group: the tool never deletes or tags it. */
  owned?: boolean;
  /** Old groups still to delete. */
  retiring: string[];
  /** Every file written, with the sha256 of its content (status reports drift against it). */
  files: StateFile[];
  /** Steps a contact made apply defer (src/apply/deferral.ts); the next free run finishes them. */
  deferred?: DeferredSteps;
  /** The mission's `profiles:` that name a mission profile, for status's wiring check without the mission file. */
  profiles?: Array<{ name: string; missionProfile?: string }>;
  /**
   * A listing of this host's groups (tags or a scan) has shown this group: any older group of
   * the host was visible then and retired. Until it is set, each run lists them once more (the
   * tagging index is eventually consistent).
   */
  confirmed?: boolean;
  /**
   * The group this one replaced because it reported INVALID_IP_OWNERSHIP (with the Elastic IP
   * verified on this instance): this one is never replaced for that reason (ip-ownership.ts).
   */
  replacedInvalidIp?: string;
}

/** What a run left for later because a contact held the host. */
export interface DeferredSteps {
  steps: DisruptiveStep[];
  /** The contact that held the host (absent: the contact listing could not be finished). */
  contactId?: string;
  /** End of the contact's post-pass (ISO 8601): re-run after it. Absent when it could not be judged. */
  until?: string;
  /** Set when the host was held for what the guard could not judge: what and why. */
  unjudged?: string;
  /** The group the agent config still names (the contact's), when it names one. */
  activeGroupArn?: string;
}

export interface StateFile {
  path: string;
  sha256: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);
/** The mission schema's SafeName. */
const MISSION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The state as written by writeState, or undefined when any field the tool relies on is missing or of another type. */
export function parseState(text: string): HostState | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObj(v) || v.version !== 1) return undefined;
  const strings = ['mission', 'instanceId', 'region', 'groupId', 'groupArn', 'groupHash'] as const;
  if (!strings.every((k) => isStr(v[k]))) return undefined;
  // The values a run prints or compares: of their documented shapes, or the file is not the tool's.
  if (!INSTANCE_ID_PATTERN.test(v.instanceId as string) || !MISSION_NAME.test(v.mission as string)) return undefined;
  if (!GROUP_ID.test(v.groupId as string)) return undefined;
  if (!isStrList(v.retiring) || !v.retiring.every((id) => GROUP_ID.test(id))) return undefined;
  if (!Array.isArray(v.files) || !v.files.every((f) => isObj(f) && isStr(f.path) && isStr(f.sha256))) return undefined;
  if (v.owned !== undefined && typeof v.owned !== 'boolean') return undefined;
  if (v.confirmed !== undefined && typeof v.confirmed !== 'boolean') return undefined;
  if (v.replacedInvalidIp !== undefined && !(isStr(v.replacedInvalidIp) && GROUP_ID.test(v.replacedInvalidIp))) return undefined;
  if (
    v.deferred !== undefined &&
    !(isObj(v.deferred) && isStrList(v.deferred.steps) && isStr(v.deferred.contactId) && isStr(v.deferred.until))
  )
    return undefined;
  return v as unknown as HostState;
}

/** The state file as it is on disk, whoever it names; undefined when absent or unreadable (groups are found again by their tags). */
export async function readState(root: string): Promise<HostState | undefined> {
  const text = await readIfExists(underRoot(root, STATE_PATH));
  return text === null ? undefined : parseState(text);
}

/**
 * The state file split by whom it names. `own`: it names this instance (IMDS). `stranger`: it
 * names another instance (an image baked on host A, booted as B; a copied volume): never a
 * reason to delete, read or keep anything; the run goes on as if there were no state file.
 */
export async function readOwnState(root: string, instanceId: string): Promise<{ own?: HostState; stranger?: HostState }> {
  const state = await readState(root);
  if (!state) return {};
  return state.instanceId === instanceId ? { own: state } : { stranger: state };
}

/** What a run says of a stranger's state file (warning, or the first line of destroy's refusal). */
export function strangerStateText(root: string, stranger: HostState, instanceId: string): string {
  return `the state file ${underRoot(root, STATE_PATH)} names instance ${stranger.instanceId} (mission ${stranger.mission}, group ${stranger.groupId}), but this host is ${instanceId} (IMDS): it came with an image or volume made on that host, so nothing in it is this host's`;
}

export async function writeState(root: string, state: HostState): Promise<void> {
  await writeFileIfChanged(underRoot(root, STATE_PATH), `${JSON.stringify(state, null, 2)}\n`, 0o644);
}

export async function removeState(root: string): Promise<void> {
  await rm(underRoot(root, STATE_PATH), { force: true });
}
