/**
 * Restarts the agent after its config changed. `--no-block try-restart`: the boot unit runs
 * before the agent, so a blocking restart would deadlock, and try-restart leaves a stopped agent
 * stopped. `reset-failed` first clears the exit-101 restart loop a bad config leaves behind.
 * Argument arrays only: no shell.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const AGENT_UNIT = 'aws-groundstation-agent.service';

export async function restartAgent(systemctl = 'systemctl'): Promise<void> {
  await run(systemctl, ['reset-failed', AGENT_UNIT]).catch(() => undefined); // not failed: nothing to reset
  await run(systemctl, ['--no-block', 'try-restart', AGENT_UNIT]);
}
