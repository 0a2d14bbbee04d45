/** Every host path the tool touches goes through here, so `--root DIR` prefixes all of them. */
import { join } from 'node:path';

export const STATE_PATH = '/var/lib/gs-agent-config/state.json';
export const OUTPUTS_PATH = '/var/lib/gs-agent-config/outputs.json';
export const LOCK_PATH = '/run/lock/gs-agent-config.lock';
/** The files apply renders (src/render/render-files.ts); here so that reading them loads no renderer. */
export const AGENT_CONFIG_PATH = '/opt/aws/groundstation/etc/aws-gs-agent-config.json';
export const SYSCTL_PATH = '/etc/sysctl.d/90-gs-agent-config-ports.conf';
export const TUNING_UNIT_PATH = '/etc/systemd/system/gs-agent-config-tuning.service';

export function underRoot(root: string, hostPath: string): string {
  return root === '/' ? hostPath : join(root, hostPath);
}
