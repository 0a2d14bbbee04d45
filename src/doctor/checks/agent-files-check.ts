/**
 * agent-files: the agent package's files changed since install (`rpm -V`, agent-files.ts).
 * A clean verify is ok; changed or missing files warn, naming each file and what changed, the
 * package's config files apart (a config file is meant to be edited: those alone are ok, named). AWS's own samples edit
 * the shipped `set_irq_affinity.sh` with sed, so a change is not a failure; it is worth knowing
 * before a support case or an upgrade (an upgrade replaces edited non-config files). Pure.
 */
import { commandLine } from '../../shell-quote.ts';
import type { AgentFileChange } from '../../facts/types.ts';
import type { Check, CheckResult } from '../types.ts';

const result = (status: CheckResult['status'], evidence: string, fix = ''): CheckResult => ({ id: 'agent-files', status, evidence, fix });

const UNIT = 'aws-groundstation-agent';
/** Files named in the evidence at most; the rest are counted. */
export const MAX_FILES_NAMED = 10;

function describe(c: AgentFileChange): string {
  if (c.missing) return `${c.path} missing`;
  const what = c.changed.length ? c.changed.join(', ') : 'nothing';
  return `${c.path} (${what}${c.untested.length ? `; not tested: ${c.untested.join(', ')}` : ''})`;
}

function list(changes: AgentFileChange[]): string {
  const named = changes.slice(0, MAX_FILES_NAMED).map(describe);
  const more = changes.length - named.length;
  return `${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

export const agentFiles: Check = (input) => {
  const f = input.doctor.agentFiles;
  if (!f) return result('unknown', 'rpm -V not run');
  if (!f.ok) return result('unknown', f.reason);
  if (!f.value.installed) return result('unknown', `${UNIT} is not installed: see agent-installed`);
  const changes = f.value.changes;
  if (!changes.length) return result('ok', `rpm -V ${UNIT}: every file of the package is as installed`);
  const config = changes.filter((c) => c.attr === 'c');
  const shipped = changes.filter((c) => c.attr !== 'c');
  const configPart = config.length ? `config files changed (the package marks them as config, meant to be edited): ${list(config)}` : '';
  // Only config files edited: what they are for.
  if (!shipped.length) return result('ok', `rpm -V ${UNIT}: ${configPart}`);
  const parts = [`files changed since install: ${list(shipped)}`, ...(configPart ? [configPart] : [])];
  const reinstall = commandLine(['sudo', 'yum', 'reinstall', '-y', UNIT]);
  return result(
    'warn',
    `rpm -V ${UNIT}: ${parts.join('; ')}`,
    `if the change is not yours (AWS's samples edit set_irq_affinity.sh with sed), restore the shipped files with ${reinstall} outside a contact (gs-agent-config status shows the next one); an upgrade replaces them too`,
  );
};
