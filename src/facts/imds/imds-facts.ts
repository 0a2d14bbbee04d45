/**
 * Instance identity and network interfaces from IMDS, every value parsed where it is read
 * (parse-values.ts): a value no EC2 host gives is a HostFactsError (exit 3) naming the IMDS
 * path, the field and the value. Lists are bounded before they are followed (an answer
 * listing 10 000 addresses is refused, not fetched address by address).
 */
import type { HostFacts, InterfaceFacts } from '../../types.ts';
import { factReader, InvalidValue } from '../fact-value.ts';
import type { ImdsClient } from './imds.ts';
import { LIMITS, parseInteger, parseList, parseString, type StringKind } from '../parse-values.ts';

const MACS = 'meta-data/network/interfaces/macs';
const DOC = 'dynamic/instance-identity/document';

function readerAt(client: ImdsClient, path: string) {
  return factReader(
    `IMDS ${client.endpoint}/latest/${path}`,
    `what the instance metadata service answers for /latest/${path} on this host`,
  );
}

/** A leaf as one value of `kind`; undefined when IMDS has no such leaf (404) or it is empty. */
async function leaf(client: ImdsClient, path: string, field: string, kind: StringKind): Promise<string | undefined> {
  const text = (await client.get(path))?.trim();
  return text ? readerAt(client, path)(field, text, (v) => parseString(kind, v)) : undefined;
}

const PLURAL: Partial<Record<StringKind, string>> = { ipv4: 'IPv4 addresses', mac: 'MAC addresses', securityGroupId: 'security group ids' };

/** An LF list or listing, at most `max` lines, each of `kind` (a trailing `/` of directories dropped). */
async function lines(client: ImdsClient, path: string, field: string, max: number, kind: StringKind): Promise<string[]> {
  const raw = (await client.getLines(path)).map((l) => l.replace(/\/$/, ''));
  return readerAt(client, path)(field, raw, (v) => parseList(v, max, (x) => parseString(kind, x), PLURAL[kind] ?? kind));
}

async function readAssociations(client: ImdsClient, base: string): Promise<Record<string, string>> {
  const publics = await lines(client, `${base}/ipv4-associations/`, 'ipv4-associations', LIMITS.ipsPerInterface, 'ipv4');
  const privates = await Promise.all(publics.map((ip) => leaf(client, `${base}/ipv4-associations/${ip}`, 'private IPv4', 'ipv4')));
  const out: Record<string, string> = {};
  publics.forEach((ip, i) => {
    if (privates[i]) out[ip] = privates[i];
  });
  return out;
}

async function readInterface(client: ImdsClient, mac: string): Promise<InterfaceFacts> {
  const base = `${MACS}/${mac}`;
  const [deviceText, interfaceId, subnetId, vpcId, privateIps, publicIps, ipv4Associations, groupIds] = await Promise.all([
    client.get(`${base}/device-number`),
    leaf(client, `${base}/interface-id`, 'interface-id', 'eniId'),
    leaf(client, `${base}/subnet-id`, 'subnet-id', 'subnetId'),
    leaf(client, `${base}/vpc-id`, 'vpc-id', 'vpcId'),
    lines(client, `${base}/local-ipv4s`, 'local-ipv4s', LIMITS.ipsPerInterface, 'ipv4'),
    lines(client, `${base}/public-ipv4s`, 'public-ipv4s', LIMITS.ipsPerInterface, 'ipv4'),
    readAssociations(client, base),
    lines(client, `${base}/security-group-ids`, 'security-group-ids', LIMITS.securityGroupsPerInterface, 'securityGroupId'),
  ]);
  const deviceNumber = readerAt(client, `${base}/device-number`)('device-number', deviceText?.trim(), (v) =>
    parseInteger('deviceNumber', v),
  );
  return {
    mac,
    deviceNumber,
    ...(interfaceId ? { interfaceId } : {}),
    ...(subnetId ? { subnetId } : {}),
    ...(vpcId ? { vpcId } : {}),
    privateIps,
    publicIps,
    ipv4Associations,
    ...(groupIds.length ? { securityGroupIds: groupIds } : {}),
  };
}

/**
 * The identity document's fields: absent ones come from meta-data leaves; present ones must be
 * right. Also for commands that need only the instance and region (status, destroy).
 */
export async function readImdsIdentity(client: ImdsClient): Promise<HostFacts['instance']> {
  const doc = await client.getJson<unknown>(DOC);
  const read = readerAt(client, DOC);
  const obj =
    doc === undefined
      ? {}
      : read('the document', doc, (v) => {
          if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new InvalidValue('a JSON object', v);
          return v as Record<string, unknown>;
        });
  const field = (name: string, kind: StringKind, path: string) =>
    obj[name] !== undefined
      ? Promise.resolve(read(name, obj[name], (v) => parseString(kind, v)))
      : leaf(client, path, path.split('/').pop() as string, kind);
  const [id, type, region, availabilityZone] = await Promise.all([
    field('instanceId', 'instanceId', 'meta-data/instance-id'),
    field('instanceType', 'instanceType', 'meta-data/instance-type'),
    field('region', 'region', 'meta-data/placement/region'),
    field('availabilityZone', 'availabilityZone', 'meta-data/placement/availability-zone'),
  ]);
  // The account id is only in the identity document.
  const accountId = read('accountId', obj.accountId, (v) => parseString('accountId', v));
  return {
    id: read('instanceId', id, (v) => parseString('instanceId', v)),
    type: read('instanceType', type, (v) => parseString('instanceType', v)),
    region: read('region', region, (v) => parseString('region', v)),
    ...(availabilityZone ? { availabilityZone } : {}),
    accountId,
  };
}

/**
 * Instance identity and every network interface, in two parallel waves (the identity
 * document with the interface list, then each interface's leaves); interfaces sorted by
 * device number. The identity document answers instance id, type, region, zone and account
 * in one GET; the meta-data leaves are read only if it lacks one.
 */
export async function readImdsFacts(client: ImdsClient): Promise<Omit<HostFacts, 'cpu' | 'elasticIps'>> {
  const [instance, macs] = await Promise.all([readImdsIdentity(client), lines(client, `${MACS}/`, 'interfaces', LIMITS.interfaces, 'mac')]);
  const interfaces = await Promise.all(macs.map((m) => readInterface(client, m)));
  return { instance, interfaces: interfaces.sort((a, b) => a.deviceNumber - b.deviceNumber) };
}
