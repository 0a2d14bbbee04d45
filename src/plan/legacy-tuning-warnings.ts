/**
 * Legacy tuning found on the host (src/facts/linux/legacy-tuning.ts) as plan warnings: one per
 * line (file:line, what it does, what to do), and one per file that could not be read. Pure.
 */
import type { LegacyTuningFacts, LegacyTuningFile } from '../types.ts';

function fileWarnings(f: LegacyTuningFile, effect: string): string[] {
  if (f.unreadable !== undefined) return [`${f.path} not checked for legacy tuning (${f.unreadable})`];
  return f.lines.map((l) => `legacy tuning ${f.path}:${l.line} "${l.text}" ${effect}`);
}

export function legacyTuningWarnings(legacy: LegacyTuningFacts | undefined): string[] {
  if (!legacy) return [];
  return [
    ...fileWarnings(
      legacy.sysctlConf,
      'overrides /etc/sysctl.d/90-gs-agent-config-ports.conf (sysctl.conf is loaded last); remove the line',
    ),
    ...fileWarnings(
      legacy.rootCrontab,
      're-tunes the host at every boot and fights gs-agent-config-tuning.service; remove the line (crontab -e)',
    ),
  ];
}
