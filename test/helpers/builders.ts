/** Builders for pure planning tests: plain data, no files, no AWS. */
import type { CpuTopologyFacts, HostFacts, Mission, MissionDataflow } from '../../src/types.ts';

/**
 * Linux numbering on the Intel types AWS lists: cpu n and n + N/2 are hyperthread siblings;
 * socket s holds cores s*C .. s*C+C-1 (and their siblings); one L3 per socket.
 */
export function cpuTopology(sockets: number, coresPerSocket: number, threadsPerCore = 2): CpuTopologyFacts {
  const cores = sockets * coresPerSocket;
  const n = cores * threadsPerCore;
  const cpus = [];
  for (let id = 0; id < n; id++) {
    const core = id % cores;
    const pkg = Math.floor(core / coresPerSocket);
    const siblings = Array.from({ length: threadsPerCore }, (_, t) => core + t * cores);
    const l3 = [];
    for (let t = 0; t < threadsPerCore; t++) for (let c = 0; c < coresPerSocket; c++) l3.push(t * cores + pkg * coresPerSocket + c);
    cpus.push({ id, packageId: pkg, coreId: core % coresPerSocket, siblings, l3: l3.sort((a, b) => a - b), numaNode: pkg });
  }
  return { online: Array.from({ length: n }, (_, i) => i), cpus };
}

export function aDataflow(over: Partial<MissionDataflow> = {}): MissionDataflow {
  return { name: 'dl', direction: 'downlink', address: { host: '127.0.0.1', port: 55000 }, ...over };
}

export function aMission(over: Partial<Mission> = {}, agent: Partial<Mission['agent']> = {}): Mission {
  return {
    name: 'm1',
    file: 'mission.yaml',
    contact: { prePassSeconds: 120, postPassSeconds: 120 },
    agent: {
      portPool: { min: 42000, max: 50000 },
      portsPerDataflow: 300,
      publicIp: 'auto',
      cpuCores: 'auto',
      networkAdapters: 'auto',
      privateIps: 'auto',
      ...agent,
    },
    dataflows: [aDataflow({ bandwidthMHz: 400 })],
    tags: {},
    ...over,
  };
}

export function aHost(type = 'c5.24xlarge', topo: CpuTopologyFacts | null = cpuTopology(2, 24), over: Partial<HostFacts> = {}): HostFacts {
  return {
    instance: { id: 'i-0123456789abcdef0', type, region: 'us-east-2', availabilityZone: 'us-east-2a', accountId: '123456789012' },
    interfaces: [
      {
        mac: '0e:00:00:00:00:01',
        deviceNumber: 0,
        interfaceId: 'eni-0000000000000001',
        subnetId: 'subnet-1',
        vpcId: 'vpc-1',
        privateIps: ['10.0.1.10'],
        publicIps: ['203.0.113.10'],
        ipv4Associations: { '203.0.113.10': '10.0.1.10' },
        linuxName: 'eth0',
      },
    ],
    cpu: topo ?? undefined,
    elasticIps: [
      { publicIp: '203.0.113.10', allocationId: 'eipalloc-1', networkInterfaceId: 'eni-0000000000000001', privateIp: '10.0.1.10' },
    ],
    ...over,
  };
}
