/**
 * The simulated host's Ground Station agent: when it runs, it registers for every group whose
 * endpoints are on this host's Elastic IPs, so `status --wait` can be rehearsed to success
 * (`sandbox --agent-healthy`, or `sandbox.hostAgent.running = true` from a test).
 *
 * It follows the agent unit the stand-in systemctl keeps (agent-package.ts): stopped there, it
 * deregisters from this host's groups at once; started there, it registers again a few Ground
 * Station requests later (REGISTER_AFTER), as a real agent does some seconds after its start,
 * so that a caller has to poll for ACTIVE.
 */
import { agentIpOf } from './wire-types.ts';
import type { StoredGroup } from './groundstation-store.ts';

/** Ground Station requests after a start before the agent is registered again. */
export const REGISTER_AFTER = 2;

export interface HostAgent {
  running: boolean;
  /** Applies the agent's state to the groups (called before each Ground Station request). */
  sync(groups: Map<string, StoredGroup>): void;
}

export function createHostAgent(hostIps: () => string[], running = false, unitState?: () => string): HostAgent {
  let lastUnit = unitState?.();
  let registerIn = -1;
  const agent: HostAgent = {
    running,
    sync(groups) {
      const ips = hostIps();
      const own = [...groups.values()].filter((g) => g.endpoints.every((e) => ips.includes(agentIpOf(e))));
      const unit = unitState?.();
      if (unit !== lastUnit) {
        lastUnit = unit;
        // `active#N`: the Nth start (a stop and a start between two requests is still a restart).
        if (unit?.startsWith('active#')) registerIn = REGISTER_AFTER;
        else {
          agent.running = false;
          registerIn = -1;
          for (const g of own) g.agentRegistered = false;
        }
      }
      if (registerIn > 0 && --registerIn === 0) agent.running = true;
      if (!agent.running) return;
      for (const g of own) g.agentRegistered = true;
    },
  };
  return agent;
}
