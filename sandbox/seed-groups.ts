/**
 * Groups of other hosts in the simulated account: what discovery after a lost state file must
 * see past (the bench's "1 000 other groups"). Deterministic ids, one downlink endpoint each,
 * tagged as another instance's mission so that nothing of this host's matches them.
 */
import type { StoredGroup } from './groundstation-store.ts';
import type { SimulatedHost } from './types.ts';

function idOf(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

export function seedForeignGroups(groups: Map<string, StoredGroup>, host: SimulatedHost, count: number): void {
  for (let n = 1; n <= count; n++) {
    const id = idOf(n);
    const instance = `i-${(0x0f000000 + n).toString(16).padStart(17, '0')}`;
    groups.set(id, {
      id,
      arn: `arn:aws:groundstation:${host.region}:${host.accountId}:dataflow-endpoint-group/${id}`,
      endpoints: [
        {
          downlinkAwsGroundStationAgentEndpoint: {
            name: `other-${n}-downlink`,
            dataflowDetails: {
              agentConnectionDetails: {
                agentIpAndPortAddress: {
                  socketAddress: { name: `198.51.100.${(n % 250) + 1}`, portRange: { minimum: 42000, maximum: 42099 } },
                  mtu: 1500,
                },
                egressAddressAndPort: { socketAddress: { name: '127.0.0.1', port: 55000 }, mtu: 1500 },
              },
            },
          },
        },
      ],
      contactPrePassDurationSeconds: 120,
      contactPostPassDurationSeconds: 180,
      tags: { 'gs-agent-config:mission': `other-mission-${n % 7}`, 'gs-agent-config:instance-id': instance, team: 'elsewhere' },
      agentRegistered: false,
    });
  }
}
