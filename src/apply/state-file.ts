/**
 * The small state file beside the rendered files: which group this host made, its hash, and
 * groups being retired (so a crash between "create new" and "delete old" converges later).
 */
import { rm } from 'node:fs/promises';
import { writeFileIfChanged } from './atomic-write.ts';
import { readIfExists } from './read-if-exists.ts';
import { STATE_PATH, underRoot } from '../host-paths.ts';
import type { DisruptiveStep } from '../contacts/hold-check.ts';

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

export async function readState(root: string): Promise<HostState | undefined> {
  const text = await readIfExists(underRoot(root, STATE_PATH));
  if (text === null) return undefined;
  try {
    const state = JSON.parse(text) as HostState;
    return state && state.version === 1 && typeof state.groupId === 'string' ? state : undefined;
  } catch {
    // A corrupt state file is not fatal: groups are found again by their tags.
    return undefined;
  }
}

export async function writeState(root: string, state: HostState): Promise<void> {
  await writeFileIfChanged(underRoot(root, STATE_PATH), `${JSON.stringify(state, null, 2)}\n`, 0o644);
}

export async function removeState(root: string): Promise<void> {
  await rm(underRoot(root, STATE_PATH), { force: true });
}
