/**
 * Legacy host tuning left by AWS's guide or its CloudFormation UserData, looked for under
 * --root: an `ip_local_reserved_ports` line in /etc/sysctl.conf (applied after the sysctl.d
 * drop-ins, so it overrides the tool's ranges) and `@reboot` cron lines running
 * set_irq_affinity.sh or ethtool (they run again at every boot, racing the tool's tuning unit).
 * A host fact: the planner turns it into warnings (src/plan/legacy-tuning-warnings.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LegacyTuningFacts, LegacyTuningFile } from '../../types.ts';
import { LIMITS } from '../parse-values.ts';

export const SYSCTL_CONF = '/etc/sysctl.conf';
export const ROOT_CRONTAB = '/var/spool/cron/root';

async function findLines(root: string, path: string, pattern: RegExp): Promise<LegacyTuningFile> {
  let text: string;
  try {
    text = await readFile(root === '/' ? path : join(root, path), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { path, lines: [] } : { path, lines: [], unreadable: code ?? (err as Error).message };
  }
  const lines = text
    .split('\n')
    .flatMap((l, i) => (pattern.test(l) ? [{ line: i + 1, text: l.trim().slice(0, LIMITS.legacyTuningText) }] : []));
  return { path, lines: lines.slice(0, LIMITS.legacyTuningLines) };
}

/** The legacy lines of both files under `root`, and the files that could not be read. */
export async function readLegacyTuning(root: string): Promise<LegacyTuningFacts> {
  const [sysctlConf, rootCrontab] = await Promise.all([
    findLines(root, SYSCTL_CONF, /^\s*net\.ipv4\.ip_local_reserved_ports\s*=/),
    findLines(root, ROOT_CRONTAB, /^\s*@reboot\b.*\b(set_irq_affinity|ethtool)\b/),
  ]);
  return { sysctlConf, rootCrontab };
}
