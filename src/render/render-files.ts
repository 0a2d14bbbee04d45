/**
 * Renders every host file from the plan (never from raw mission input) and validates what it
 * rendered before anything is written. Pure apart from reading the shipped templates.
 */
import type { Plan } from '../types.ts';
import { InternalError } from '../errors.ts';
import { validator } from '../validators.ts';
import { AGENT_CONFIG_PATH, SYSCTL_PATH, TUNING_UNIT_PATH } from '../host-paths.ts';
import { renderTemplate } from './handlebars-env.ts';

export interface RenderedFile {
  /** Absolute host path (before --root). */
  path: string;
  content: string;
  mode: number;
}

function ensureValid(what: string, ok: boolean, errors: ReturnType<typeof validator>['errors']): void {
  if (ok) return;
  const lines = (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`);
  throw new InternalError(`rendered ${what} does not match its schema`, lines);
}

/** The keys the tool writes (schemas/agent-config.schema.json): any other key found on disk is kept (apply/kept-agent-keys.ts). */
export const AGENT_CONFIG_KEYS = {
  top: ['capabilities', 'device'],
  device: ['privateIps', 'publicIps', 'agentCpuCores', 'networkAdapters'],
} as const;

/** Keys found in the agent config on disk that the tool does not write, with their values. */
export interface KeptAgentKeys {
  top: Record<string, unknown>;
  device: Record<string, unknown>;
}

/**
 * The agent config: the tool's keys from the template, checked against the schema (which
 * allows no other key); then the keys kept from the file on disk, added after the tool's own,
 * and only those (a kept key never replaces one of the tool's).
 */
export function renderAgentConfig(plan: Plan, groupArn: string, kept: KeptAgentKeys = { top: {}, device: {} }): RenderedFile {
  const content = renderTemplate('aws-gs-agent-config.json', { capabilities: [groupArn], device: plan.device });
  const validateAgentConfig = validator('agentConfig');
  const doc = JSON.parse(content) as { device: Record<string, unknown> } & Record<string, unknown>;
  ensureValid('agent config', validateAgentConfig(doc), validateAgentConfig.errors);
  const clash = [
    ...Object.keys(kept.top).filter((k) => (AGENT_CONFIG_KEYS.top as readonly string[]).includes(k)),
    ...Object.keys(kept.device).filter((k) => (AGENT_CONFIG_KEYS.device as readonly string[]).includes(k)),
  ];
  if (clash.length) throw new InternalError(`kept agent config keys would replace the tool's own: ${clash.join(', ')}`);
  if (!Object.keys(kept.top).length && !Object.keys(kept.device).length) return { path: AGENT_CONFIG_PATH, content, mode: 0o644 };
  const merged = { ...doc, ...kept.top, device: { ...doc.device, ...kept.device } };
  return { path: AGENT_CONFIG_PATH, content: `${JSON.stringify(merged, null, 2)}\n`, mode: 0o644 };
}

export function renderHostFiles(plan: Plan, groupArn: string, kept?: KeptAgentKeys): RenderedFile[] {
  const files = [renderAgentConfig(plan, groupArn, kept)];
  const validateTuning = validator('tuning');
  ensureValid('tuning values', validateTuning(plan.tuning), validateTuning.errors);
  files.push({ path: SYSCTL_PATH, content: renderTemplate('90-gs-agent-config-ports.conf', plan), mode: 0o644 });
  // Without a CPU topology there are no IRQ cores to keep free: the unit would be wrong.
  if (plan.tuning.irqCores.length > 0) {
    files.push({ path: TUNING_UNIT_PATH, content: renderTemplate('gs-agent-config-tuning.service', plan), mode: 0o644 });
  }
  return files;
}
