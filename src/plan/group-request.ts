/** The exact CreateDataflowEndpointGroupV2 request for the planned endpoints, and its hash. */
import { createHash } from 'node:crypto';
import type { CreateDataflowEndpointGroupV2Request, CreateEndpointDetailsWire, Mission, PlannedEndpoint } from '../types.ts';

function withMtu<T extends object>(details: T, mtu: number | undefined): T & { mtu?: number } {
  return mtu === undefined ? details : { ...details, mtu };
}

export function buildEndpointWire(ep: PlannedEndpoint): CreateEndpointDetailsWire {
  const agentIpAndPortAddress = withMtu(
    { socketAddress: { name: ep.agent.ip, portRange: { minimum: ep.agent.ports.min, maximum: ep.agent.ports.max } } },
    ep.agent.mtu,
  );
  const local = withMtu({ socketAddress: { name: ep.address.host, port: ep.address.port } }, ep.address.mtu);
  if (ep.direction === 'uplink') {
    return {
      uplinkAwsGroundStationAgentEndpoint: {
        name: ep.name,
        dataflowDetails: { agentConnectionDetails: { ingressAddressAndPort: local, agentIpAndPortAddress } },
      },
    };
  }
  return {
    downlinkAwsGroundStationAgentEndpoint: {
      name: ep.name,
      dataflowDetails: { agentConnectionDetails: { agentIpAndPortAddress, egressAddressAndPort: local } },
    },
  };
}

/** The request without tags: what the group hash covers (tags are reconciled in place). */
export function buildGroupBody(mission: Mission, endpoints: PlannedEndpoint[]): CreateDataflowEndpointGroupV2Request {
  return {
    endpoints: endpoints.map(buildEndpointWire),
    contactPrePassDurationSeconds: mission.contact.prePassSeconds,
    contactPostPassDurationSeconds: mission.contact.postPassSeconds,
  };
}

/**
 * sha256 (first 16 hex digits) of the tag-less request. A pure function of its input: the
 * request is built with a fixed key order, so JSON.stringify is canonical here.
 */
export function hashGroupBody(body: CreateDataflowEndpointGroupV2Request): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
}
