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

export function renderAgentConfig(plan: Plan, groupArn: string): RenderedFile {
  const content = renderTemplate('aws-gs-agent-config.json', { capabilities: [groupArn], device: plan.device });
  const validateAgentConfig = validator('agentConfig');
  ensureValid('agent config', validateAgentConfig(JSON.parse(content)), validateAgentConfig.errors);
  return { path: AGENT_CONFIG_PATH, content, mode: 0o644 };
}

export function renderHostFiles(plan: Plan, groupArn: string): RenderedFile[] {
  const files = [renderAgentConfig(plan, groupArn)];
  const validateTuning = validator('tuning');
  ensureValid('tuning values', validateTuning(plan.tuning), validateTuning.errors);
  files.push({ path: SYSCTL_PATH, content: renderTemplate('90-gs-agent-config-ports.conf', plan), mode: 0o644 });
  // Without a CPU topology there are no IRQ cores to keep free: the unit would be wrong.
  if (plan.tuning.irqCores.length > 0) {
    files.push({ path: TUNING_UNIT_PATH, content: renderTemplate('gs-agent-config-tuning.service', plan), mode: 0o644 });
  }
  return files;
}
