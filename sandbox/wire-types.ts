/**
 * The CreateDataflowEndpointGroupV2 request as the official Ground Station model spells it
 * (CreateEndpointDetailsList, AwsGroundStationAgentEndpoint V2 shapes): the sandbox's own
 * reading of the wire, written from the model and never taken from the product, so the two
 * cannot agree on a mistake. groundstation-validate.ts checks every request against the model
 * before it is cast to these types.
 */
export interface SocketAddress {
  name: string;
  port: number;
}
export interface RangedSocketAddress {
  name: string;
  portRange: { minimum: number; maximum: number };
}
export interface ConnectionDetails {
  socketAddress: SocketAddress;
  mtu?: number;
}
export interface RangedConnectionDetails {
  socketAddress: RangedSocketAddress;
  mtu?: number;
}

interface UplinkEndpoint {
  name: string;
  dataflowDetails: { agentConnectionDetails: { ingressAddressAndPort: ConnectionDetails; agentIpAndPortAddress: RangedConnectionDetails } };
}
interface DownlinkEndpoint {
  name: string;
  dataflowDetails: { agentConnectionDetails: { agentIpAndPortAddress: RangedConnectionDetails; egressAddressAndPort: ConnectionDetails } };
}

/** One member of CreateEndpointDetailsList (a union: exactly one member is set). */
export type EndpointDetailsV2 =
  { uplinkAwsGroundStationAgentEndpoint: UplinkEndpoint } | { downlinkAwsGroundStationAgentEndpoint: DownlinkEndpoint };

export interface CreateGroupV2Request {
  endpoints: EndpointDetailsV2[];
  contactPrePassDurationSeconds?: number;
  contactPostPassDurationSeconds?: number;
  tags?: Record<string, string>;
}

/** The agent's IP of an endpoint (agentIpAndPortAddress.socketAddress.name). */
export function agentIpOf(e: EndpointDetailsV2): string {
  const d = 'uplinkAwsGroundStationAgentEndpoint' in e ? e.uplinkAwsGroundStationAgentEndpoint : e.downlinkAwsGroundStationAgentEndpoint;
  return d.dataflowDetails.agentConnectionDetails.agentIpAndPortAddress.socketAddress.name;
}
