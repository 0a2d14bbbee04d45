/**
 * Plain data shared by the pipeline stages: mission → facts → plan → aws → render.
 * Everything here is JSON-serialisable; no class instances, no SDK types.
 */

export type Direction = 'downlink' | 'uplink';

export interface PortRange {
  min: number;
  max: number;
}

export interface HostPort {
  host: string;
  port: number;
}

/** One dataflow of the mission, normalised (defaults filled in). */
export interface MissionDataflow {
  /** Short name; the endpoint name is `${mission.name}-${name}`. */
  name: string;
  direction: Direction;
  /** downlink: egressAddressAndPort (agent → your receiver); uplink: ingressAddressAndPort (your sender → agent). */
  address: HostPort;
  /** Explicit agent port range; otherwise carved from the pool. */
  agentPorts?: PortRange;
  /** MTU of the agent (Elastic IP) side, 1400–1500. */
  mtu?: number;
  /** MTU of the customer side (egress/ingress), 1400–1500. */
  addressMtu?: number;
  /** AntennaDownlink/Uplink bandwidth in MHz, for CPU core sizing. */
  bandwidthMHz?: number;
}

/** The mission, normalised. */
export interface Mission {
  name: string;
  /** Where it came from, for messages. */
  file: string;
  contact: { prePassSeconds: number; postPassSeconds: number };
  agent: {
    portPool: PortRange;
    portsPerDataflow: number;
    /** 'auto', or the Elastic IP address to use. */
    publicIp: string;
    cpuCores: 'auto' | number[];
    networkAdapters: 'auto' | string[];
    privateIps: 'auto' | string[];
  };
  dataflows: MissionDataflow[];
  tags: Record<string, string>;
  /** Bring-your-own group (ARN or id): apply renders from it and creates nothing. */
  group?: string;
  /** Which dataflows run together in one contact (mission `profiles:`); absent: all together. */
  profiles?: MissionProfileSpec[];
}

/** One mission `profiles:` entry: the dataflows of one mission profile's contacts. */
export interface MissionProfileSpec {
  name: string;
  /** Dataflow names (MissionDataflow.name). */
  dataflows: string[];
  /** Mission profile ARN, id or name. */
  missionProfile?: string;
}

/** One network interface as IMDS (and /sys/class/net) sees it. */
export interface InterfaceFacts {
  mac: string;
  deviceNumber: number;
  interfaceId?: string;
  subnetId?: string;
  vpcId?: string;
  privateIps: string[];
  /** public-ipv4s: Elastic or auto-assigned public IPs on this interface. */
  publicIps: string[];
  /** ipv4-associations: public IP → private IP. */
  ipv4Associations: Record<string, string>;
  /** Linux interface name from /sys/class/net/<name>/address, when known. */
  linuxName?: string;
  /** security-group-ids from IMDS. */
  securityGroupIds?: string[];
  /** NUMA node of the NIC's PCI device (class/net/<name>/device/numa_node); absent when -1 or not shown. */
  numaNode?: number;
}

export interface CpuFacts {
  id: number;
  packageId: number;
  coreId: number;
  /** thread_siblings_list, sorted. */
  siblings: number[];
  /** L3 shared_cpu_list, sorted (empty when unknown). */
  l3: number[];
  numaNode?: number;
}

export interface CpuTopologyFacts {
  online: number[];
  cpus: CpuFacts[];
  /** CPUs present but offline (devices/system/cpu/present without online); absent when none. */
  offline?: number[];
  /** The effective cpuset of the agent's unit or the host (cgroup v2 or v1); absent when the kernel shows none. */
  cpuset?: { path: string; cpus: number[] };
  /** CPUs whose L3 cache (cache/indexK, level 3) has no shared_cpu_list; absent when none. */
  l3Unlisted?: number[];
}

export interface ElasticIpFacts {
  publicIp: string;
  allocationId?: string;
  associationId?: string;
  networkInterfaceId?: string;
  privateIp?: string;
}

/** What EC2 DescribeInstanceTypes says about the instance type, in our own words. */
export interface InstanceTypeFacts {
  instanceType: string;
  vCpus?: number;
  cores?: number;
  threadsPerCore?: number;
  networkPerformance?: string;
  maximumNetworkCards?: number;
  maximumNetworkInterfaces?: number;
}

/** One inbound rule of a security group (EC2 IpPermission). */
export interface IngressRuleFacts {
  /** `udp`, `tcp`, `icmp` or `-1` (all). */
  protocol: string;
  fromPort?: number;
  toPort?: number;
  prefixListIds: string[];
  cidrs: string[];
}

export interface SecurityGroupFacts {
  groupId: string;
  groupName?: string;
  inbound: IngressRuleFacts[];
}

/** Everything plan() needs to know about the host. Serialisable: `plan --facts F`. */
export interface HostFacts {
  instance: {
    id: string;
    type: string;
    region: string;
    availabilityZone?: string;
    accountId: string;
  };
  interfaces: InterfaceFacts[];
  cpu?: CpuTopologyFacts;
  /** From EC2 DescribeAddresses; absent when not checked. */
  elasticIps?: ElasticIpFacts[];
  /** From EC2 DescribeInstanceTypes; absent when not checked. */
  instanceTypeInfo?: InstanceTypeFacts;
  /** From EC2 DescribeSecurityGroups: the groups of the interfaces holding public IPs. */
  securityGroups?: SecurityGroupFacts[];
  /** From EC2 DescribeManagedPrefixLists: id of com.amazonaws.global.groundstation in this region. */
  groundStationPrefixListId?: string;
  /** EC2 checks that could not be made (refused, unknown), one sentence each. */
  ec2Unchecked?: string[];
  /** rx ring maximum of each public interface (Linux name → `ethtool -g` "Pre-set maximums" RX); absent when not read. */
  nicRingMax?: Record<string, number>;
  /** Legacy tuning under --root that fights the tool's files; absent when not looked for. */
  legacyTuning?: LegacyTuningFacts;
  /** What plan's readiness checks read from /proc; absent when /proc was not read (a value it could not read is left out). */
  proc?: ProcFacts;
}

/** `/proc/cpuinfo`'s first processor block, as far as the checks need it. */
export interface CpuInfoFacts {
  vendor?: string;
  family?: number;
  model?: number;
  stepping?: number;
  modelName?: string;
}

export interface ProcFacts {
  /** /proc/cmdline, NULs as spaces, trimmed. */
  cmdline?: string;
  cpuInfo?: CpuInfoFacts;
}

/** One line of a legacy tuning file: its number (from 1) and its text, trimmed. */
export interface LegacyTuningLine {
  line: number;
  text: string;
}

/** One file looked at for legacy tuning: the lines found, or why it could not be read. */
export interface LegacyTuningFile {
  /** Host path (without --root). */
  path: string;
  lines: LegacyTuningLine[];
  /** Why the file could not be read (an errno code); its lines are then unknown. */
  unreadable?: string;
}

/**
 * AWS's guide and its CloudFormation UserData leave tuning that fights the tool's files: an
 * `ip_local_reserved_ports` line in /etc/sysctl.conf (loaded after the sysctl.d drop-ins, so
 * it overrides them) and `@reboot` set_irq_affinity.sh / ethtool lines in root's crontab.
 */
export interface LegacyTuningFacts {
  sysctlConf: LegacyTuningFile;
  rootCrontab: LegacyTuningFile;
}

export interface PlannedEndpoint {
  /** Endpoint name in the group (SafeName). */
  name: string;
  dataflow: string;
  direction: Direction;
  agent: { ip: string; ports: PortRange; mtu?: number };
  address: HostPort & { mtu?: number };
}

/** The agent config minus `capabilities` (the ARN is known only after create). */
export interface AgentDevice {
  privateIps: string[];
  publicIps: string[];
  agentCpuCores: number[];
  networkAdapters: string[];
}

export interface TuningPlan {
  irqCores: number[];
  rpsMask: string;
  /** Value of net.ipv4.ip_local_reserved_ports. */
  reservedPorts: string;
  networkAdapters: string[];
  ringBuffer: number;
}

/** CreateDataflowEndpointGroupV2 request body, exactly as sent. */
export interface ConnectionDetailsWire {
  socketAddress: { name: string; port: number };
  mtu?: number;
}
export interface RangedConnectionDetailsWire {
  socketAddress: { name: string; portRange: { minimum: number; maximum: number } };
  mtu?: number;
}
export type CreateEndpointDetailsWire =
  | {
      uplinkAwsGroundStationAgentEndpoint: {
        name: string;
        dataflowDetails: {
          agentConnectionDetails: {
            ingressAddressAndPort: ConnectionDetailsWire;
            agentIpAndPortAddress: RangedConnectionDetailsWire;
          };
        };
      };
    }
  | {
      downlinkAwsGroundStationAgentEndpoint: {
        name: string;
        dataflowDetails: {
          agentConnectionDetails: {
            agentIpAndPortAddress: RangedConnectionDetailsWire;
            egressAddressAndPort: ConnectionDetailsWire;
          };
        };
      };
    };

export interface CreateDataflowEndpointGroupV2Request {
  endpoints: CreateEndpointDetailsWire[];
  contactPrePassDurationSeconds?: number;
  contactPostPassDurationSeconds?: number;
  tags?: Record<string, string>;
}

/** Whether the security groups on the Elastic IP's interface let Ground Station reach the agent ports. */
export interface IngressPlan {
  /** allowed: every agent range is open; missing: some are not; unchecked: EC2 not asked. */
  status: 'allowed' | 'missing' | 'unchecked';
  /** Security groups on the interface holding the agent's public IP. */
  groupIds: string[];
  /** Agent port ranges not open to the prefix list (all of them when unchecked). */
  missing: PortRange[];
  /** The prefix list id when known, else its name. */
  prefixList: string;
}

/**
 * What plan() returns: read-only from then on (no stage edits the pure planner's output; a
 * use-case reports its own warnings beside the plan's).
 */
export interface Plan {
  readonly mission: string;
  readonly instanceId: string;
  readonly region: string;
  readonly accountId: string;
  readonly publicIp: string;
  readonly endpoints: readonly PlannedEndpoint[];
  readonly device: Readonly<AgentDevice>;
  readonly tuning: Readonly<TuningPlan>;
  readonly ingress: Readonly<IngressPlan>;
  /** The exact request, including the tool's own tags. */
  readonly request: CreateDataflowEndpointGroupV2Request;
  /** sha256 of the request without the tool's `gs-agent-config:*` tags. */
  readonly groupHash: string;
  /** Human lines explaining choices (CPU cores, adapters). */
  readonly notes: readonly string[];
  /** What the run should know: host and mission findings, legacy tuning under --root. */
  readonly warnings: readonly string[];
  /**
   * Failing host-readiness checks the facts let the planner judge (doctor's kernel-args,
   * nic-naming, cpu-generation, instance-bandwidth), one `doctor <id>: … Fix: …` line each.
   * `plan` shows them after the warnings; apply leaves them to `doctor`.
   */
  readonly readiness: readonly string[];
  /** The mission's profiles with their endpoint names (absent without `profiles:`). */
  readonly profiles?: readonly PlannedProfile[];
}

export interface PlannedProfile {
  name: string;
  missionProfile?: string;
  endpointNames: string[];
}

/** What GetDataflowEndpointGroup tells about a group, mapped to our types. */
export interface GroupEndpointState {
  name: string;
  direction: Direction;
  agent: { ip: string; ports: PortRange; mtu?: number };
  address: HostPort & { mtu?: number };
  agentStatus?: string;
  auditResults?: string;
  healthStatus?: string;
  healthReasons?: string[];
}

export interface GroupState {
  id: string;
  arn: string;
  endpoints: GroupEndpointState[];
  tags: Record<string, string>;
  contactPrePassDurationSeconds?: number;
  contactPostPassDurationSeconds?: number;
}
