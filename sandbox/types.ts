/** Contracts between the sandbox's HTTP server and the services it routes to. */
import type { IncomingHttpHeaders } from 'node:http';

export interface SandboxRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * One stand-in service. The server asks each service in turn to `identify` a request; the
 * first that names an action (e.g. `groundstation:CreateDataflowEndpointGroupV2`,
 * `ec2:DescribeAddresses`, `imds:token`, `imds:get`) handles it. The server records the
 * action and applies injected faults before calling `handle`.
 */
export interface SandboxService {
  identify(req: SandboxRequest): string | undefined;
  handle(req: SandboxRequest, action: string): SandboxResponse | Promise<SandboxResponse>;
}

export interface SimulatedElasticIp {
  publicIp: string;
  allocationId: string;
  associationId: string;
  /** Private IP of the interface it is associated with. */
  privateIp: string;
}

export interface SimulatedInterface {
  mac: string;
  deviceNumber: number;
  networkCardIndex: number;
  interfaceId: string;
  subnetId: string;
  vpcId: string;
  /** Name under /sys/class/net in the generated tree (eth0, eth1, ens5 …). */
  linuxName: string;
  /** First one is the primary private IP. */
  privateIps: string[];
  elasticIps: SimulatedElasticIp[];
  /** An auto-assigned public IP (not an Elastic IP): changes on stop/start. */
  autoPublicIp?: string;
  securityGroupIds: string[];
}

/** A simulated EC2 host: IMDS, EC2 describe answers and the /sys tree are all derived from this. */
export interface SimulatedHost {
  profile: string;
  instanceId: string;
  instanceType: string;
  region: string;
  availabilityZone: string;
  accountId: string;
  imageId: string;
  cpu: { sockets: number; coresPerSocket: number; threadsPerCore: number };
  networkPerformance: string;
  maximumNetworkCards: number;
  maximumNetworkInterfaces: number;
  interfaces: SimulatedInterface[];
}

/** EC2 resources around the simulated host (ec2-shapes.ts, ec2-route-shapes.ts serve them as rows). */
export interface SimulatedIngressRule {
  protocol: string;
  fromPort?: number;
  toPort?: number;
  prefixListIds: string[];
  cidrs: string[];
}
export interface SimulatedSecurityGroup {
  groupId: string;
  groupName: string;
  vpcId: string;
  inbound: SimulatedIngressRule[];
  /** Outbound rules; absent = EC2's default "all traffic to 0.0.0.0/0". */
  outbound?: SimulatedIngressRule[];
}
export interface SimulatedManagedPrefixList {
  id: string;
  name: string;
}

/** One route: to an internet gateway (igw-…), a NAT gateway (nat-…) or `local`. */
export interface SimulatedRoute {
  destination: string;
  target: string;
  state?: 'active' | 'blackhole';
}
export interface SimulatedRouteTable {
  routeTableId: string;
  vpcId: string;
  main: boolean;
  subnetIds: string[];
  routes: SimulatedRoute[];
}
export interface SimulatedInternetGateway {
  internetGatewayId: string;
  vpcId: string;
}
