/** Every host path the tool touches goes through here, so `--root DIR` prefixes all of them. */
import { join } from 'node:path';

export const STATE_PATH = '/var/lib/gs-agent-config/state.json';
export const OUTPUTS_PATH = '/var/lib/gs-agent-config/outputs.json';
export const LOCK_PATH = '/run/lock/gs-agent-config.lock';

export function underRoot(root: string, hostPath: string): string {
  return root === '/' ? hostPath : join(root, hostPath);
}
