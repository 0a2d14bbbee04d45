/**
 * Legacy host tuning left by AWS's guide or its CloudFormation UserData, found under --root:
 * an `ip_local_reserved_ports` line in /etc/sysctl.conf (applied after the sysctl.d drop-ins,
 * so it overrides the tool's ranges) and `@reboot` cron lines running set_irq_affinity.sh or
 * ethtool (they run again at every boot, racing the tool's tuning unit).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SYSCTL_CONF = '/etc/sysctl.conf';
export const ROOT_CRONTAB = '/var/spool/cron/root';

interface Finding { file: string; line: number; text: string }

async function findLines(root: string, file: string, pattern: RegExp): Promise<Finding[] | string> {
  let text: string;
  try {
    text = await readFile(root === '/' ? file : join(root, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? [] : `${file} not checked for legacy tuning (${code ?? (err as Error).message})`;
  }
  return text.split('\n').flatMap((l, i) => (pattern.test(l) ? [{ file, line: i + 1, text: l.trim() }] : []));
}

/** One warning per legacy line (file:line, what it does, what to do), plus files that could not be read. */
export async function readLegacyTuning(root: string): Promise<string[]> {
  const [sysctl, cron] = await Promise.all([
    findLines(root, SYSCTL_CONF, /^\s*net\.ipv4\.ip_local_reserved_ports\s*=/),
    findLines(root, ROOT_CRONTAB, /^\s*@reboot\b.*\b(set_irq_affinity|ethtool)\b/),
  ]);
  const warnings: string[] = [];
  if (typeof sysctl === 'string') warnings.push(sysctl);
  else for (const f of sysctl) {
    warnings.push(`legacy tuning ${f.file}:${f.line} "${f.text}" overrides /etc/sysctl.d/90-gs-agent-config-ports.conf (sysctl.conf is loaded last); remove the line`);
  }
  if (typeof cron === 'string') warnings.push(cron);
  else for (const f of cron) {
    warnings.push(`legacy tuning ${f.file}:${f.line} "${f.text}" re-tunes the host at every boot and fights gs-agent-config-tuning.service; remove the line (crontab -e)`);
  }
  return warnings;
}
