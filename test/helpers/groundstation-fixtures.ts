/** Builders for CreateDataflowEndpointGroupV2 requests and a Ground Station stand-in to send them to. */
import { GroundStationClient } from '@aws-sdk/client-groundstation';
import type { CreateDataflowEndpointGroupV2Request, CreateEndpointDetailsWire } from '../../src/types.ts';
import { createGroundStationService, type GroundStationServiceOptions } from '../../sandbox/groundstation-service.ts';
import { serveService } from './serve-service.ts';

export const REGION = 'us-east-2';
export const ACCOUNT = '123456789012';
export const CREDS = { accessKeyId: 'AKIDSANDBOXEXAMPLE', secretAccessKey: 'sandbox-secret-key-example' };

export function downlink(name = 'demo-downlink', agentIp = '198.51.100.10'): CreateEndpointDetailsWire {
  return {
    downlinkAwsGroundStationAgentEndpoint: {
      name,
      dataflowDetails: {
        agentConnectionDetails: {
          agentIpAndPortAddress: { socketAddress: { name: agentIp, portRange: { minimum: 42000, maximum: 42049 } }, mtu: 1500 },
          egressAddressAndPort: { socketAddress: { name: '10.0.0.5', port: 30000 }, mtu: 1450 },
        },
      },
    },
  };
}

export function uplink(name = 'demo-uplink', agentIp = '198.51.100.10'): CreateEndpointDetailsWire {
  return {
    uplinkAwsGroundStationAgentEndpoint: {
      name,
      dataflowDetails: {
        agentConnectionDetails: {
          ingressAddressAndPort: { socketAddress: { name: '10.0.0.6', port: 30001 } },
          agentIpAndPortAddress: { socketAddress: { name: agentIp, portRange: { minimum: 42050, maximum: 42099 } } },
        },
      },
    },
  };
}

export function validRequest(): CreateDataflowEndpointGroupV2Request {
  return {
    endpoints: [downlink(), uplink()],
    contactPrePassDurationSeconds: 120,
    contactPostPassDurationSeconds: 60,
    tags: { 'gs-agent-config:mission': 'demo' },
  };
}

export type Sandbox = Awaited<ReturnType<typeof startGroundStation>>;

/** A Ground Station stand-in on 127.0.0.1 and a real SDK client pointed at it. */
export async function startGroundStation(extra: Partial<GroundStationServiceOptions> = {}) {
  const service = createGroundStationService({ region: REGION, accountId: ACCOUNT, credentials: CREDS, ...extra });
  const server = await serveService(service);
  const client = (over: { region?: string; credentials?: typeof CREDS } = {}) =>
    new GroundStationClient({ region: REGION, endpoint: server.url, credentials: CREDS, maxAttempts: 1, ...over });
  return { service, url: server.url, client, close: server.close };
}
