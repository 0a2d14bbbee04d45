/**
 * Restarts the agent after its config changed. `--no-block try-restart`: the boot unit runs
 * before the agent, so a blocking restart would deadlock, and try-restart leaves a stopped agent
 * stopped. `reset-failed` first clears the exit-101 restart loop a bad config leaves behind.
 * Argument arrays through the one program runner (bounded, SIGKILL after SIGTERM): no shell.
 */
import type { RunDeadline } from '../run-deadline.ts';
import { programRunner } from './apply-tuning.ts';

export const AGENT_UNIT = 'aws-groundstation-agent.service';
/** Both calls return at once (--no-block); a systemctl still running after this is hung. */
const RESTART_TIMEOUT_MS = 30_000;

export async function restartAgent(systemctl = 'systemctl', deadline?: RunDeadline): Promise<void> {
  const run = programRunner({ deadline, timeoutMs: RESTART_TIMEOUT_MS });
  await run(systemctl, ['reset-failed', AGENT_UNIT]).catch(() => undefined); // not failed: nothing to reset
  await run(systemctl, ['--no-block', 'try-restart', AGENT_UNIT]);
}
