/**
 * Never break a pass: the steps of apply that disturb a running contact (switching the agent
 * config to another group, restarting the agent, deleting the old group, live tuning) and how
 * a run defers them while a contact holds the host. The other files are written, the new group
 * may be created; the state file records what is left so the next run finishes it.
 */
import { readFile } from 'node:fs/promises';
import { AGENT_CONFIG_PATH } from '../host-paths.ts';
import { parseAgentConfigText, soleGroupArn } from './agent-config-file.ts';
import { sha256, type FileChange } from './file-changes.ts';
import type { DeferredSteps, HostState, StateFile } from './state-file.ts';
import type { Hold } from '../contacts/hold.ts';
import type { DisruptiveStep } from '../contacts/hold-check.ts';

export type { DisruptiveStep } from '../contacts/hold-check.ts';

export interface Deferral {
  hold: Hold;
  steps: DisruptiveStep[];
}

/**
 * What this run would disturb. A first agent config (none on disk) disturbs nothing; a restart a
 * previous run deferred is still due even when the config is already on disk.
 */
export function pendingSteps(
  files: FileChange[],
  retire: string[],
  state: HostState | undefined,
  extra: DisruptiveStep[] = [],
): DisruptiveStep[] {
  const steps = new Set<DisruptiveStep>();
  const config = files.find((f) => f.path === AGENT_CONFIG_PATH);
  if (config?.changed && !config.created) steps.add('agent-config').add('restart');
  // A deferred restart is still due; deferred live tuning only when this run asks for it again.
  if (state?.deferred?.steps.includes('restart')) steps.add('restart');
  if (retire.length) steps.add('retire');
  for (const s of extra) steps.add(s);
  return [...steps];
}

/** The group ARN the agent config on disk names, if it names exactly one. */
function namedGroup(text: string): string | undefined {
  return soleGroupArn(parseAgentConfigText(text));
}

/**
 * The files to write while held (all but the agent config switch) and what the state file
 * records for the agent config: the version on disk, the one the contact's agent runs with.
 */
export async function holdBackAgentConfig(
  files: FileChange[],
): Promise<{ write: FileChange[]; recorded: StateFile[]; activeGroupArn?: string }> {
  const config = files.find((f) => f.path === AGENT_CONFIG_PATH && f.changed && !f.created);
  if (!config) return { write: files, recorded: files.map((f) => ({ path: f.path, sha256: sha256(f.file.content) })) };
  const onDisk = await readFile(config.written, 'utf8');
  const recorded = files.map((f) => ({ path: f.path, sha256: sha256(f === config ? onDisk : f.file.content) }));
  return { write: files.filter((f) => f !== config), recorded, activeGroupArn: namedGroup(onDisk) };
}

/** The state file's record of a deferral; a hold for what could not be judged records why instead of an end. */
export function deferredRecord(d: Deferral, activeGroupArn?: string): DeferredSteps {
  const { contact, untilMs, unjudged } = d.hold;
  return {
    steps: d.steps.filter((s): s is DeferredSteps['steps'][number] => s !== undefined),
    ...(contact?.id !== undefined && { contactId: contact.id }),
    ...(untilMs !== undefined && { until: new Date(untilMs).toISOString() }),
    ...(unjudged !== undefined && { unjudged }),
    ...(activeGroupArn && { activeGroupArn }),
  };
}
