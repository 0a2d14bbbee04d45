/**
 * EC2 Query-API stand-in for a simulated host: DescribeAddresses, DescribeInstances,
 * DescribeNetworkInterfaces, DescribeInstanceTypes, DescribeSecurityGroups,
 * DescribeManagedPrefixLists, DescribeRouteTables and DescribeInternetGateways, answered in
 * the XML shapes the SDK (client-ec2 3.523.0) parses, with EC2's error codes and status codes.
 */
import { randomUUID } from 'node:crypto';
import { ec2ErrorXml, ec2ResponseXml, type XmlValue } from './ec2-xml.ts';
import {
  ADDRESS_FILTERS,
  addressRows,
  ENI_FILTERS,
  eniRow,
  instanceRow,
  instanceTypeXml,
  PREFIX_LIST_FILTERS,
  prefixListRow,
  SECURITY_GROUP_FILTERS,
  securityGroupRow,
  type Row,
} from './ec2-shapes.ts';
import { INTERNET_GATEWAY_FILTERS, internetGatewayRow, ROUTE_TABLE_FILTERS, routeTableRow } from './ec2-route-shapes.ts';
import { HOST_PROFILES, MANAGED_PREFIX_LISTS, securityGroups, internetGateways, routeTables } from './hosts.ts';
import { checkSigV4, EC2_AUTH_ERROR_CODES } from './sigv4-check.ts';
import type {
  SandboxRequest,
  SandboxResponse,
  SandboxService,
  SimulatedHost,
  SimulatedInternetGateway,
  SimulatedRouteTable,
  SimulatedSecurityGroup,
} from './types.ts';

export interface Ec2ServiceOptions {
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
  /** Refuse every call with UnauthorizedOperation, as for an instance role without EC2 rights. */
  deny?: boolean;
}

/** A request EC2 rejects: thrown by the handlers, rendered as EC2's error XML. */
class Ec2Fault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Params = URLSearchParams;

/** `Prefix.1`, `Prefix.2`, … (EC2 query lists are 1-based). */
function listParam(p: Params, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 1; p.has(`${prefix}.${i}`); i++) out.push(p.get(`${prefix}.${i}`) ?? '');
  return out;
}

/** `Filter.N.Name` + `Filter.N.Value.M` → name → values. */
function readFilters(p: Params): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (let i = 1; p.has(`Filter.${i}.Name`); i++) {
    filters.set(p.get(`Filter.${i}.Name`) ?? '', listParam(p, `Filter.${i}.Value`));
  }
  return filters;
}

/** Rows whose fields match every filter (any value); unknown filter names are rejected as EC2 does. */
function applyFilters<R extends Row>(rows: R[], filters: Map<string, string[]>, known: string[]): R[] {
  for (const name of filters.keys()) {
    if (!known.includes(name)) throw new Ec2Fault(400, 'InvalidParameterValue', `The filter '${name}' is invalid`);
  }
  return rows.filter((row) =>
    [...filters].every(([name, values]) => (row.fields[name] ?? []).some((v) => v !== undefined && values.includes(v))),
  );
}

/** Ids asked for by name must all exist, else EC2 fails the whole call. */
function requireIds(asked: string[], known: string[], code: string, what: (missing: string) => string): void {
  const missing = asked.filter((id) => !known.includes(id));
  if (missing.length > 0) throw new Ec2Fault(400, code, what(missing.join(', ')));
}

function describeAddresses(host: SimulatedHost, p: Params): Record<string, XmlValue> {
  const rows = addressRows(host);
  const ips = listParam(p, 'PublicIp');
  const allocs = listParam(p, 'AllocationId');
  requireIds(
    ips,
    rows.map((r) => r.fields['public-ip'][0] ?? ''),
    'InvalidAddress.NotFound',
    (m) => `Address '${m}' not found.`,
  );
  requireIds(
    allocs,
    rows.map((r) => r.fields['allocation-id'][0] ?? ''),
    'InvalidAllocationID.NotFound',
    (m) => `The allocation IDs '${m}' do not exist`,
  );
  const byId = rows.filter(
    (r) =>
      (ips.length === 0 || ips.includes(r.fields['public-ip'][0] ?? '')) &&
      (allocs.length === 0 || allocs.includes(r.fields['allocation-id'][0] ?? '')),
  );
  return { addressesSet: applyFilters(byId, readFilters(p), ADDRESS_FILTERS).map((r) => r.xml) };
}

function describeInstances(w: Ec2World, p: Params): Record<string, XmlValue> {
  const hosts = [w.host, ...w.fleet];
  const ids = listParam(p, 'InstanceId');
  const malformed = ids.find((id) => !/^i-[0-9a-f]{8}(?:[0-9a-f]{9})?$/.test(id));
  if (malformed !== undefined) throw new Ec2Fault(400, 'InvalidInstanceID.Malformed', `Invalid id: "${malformed}"`);
  requireIds(
    ids,
    hosts.map((h) => h.instanceId),
    'InvalidInstanceID.NotFound',
    (m) => `The instance ID '${m}' does not exist`,
  );
  const rows = applyFilters(
    hosts.filter((h) => ids.length === 0 || ids.includes(h.instanceId)).map((h) => ({ ...instanceRow(h), host: h })),
    readFilters(p),
    Object.keys(instanceRow(w.host).fields),
  );
  return {
    reservationSet: rows.map((r) => ({
      reservationId: `r-${r.host.instanceId.slice(2)}`,
      ownerId: r.host.accountId,
      groupSet: [],
      instancesSet: [r.xml],
    })),
  };
}

function describeNetworkInterfaces(host: SimulatedHost, p: Params): Record<string, XmlValue> {
  const rows = host.interfaces.map((eni) => eniRow(host, eni, false));
  const ids = listParam(p, 'NetworkInterfaceId');
  requireIds(
    ids,
    host.interfaces.map((e) => e.interfaceId),
    'InvalidNetworkInterfaceID.NotFound',
    (m) => `The networkInterface ID '${m}' does not exist`,
  );
  const byId = rows.filter((r) => ids.length === 0 || ids.includes(r.fields['network-interface-id'][0] ?? ''));
  return { networkInterfaceSet: applyFilters(byId, readFilters(p), ENI_FILTERS).map((r) => r.xml) };
}

/** The host's own type, then every profile's type: what this stand-in "knows". */
function knownTypes(host: SimulatedHost): Map<string, SimulatedHost> {
  const types = new Map<string, SimulatedHost>([[host.instanceType, host]]);
  for (const h of Object.values(HOST_PROFILES)) if (!types.has(h.instanceType)) types.set(h.instanceType, h);
  return types;
}

function describeInstanceTypes(host: SimulatedHost, p: Params): Record<string, XmlValue> {
  const types = knownTypes(host);
  const asked = listParam(p, 'InstanceType');
  const unknown = asked.filter((t) => !types.has(t));
  if (unknown.length > 0) {
    throw new Ec2Fault(400, 'InvalidInstanceType', `The following supplied instance types do not exist: [${unknown.join(', ')}]`);
  }
  const chosen = asked.length > 0 ? asked : [...types.keys()];
  return { instanceTypeSet: chosen.map((t) => instanceTypeXml(types.get(t) as SimulatedHost)) };
}

/** The account's side of EC2 that a sandbox may change at run time (fault injection). */
interface Ec2World {
  host: SimulatedHost;
  fleet: SimulatedHost[];
  securityGroups: SimulatedSecurityGroup[];
  routeTables: SimulatedRouteTable[];
  internetGateways: SimulatedInternetGateway[];
}

function describeSecurityGroups(w: Ec2World, p: Params): Record<string, XmlValue> {
  const ids = listParam(p, 'GroupId');
  const malformed = ids.find((id) => !/^sg-[0-9a-f]{8}(?:[0-9a-f]{9})?$/.test(id));
  if (malformed !== undefined) throw new Ec2Fault(400, 'InvalidGroupId.Malformed', `Invalid id: "${malformed}" (expecting "sg-...")`);
  requireIds(
    ids,
    w.securityGroups.map((g) => g.groupId),
    'InvalidGroup.NotFound',
    (m) => `The security group '${m}' does not exist`,
  );
  const rows = w.securityGroups.filter((g) => ids.length === 0 || ids.includes(g.groupId)).map((g) => securityGroupRow(w.host, g));
  return { securityGroupInfo: applyFilters(rows, readFilters(p), SECURITY_GROUP_FILTERS).map((r) => r.xml) };
}

function describeManagedPrefixLists(w: Ec2World, p: Params): Record<string, XmlValue> {
  const ids = listParam(p, 'PrefixListId');
  requireIds(
    ids,
    MANAGED_PREFIX_LISTS.map((l) => l.id),
    'InvalidPrefixListID.NotFound',
    (m) => `The prefix list ID '${m}' does not exist`,
  );
  const rows = MANAGED_PREFIX_LISTS.filter((l) => ids.length === 0 || ids.includes(l.id)).map((l) => prefixListRow(w.host, l));
  return { prefixListSet: applyFilters(rows, readFilters(p), PREFIX_LIST_FILTERS).map((r) => r.xml) };
}

function describeRouteTables(w: Ec2World, p: Params): Record<string, XmlValue> {
  const ids = listParam(p, 'RouteTableId');
  requireIds(
    ids,
    w.routeTables.map((t) => t.routeTableId),
    'InvalidRouteTableID.NotFound',
    (m) => `The routeTable ID '${m}' does not exist`,
  );
  const rows = w.routeTables.filter((t) => ids.length === 0 || ids.includes(t.routeTableId)).map((t) => routeTableRow(w.host, t));
  return { routeTableSet: applyFilters(rows, readFilters(p), ROUTE_TABLE_FILTERS).map((r) => r.xml) };
}

function describeInternetGateways(w: Ec2World, p: Params): Record<string, XmlValue> {
  const ids = listParam(p, 'InternetGatewayId');
  requireIds(
    ids,
    w.internetGateways.map((g) => g.internetGatewayId),
    'InvalidInternetGatewayID.NotFound',
    (m) => `The internetGateway ID '${m}' does not exist`,
  );
  const rows = w.internetGateways
    .filter((g) => ids.length === 0 || ids.includes(g.internetGatewayId))
    .map((g) => internetGatewayRow(w.host, g));
  return { internetGatewaySet: applyFilters(rows, readFilters(p), INTERNET_GATEWAY_FILTERS).map((r) => r.xml) };
}

const onHost = (fn: (host: SimulatedHost, p: Params) => Record<string, XmlValue>) => (w: Ec2World, p: Params) => fn(w.host, p);

const ACTIONS: Record<string, (w: Ec2World, p: Params) => Record<string, XmlValue>> = {
  DescribeAddresses: onHost(describeAddresses),
  DescribeInstances: describeInstances,
  DescribeNetworkInterfaces: onHost(describeNetworkInterfaces),
  DescribeInstanceTypes: onHost(describeInstanceTypes),
  DescribeSecurityGroups: describeSecurityGroups,
  DescribeManagedPrefixLists: describeManagedPrefixLists,
  DescribeRouteTables: describeRouteTables,
  DescribeInternetGateways: describeInternetGateways,
};

const AUTH_STATUS: Record<string, number> = {
  AuthFailure: 401,
  MissingAuthenticationToken: 401,
  SignatureDoesNotMatch: 403,
  IncompleteSignature: 400,
  RequestExpired: 400,
};

/** SigV4 with the sandbox's credentials and scope `<region>/ec2`; failures use EC2's codes. */
async function checkAuthorization(req: SandboxRequest, opts: Ec2ServiceOptions): Promise<Ec2Fault | undefined> {
  const result = await checkSigV4(req, { service: 'ec2', region: opts.region, credentials: opts.credentials });
  if (result.ok) return undefined;
  const code = EC2_AUTH_ERROR_CODES[result.kind];
  return new Ec2Fault(AUTH_STATUS[code] ?? 401, code, result.message);
}

function isForm(req: SandboxRequest): boolean {
  return String(req.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('application/x-www-form-urlencoded');
}

export interface Ec2Service extends SandboxService {
  /** Refuse with UnauthorizedOperation: every call (true), the named actions, or none (false). */
  deny: boolean | string[];
  /** The VPC's security groups; change them to simulate a missing rule. */
  securityGroups: SimulatedSecurityGroup[];
  /** The VPC's route tables; change them to simulate a private subnet. */
  routeTables: SimulatedRouteTable[];
  /** The other hosts of a fleet (`sandbox --fleet N`): DescribeInstances lists them too; remove one to make it gone. */
  fleet: SimulatedHost[];
}

export function createEc2Service(host: SimulatedHost, opts: Ec2ServiceOptions): Ec2Service {
  const world: Ec2World = {
    host,
    fleet: [],
    securityGroups: securityGroups(),
    routeTables: routeTables(),
    internetGateways: internetGateways(),
  };
  async function run(req: SandboxRequest, action: string, requestId: string): Promise<string> {
    const auth = await checkAuthorization(req, opts);
    if (auth) throw auth;
    if (service.deny === true || (Array.isArray(service.deny) && service.deny.includes(action))) {
      throw new Ec2Fault(
        403,
        'UnauthorizedOperation',
        `You are not authorized to perform this operation. User is not authorized to perform: ec2:${action}`,
      );
    }
    const p = new URLSearchParams(req.body.toString('utf8'));
    if (!action) throw new Ec2Fault(400, 'MissingAction', "The request must contain the parameter 'Action'");
    if (!p.get('Version')) throw new Ec2Fault(400, 'MissingParameter', "The request must contain the parameter 'Version'");
    const handler = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
    if (!handler) throw new Ec2Fault(400, 'InvalidAction', `The action ${action} is not valid for this web service.`);
    return ec2ResponseXml(action, requestId, handler(world, p));
  }

  const service: Ec2Service = {
    deny: opts.deny ?? false,
    get securityGroups() {
      return world.securityGroups;
    },
    set securityGroups(groups) {
      world.securityGroups = groups;
    },
    get routeTables() {
      return world.routeTables;
    },
    get fleet() {
      return world.fleet;
    },
    set fleet(hosts) {
      world.fleet = hosts;
    },
    set routeTables(tables) {
      world.routeTables = tables;
    },
    identify(req) {
      if (req.method !== 'POST' || req.url.pathname !== '/' || !isForm(req)) return undefined;
      const action = new URLSearchParams(req.body.toString('utf8')).get('Action');
      return `ec2:${action ?? ''}`;
    },
    async handle(req, action) {
      const name = action.replace(/^ec2:/, '');
      const requestId = randomUUID();
      // EC2 sends the request id in the body and in this header; the SDK's $metadata reads the header.
      const headers = { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId };
      try {
        return { status: 200, headers, body: await run(req, name, requestId) };
      } catch (err) {
        if (!(err instanceof Ec2Fault)) throw err;
        return { status: err.status, headers, body: ec2ErrorXml(err.code, err.message, requestId) } satisfies SandboxResponse;
      }
    },
  };
  return service;
}
