/**
 * The simulated host's Ground Station agent: when it runs, it registers for every group whose
 * endpoints are on this host's Elastic IPs, so `status --wait` can be rehearsed to success
 * (`sandbox --agent-healthy`, or `sandbox.hostAgent.running = true` from a test).
 */
import { agentIpOf } from './wire-types.ts';
import type { StoredGroup } from './groundstation-store.ts';

export interface HostAgent {
  running: boolean;
  /** Applies the agent's state to the groups (called before each Ground Station request). */
  sync(groups: Map<string, StoredGroup>): void;
}

export function createHostAgent(hostIps: () => string[], running = false): HostAgent {
  const agent: HostAgent = {
    running,
    sync(groups) {
      if (!agent.running) return;
      const ips = hostIps();
      for (const g of groups.values()) {
        if (g.endpoints.every((e) => ips.includes(agentIpOf(e)))) g.agentRegistered = true;
      }
    },
  };
  return agent;
}
