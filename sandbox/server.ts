/**
 * The embedded sandbox: IMDSv2, Ground Station (restJson1) and EC2 (query/XML) stand-ins on
 * one 127.0.0.1 port, for one simulated host whose /sys tree is generated in a temp dir.
 * Everything the tool (or the AWS CLI, boto3, another SDK) needs is in `env`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createEc2Service } from './ec2-service.ts';
import { createGroundStationService } from './groundstation-service.ts';
import { createContactsService } from './contacts-service.ts';
import { createHostAgent } from './host-agent.ts';
import { DEFAULT_HOST_PROFILE, fleetHost, getHostProfile, MAX_FLEET } from './hosts.ts';
import { createSsmService } from './ssm-service.ts';
import { createClock } from './contacts-store.ts';
import { createImdsService } from './imds-service.ts';
import { createTaggingService } from './tagging-service.ts';
import { seedForeignGroups } from './seed-groups.ts';
import { writeSysfsTree } from './sysfs-tree.ts';
import { breakEc2, breakHost, breakLiveState, breakSysfs, checkBreaks, defaultLiveState } from './host-breaks.ts';
import { checkSysVariants } from './sys-variants.ts';
import { writeNicSysFiles, writeOsRelease, writeProcTree, writeStandInPrograms } from './proc-tree.ts';
import { FaultTable, faultResponse, type FaultRule } from './faults.ts';
import type { SandboxRequest, SandboxResponse, SandboxService, SimulatedHost } from './types.ts';
import { writeAgentPackage, type AgentPackage, type AgentStep } from './agent-package.ts';
import { createS3Service } from './s3-service.ts';

/** Dummy credentials the sandbox accepts; they open nothing anywhere else. */
export const SANDBOX_CREDENTIALS = { accessKeyId: 'AKIASANDBOXEXAMPLE00', secretAccessKey: 'sandbox/secret/key/not/a/real/one/EXAMPLE' };
/** The instance role's session token (IMDS iam/security-credentials), dummy like the keys. */
export const SANDBOX_SESSION_TOKEN = 'sandbox-session-token-EXAMPLE';

export interface SandboxOptions {
  port?: number;
  profile?: string;
  /** Where to generate the /sys tree; a temp dir (removed on close) by default. */
  sysRoot?: string;
  /** Groups of other hosts and missions already in the account (discovery at scale: bench, tests). */
  otherGroups?: number;
  /** Doctor check ids to make fail on the simulated host (`sandbox --break ID`). */
  breaks?: string[];
  /** Variants of a real kernel's /sys (`sandbox --sys VARIANT`, sys-variants.ts). */
  sys?: string[];
  /** Start with this host's agent running and registered (see Sandbox.hostAgent). */
  agentHealthy?: boolean;
  /** The installed agent's `version-release` (default 1.0.5953.0-1, the newest; '' for none): rehearse upgrade-agent from it. */
  agentVersion?: string;
  /** Make this step of an agent upgrade fail once (`sandbox --fail-agent-step`; agent-package.ts). */
  failAgentStep?: AgentStep;
  /** No service-linked role yet (a fresh account): the first create makes it with the caller's iam:CreateServiceLinkedRole. */
  freshAccount?: boolean;
  /** No service-linked role and the caller may not create it: new groups report NOT_AUTHORIZED_TO_CREATE_SLR. */
  noSlrPermission?: boolean;
  /** Dataflow endpoint groups per region (quota L-D6A1915B); a create past it answers ServiceQuotaExceededException. */
  groupQuota?: number;
  /** Every group created reports this health reason (UNHEALTHY). */
  healthReason?: string;
  /** Called once per request served: `sandbox --verbose` prints these. */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Simulate this many hosts (1…MAX_FLEET) behind one Ground Station, EC2, tagging and SSM: `sandbox --fleet N`. */
  fleet?: number;
  /** Simulated seconds per real second of the sandbox clock (contacts run through their phases faster): `sandbox --time-scale N`. */
  timeScale?: number;
  /** Internal (fleet): serve this host on its own port, sharing `shareWith`'s account services. */
  fleetMember?: { host: SimulatedHost; shareWith: Sandbox };
}

/** One request as `sandbox --verbose` shows it. */
export interface RequestLogEntry {
  method: string;
  path: string;
  /** The action (`groundstation:GetDataflowEndpointGroup`), or undefined when no service claims the request. */
  action?: string;
  /** The HTTP status sent, or what happened instead (`dropped`, `answer lost`). */
  outcome: number | 'dropped' | 'answer lost';
  /** The injected fault that hit this request, as a spec-like text. */
  fault?: string;
}

function describeFault(f: FaultRule): string {
  if (f.status) return `${f.status}:${f.code ?? ''}`;
  if (f.drop) return 'drop';
  if (f.lostAnswer) return 'lost';
  if (f.delayMs) return `delay:${f.delayMs}`;
  return f.expireToken ? 'expire-token' : 'fault';
}

export interface Sandbox {
  url: string;
  host: SimulatedHost;
  sysRoot: string;
  /** The simulated /proc and the stand-in programs (ethtool, systemctl, rpm), in a temp dir removed on close. */
  procRoot: string;
  binDir: string;
  env: Record<string, string>;
  groundStation: ReturnType<typeof createGroundStationService>;
  imds: ReturnType<typeof createImdsService>;
  ec2: ReturnType<typeof createEc2Service>;
  tagging: ReturnType<typeof createTaggingService>;
  /** Configs, mission profiles, contacts and the sandbox clock (`contacts.clock`). */
  contacts: ReturnType<typeof createContactsService>;
  /** This host's agent: `running = true` registers it for every group on the host's addresses. */
  hostAgent: ReturnType<typeof createHostAgent>;
  /** Systems Manager Compliance (PutComplianceItems, ListComplianceItems, ListResourceComplianceSummaries). */
  ssm: ReturnType<typeof createSsmService>;
  /** Every host's agent of the account (a fleet's too): each request syncs them all. */
  agents: Array<ReturnType<typeof createHostAgent>>;
  /** Every host of the fleet, this one included; EC2 DescribeInstances lists these (remove one: its instance is gone). */
  fleetHosts: SimulatedHost[];
  /** Hosts 2…N of `sandbox --fleet N`, each on its own port with its own IMDS, /sys and /proc. */
  fleet: Sandbox[];
  /** Public IPs the account owns besides this host's (other hosts of a fleet). */
  accountIps: string[];
  /** Every action served, in order (`groundstation:GetDataflowEndpointGroup`, `ec2:DescribeAddresses`, `imds:get` …). */
  actions: string[];
  /** Called with each action before it is handled; tests use it to hold or kill a client at a precise step. */
  beforeAction?: (action: string) => void | Promise<void>;
  /** The agent package's stand-ins (rpm, yum, dnf, systemctl): steps taken, failures to inject (agent-package.ts). */
  agentPackage: AgentPackage;
  /** The S3 stand-in: the keys of the agent RPMs it served. */
  s3: ReturnType<typeof createS3Service>;
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, r: SandboxResponse): void {
  res.writeHead(r.status, r.headers ?? {});
  res.end(r.body ?? '');
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const fleetSize = opts.fleet ?? 1;
  if (!Number.isInteger(fleetSize) || fleetSize < 1 || fleetSize > MAX_FLEET) throw new Error(`fleet size must be 1 to ${MAX_FLEET}`);
  const shared = opts.fleetMember?.shareWith;
  const host = opts.fleetMember?.host ?? getHostProfile(opts.profile ?? DEFAULT_HOST_PROFILE);
  const breaks = opts.breaks ?? [];
  checkBreaks(breaks);
  breakHost(host, breaks);
  const ownSysRoot = !opts.sysRoot;
  const sysRoot = opts.sysRoot ?? (await mkdtemp(join(tmpdir(), 'gs-agent-config-sys-')));
  const variants = checkSysVariants(opts.sys ?? []);
  await writeSysfsTree(host, sysRoot, { variants, ...breakSysfs(host, breaks) });
  const live = defaultLiveState(host, variants);
  breakLiveState(live, host, breaks);
  const hostDir = await mkdtemp(join(tmpdir(), 'gs-agent-config-host-'));
  const procRoot = join(hostDir, 'proc');
  const binDir = join(hostDir, 'bin');
  if (opts.agentVersion !== undefined)
    live.agent = opts.agentVersion
      ? { ...live.agent, installed: true, version: opts.agentVersion }
      : { installed: false, version: '', active: 'inactive', enabled: 'not-found' };
  const osRelease = join(hostDir, 'etc', 'os-release');
  await Promise.all([
    writeProcTree(host, live, procRoot),
    writeNicSysFiles(host, live, sysRoot),
    writeStandInPrograms(host, live, binDir),
    writeOsRelease(live, osRelease),
  ]);
  const agentPackage = await writeAgentPackage(hostDir, binDir, {
    installed: live.agent.installed ? live.agent.version : '',
    unit: live.agent.active,
    ...(opts.failAgentStep && { failAt: opts.failAgentStep }),
  });
  const hostIps = () => host.interfaces.flatMap((i) => i.elasticIps.map((e) => e.publicIp));
  const accountIps: string[] = shared?.accountIps ?? [];
  const ownedIps = () => [...hostIps(), ...accountIps];
  const imds = createImdsService(host, { role: { name: 'gs-agent-host', ...SANDBOX_CREDENTIALS, sessionToken: SANDBOX_SESSION_TOKEN } });
  const ec2 = createEc2Service(host, { credentials: SANDBOX_CREDENTIALS, region: host.region });
  breakEc2(ec2, breaks);
  const fleetHosts = shared?.fleetHosts ?? [host];
  ec2.fleet = fleetHosts;
  const groundStation =
    shared?.groundStation ??
    createGroundStationService({
      region: host.region,
      accountId: host.accountId,
      credentials: SANDBOX_CREDENTIALS,
      ownedIps,
      recordAction: (action) => actions.push(action),
    });
  if (!shared) {
    if (opts.freshAccount || opts.noSlrPermission) groundStation.slr = { exists: false, callerMayCreate: !opts.noSlrPermission };
    if (opts.groupQuota !== undefined) groundStation.groupQuota = opts.groupQuota;
    if (opts.healthReason !== undefined) groundStation.forcedHealthReason = opts.healthReason;
  }
  const tagging =
    shared?.tagging ??
    createTaggingService({
      region: host.region,
      credentials: SANDBOX_CREDENTIALS,
      groups: () => groundStation.groups.values(),
    });
  if (!shared) seedForeignGroups(groundStation.groups, host, opts.otherGroups ?? 0);
  const contacts =
    shared?.contacts ??
    createContactsService({
      ...(opts.timeScale !== undefined && { clock: createClock(opts.timeScale) }),
      region: host.region,
      accountId: host.accountId,
      credentials: SANDBOX_CREDENTIALS,
      groups: groundStation.groups,
      ownedIps,
    });
  const hostAgent = createHostAgent(hostIps, opts.agentHealthy ?? false, () => agentPackage.unitState());
  const agents = shared?.agents ?? [];
  agents.push(hostAgent);
  const ssm =
    shared?.ssm ??
    createSsmService({
      region: host.region,
      credentials: SANDBOX_CREDENTIALS,
      instances: () => fleetHosts.map((h) => h.instanceId),
      now: () => contacts.clock.now(),
    });
  const s3 = createS3Service({ region: host.region, credentials: SANDBOX_CREDENTIALS, latestVersion: '1.0.5953.0' });
  // Contacts first: the group service answers any other signed Ground Station request itself.
  const services: SandboxService[] = [imds, ec2, tagging, ssm, s3, contacts, groundStation];
  const actions: string[] = [];
  const faults = new FaultTable();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    let action: string | undefined;
    let fault: FaultRule | undefined;
    const done = (outcome: RequestLogEntry['outcome']) =>
      opts.onRequest?.({ method: req.method ?? 'GET', path, action, outcome, ...(fault && { fault: describeFault(fault) }) });
    const reply = (r: SandboxResponse) => {
      send(res, r);
      done(r.status);
    };
    try {
      const body = await readBody(req);
      const sreq: SandboxRequest = {
        method: req.method ?? 'GET',
        url: new URL(`http://127.0.0.1${req.url ?? '/'}`),
        headers: req.headers,
        body,
      };
      for (const svc of services) {
        action = svc.identify(sreq);
        if (!action) continue;
        actions.push(action);
        for (const agent of agents) agent.sync(groundStation.groups);
        await sandbox.beforeAction?.(action);
        fault = faults.take(action);
        if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault!.delayMs));
        if (fault?.drop) return void (req.socket.destroy(), done('dropped'));
        if (fault?.expireToken) imds.expireTokens();
        if (res.destroyed) return;
        if (fault?.status) return reply(faultResponse(action, fault.status, fault.code ?? 'InternalServerError'));
        const answer = await svc.handle(sreq, action);
        if (fault?.lostAnswer) return void (req.socket.destroy(), done('answer lost'));
        return reply(answer);
      }
      reply({
        status: 404,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'no sandbox service for this request' }),
      });
    } catch (err) {
      reply({
        status: 500,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: `sandbox error: ${(err as Error).message}` }),
      });
    }
  };
  // handle() answers every request itself, errors included (500): nothing is left for node:http to catch.
  const server = createServer((req, res) => void handle(req, res));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (err) {
    if (ownSysRoot) await rm(sysRoot, { recursive: true, force: true });
    throw err;
  }
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env = {
    AWS_REGION: host.region,
    // AWS CLI v1 and older SDKs read only AWS_DEFAULT_REGION.
    AWS_DEFAULT_REGION: host.region,
    AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey,
    AWS_EC2_METADATA_SERVICE_ENDPOINT: url,
    AWS_ENDPOINT_URL_GROUNDSTATION: url,
    AWS_ENDPOINT_URL_EC2: url,
    AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: url,
    AWS_ENDPOINT_URL_SSM: url,
    AWS_ENDPOINT_URL_S3: url,
    GS_AGENT_CONFIG_SYS_ROOT: sysRoot,
    GS_AGENT_CONFIG_PROC_ROOT: procRoot,
    GS_AGENT_CONFIG_BIN_DIR: binDir,
    GS_AGENT_CONFIG_OS_RELEASE: osRelease,
  };
  const sandbox: Sandbox = {
    url,
    host,
    sysRoot,
    procRoot,
    binDir,
    env,
    groundStation,
    imds,
    ec2,
    tagging,
    actions,
    contacts,
    hostAgent,
    ssm,
    agents,
    fleetHosts,
    fleet: [],
    accountIps,
    agentPackage,
    s3,
    injectFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    async close() {
      await Promise.all(sandbox.fleet.map((m) => m.close()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownSysRoot) await rm(sysRoot, { recursive: true, force: true });
      await rm(hostDir, { recursive: true, force: true });
    },
  };
  // Hosts 2…N: their own port, IMDS, /sys and /proc; this one's account (Ground Station, EC2's instances, tagging, SSM, contacts).
  try {
    for (let k = 2; k <= fleetSize; k++) {
      const member = fleetHost(host, k);
      fleetHosts.push(member);
      accountIps.push(...member.interfaces.flatMap((i) => i.elasticIps.map((e) => e.publicIp)));
      sandbox.fleet.push(
        await startSandbox({
          agentHealthy: opts.agentHealthy,
          onRequest: opts.onRequest,
          fleetMember: { host: member, shareWith: sandbox },
        }),
      );
    }
  } catch (err) {
    await sandbox.close();
    throw err;
  }
  return sandbox;
}
